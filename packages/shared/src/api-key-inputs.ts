import { z } from 'zod';
import { lineText, screened } from './text';
import { teamId } from './team-inputs';

/** `read` runs the HR queries, `write` the HR mutations (docs/adr/0021). */
export const API_KEY_SCOPES = ['read', 'write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const API_KEY_NAME_MAX = 80;

/** `key_` and 20 characters of the RFC 4648 base32 alphabet, lower case. */
export const API_KEY_ID = /^key_[a-z2-7]{20}$/;

export const apiKeyId = screened(z.string().regex(API_KEY_ID, 'must be an API key id'));

/** API inputs of the API keys page, shared by the procedures and the web form. */
export const apiKeyCreateInput = z.object({
  name: lineText(API_KEY_NAME_MAX, { min: 1, minMessage: 'Name the key', maxMessage: `Use at most ${API_KEY_NAME_MAX} characters` }),
  scopes: z
    .array(z.enum(API_KEY_SCOPES))
    .min(1, 'Choose at least one scope')
    .transform((scopes) => API_KEY_SCOPES.filter((scope) => scopes.includes(scope))),
  /** The hiring team the key acts in (docs/adr/0076); absent: the team the admin's session acts in. */
  team: teamId.optional(),
});

export const apiKeyRevokeInput = z.object({ id: apiKeyId });

export type ApiKeyCreateInput = z.infer<typeof apiKeyCreateInput>;
