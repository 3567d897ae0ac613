import { z } from 'zod';

export * from './kind-titles';

/** A slug: lower-case letters, digits and single hyphens, 2–40 characters, as in a URL. */
export const kindId = z
  .string()
  .min(2, 'a kind id has 2 to 40 characters')
  .max(40, 'a kind id has 2 to 40 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a kind id is lower-case letters, digits and single hyphens, like "system-design"');
