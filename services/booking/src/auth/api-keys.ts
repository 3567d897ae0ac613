import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database } from '@portal/db';
import type { ApiKeyDocument } from '@portal/db/documents';
import type { ApiKeyCreateInput, ApiKeyScope } from '@portal/shared/api-key-inputs';
import { DomainError } from '@portal/shared/errors';
import { teamOf } from '@portal/db/team-scope';

/**
 * API keys (docs/adr/0021). A key reads `pk_<id>_<secret>`: the id finds the document by `_id`,
 * the secret is compared with the stored SHA-256 in constant time. The secret has 256 random
 * bits, so a fast hash is enough (nothing to guess), and every API call stays one `_id` lookup.
 */
export interface ApiKeyPrincipal {
  keyId: string;
  name: string;
  scopes: ApiKeyScope[];
  /** The hiring team the key acts in (docs/adr/0076). */
  team: string;
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const KEY = /^pk_([a-z2-7]{20})_([A-Za-z0-9_-]{43})$/;
/** Compared against when the id is unknown, so a miss costs the same as a wrong secret. */
const NO_HASH = Buffer.alloc(32);
/** Last use is written at most this often per key and process, after the answer, never before it. */
export const LAST_USED_EVERY_MS = 60_000;

const hashOf = (secret: string) => createHash('sha256').update(secret).digest();

/** 20 base32 characters: 256 divides evenly by 32, so every character is uniform. */
function randomBase32(length: number): string {
  return Array.from(randomBytes(length), (byte) => BASE32[byte & 31]).join('');
}

/** What an admin sees of a key: never its hash. `prefix` is the public part of the key, to match a key in a config. */
function present(key: ApiKeyDocument, lastUsedAt: Date | null) {
  return {
    id: key._id,
    name: key.name,
    scopes: key.scopes,
    team: teamOf(key),
    prefix: `pk_${key._id.slice('key_'.length)}`,
    createdAt: key.createdAt.toISOString(),
    createdBy: key.createdBy,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    lastUsedAt: lastUsedAt?.toISOString() ?? null,
  };
}

export type ApiKeyView = ReturnType<typeof present>;

/** A new key; the answer is the only place its secret ever appears. */
/** A new key of the scope's team (the caller sets the scope: team-scope.ts). */
export async function createApiKey(db: Database, input: Omit<ApiKeyCreateInput, 'team'>, createdBy: string) {
  const idPart = randomBase32(20);
  const secret = randomBytes(32).toString('base64url');
  const key = await db.apiKeys.create({
    _id: `key_${idPart}`,
    name: input.name,
    scopes: input.scopes,
    hash: hashOf(secret).toString('base64url'),
    createdAt: new Date(),
    createdBy,
    revokedAt: null,
  });
  return { id: key._id, key: `pk_${idPart}_${secret}`, name: key.name, scopes: key.scopes, team: teamOf(key), createdAt: key.createdAt.toISOString() };
}

/** Every key, newest first; a team holds a handful, so both collections are read whole. */
export async function listApiKeys(db: Database): Promise<ApiKeyView[]> {
  const [keys, uses] = await Promise.all([db.apiKeys.find({}).lean(), db.apiKeyUses.find({}).lean()]);
  const lastUsed = new Map(uses.map((use) => [use._id, use.lastUsedAt]));
  return keys
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .map((key) => present(key, lastUsed.get(key._id) ?? null));
}

/** Revoking is final and idempotent: a second revoke answers the first time of revocation. */
export async function revokeApiKey(db: Database, id: string): Promise<{ id: string; revokedAt: string }> {
  const key = await db.apiKeys.findById(id).lean();
  if (key === null) throw new DomainError('NOT_FOUND', 'There is no API key with this id.');
  const revokedAt = key.revokedAt ?? new Date();
  if (key.revokedAt === null) await db.apiKeys.updateOne({ _id: id }, { $set: { revokedAt } });
  return { id, revokedAt: revokedAt.toISOString() };
}

const touchedAt = new Map<string, number>();

/** Records the use after the caller has its answer; a failed write only costs a stale "last used". */
function touch(db: Database, keyId: string, now: number): void {
  const last = touchedAt.get(keyId);
  if (last !== undefined && now - last < LAST_USED_EVERY_MS) return;
  touchedAt.set(keyId, now);
  setImmediate(() => {
    db.apiKeyUses.updateOne({ _id: keyId }, { $set: { lastUsedAt: new Date(now) } }, { upsert: true }).catch(() => touchedAt.delete(keyId));
  });
}

/** The key's principal, or null for a malformed, unknown or revoked key or a wrong secret. */
export async function authenticateApiKey(db: Database, bearer: string): Promise<ApiKeyPrincipal | null> {
  const match = KEY.exec(bearer);
  if (match === null) return null;
  const [, idPart = '', secret = ''] = match;
  const key = await db.apiKeys.findById(`key_${idPart}`).lean();
  const expected = key === null ? NO_HASH : Buffer.from(key.hash, 'base64url');
  const given = hashOf(secret);
  const same = expected.length === given.length && timingSafeEqual(expected, given);
  if (key === null || !same || key.revokedAt !== null) return null;
  touch(db, key._id, Date.now());
  return { keyId: key._id, name: key.name, scopes: key.scopes, team: teamOf(key) };
}
