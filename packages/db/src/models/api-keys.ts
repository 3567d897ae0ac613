import { teamOwned } from './team-scope';
import { Schema } from 'mongoose';
import { API_KEY_SCOPES, type ApiKeyScope } from '@portal/shared/api-key-inputs';
import { STRICT, requiredDate, requiredString, validateUpdates } from './strict-schema';

/**
 * An API key (docs/adr/0021). Only the hash of its secret is kept; the key itself is shown once.
 * Written by admins only (create, revoke): the last use lives in its own document, so a busy key
 * touching it can never write over a revocation (FerretDB v1 updates are read-then-write).
 */
export interface ApiKeyDocument {
  /** `key_` + 20 base32 characters; the same characters sit in the key, so it is found by `_id`. */
  _id: string;
  /** The hiring team the record belongs to (docs/adr/0076); absent on records stored before teams: the default team. */
  team?: string;
  name: string;
  scopes: ApiKeyScope[];
  /** SHA-256 of the key's secret part, base64url. */
  hash: string;
  createdAt: Date;
  /** The HR user id of the admin who created it. */
  createdBy: string;
  revokedAt: Date | null;
}

/** When a key was last used, touched at most once a minute per process; `_id` is the key's id. */
export interface ApiKeyUseDocument {
  _id: string;
  lastUsedAt: Date;
}

/** A small collection (a team's integrations), looked up by `_id` and read whole by the keys page. */
export const apiKeySchema = teamOwned(
  validateUpdates(
  new Schema<ApiKeyDocument>(
    {
      _id: requiredString,
      name: requiredString,
      scopes: {
        type: [{ type: String, enum: API_KEY_SCOPES }],
        required: true,
        validate: (scopes: unknown[]) => scopes.length > 0,
      },
      hash: requiredString,
      createdAt: requiredDate,
      createdBy: requiredString,
      revokedAt: { type: Date, default: null },
    },
    STRICT,
  ),
),
);

export const apiKeyUseSchema = validateUpdates(
  new Schema<ApiKeyUseDocument>({ _id: requiredString, lastUsedAt: requiredDate }, STRICT),
);
