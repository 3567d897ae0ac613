import { z } from 'zod';

/**
 * Parses a service's environment once at start-up. Fails with one message naming every bad
 * variable, and refuses development secrets when NODE_ENV=production.
 */
export function parseEnv<S extends z.ZodObject>(
  schema: S,
  source: Record<string, string | undefined>,
  devSecrets: Partial<Record<keyof z.infer<S>, string>> = {},
): z.infer<S> {
  const result = schema.safeParse(source);
  const problems: string[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(`${issue.path.join('.') || '(root)'}: ${issue.message}`);
  } else if (source.NODE_ENV === 'production') {
    for (const [name, devValue] of Object.entries(devSecrets)) {
      if ((result.data as Record<string, unknown>)[name] === devValue) {
        problems.push(`${name}: still the development default; set a real secret in production`);
      }
    }
  }
  if (problems.length > 0) {
    throw new Error(`Invalid environment:\n  ${problems.join('\n  ')}`);
  }
  return result.data as z.infer<S>;
}

export const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
export const nodeEnv = z.enum(['development', 'test', 'production']).default('development');
export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');
