import { z } from 'zod';

/**
 * Keys for the Temporal payload codec, from `PAYLOAD_KEYS=id1:base64key,id2:base64key`. The first
 * key encrypts; every key listed decrypts, so a new key goes first and an old one stays listed
 * until no history that needs it is kept any more.
 */
export interface PayloadKeys {
  primaryId: string;
  byId: ReadonlyMap<string, Buffer>;
}

/** Development only; services refuse it when NODE_ENV=production. */
export const DEV_PAYLOAD_KEYS = 'dev-2025:ZGV2LW9ubHktcGF5bG9hZC1rZXktMzItYnl0ZXMhISE=';

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function parsePayloadKeys(value: string): PayloadKeys {
  const byId = new Map<string, Buffer>();
  let primaryId: string | undefined;
  for (const entry of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    const colon = entry.indexOf(':');
    const id = entry.slice(0, colon);
    const key = Buffer.from(entry.slice(colon + 1), 'base64');
    if (id.startsWith('ck_')) throw new Error(`"${id}": key ids starting with ck_ name candidate data keys`);
    if (colon < 1 || !KEY_ID.test(id)) throw new Error(`"${id || entry.slice(0, 8)}…" is not a key id (letters, digits, . _ -)`);
    if (key.length !== 32) throw new Error(`key "${id}" is ${key.length} bytes; AES-256 needs 32 (base64 of 32 random bytes)`);
    if (byId.has(id)) throw new Error(`key id "${id}" is listed twice`);
    byId.set(id, key);
    primaryId ??= id;
  }
  if (primaryId === undefined) throw new Error('no key given');
  return { primaryId, byId };
}

/** The env variable, checked once at start-up with a message naming what is wrong; kept as text so parseEnv can spot the dev default. */
export const payloadKeysVariable = z
  .string()
  .default(DEV_PAYLOAD_KEYS)
  .superRefine((value, ctx) => {
    try {
      parsePayloadKeys(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `expected id:base64key[,id:base64key…]: ${(error as Error).message}` });
    }
  });
