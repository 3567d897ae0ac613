import { createHmac, hkdfSync } from 'node:crypto';
import type { PayloadKeys } from './keys';

/**
 * Search attributes are indexed by the server, so no codec can encrypt them. The CandidateEmail
 * attribute holds this keyed digest of the (lower-cased) address instead: equal for one candidate's
 * lifecycles, useless to anyone without the key. Derived from the primary payload key, so after
 * a rotation new lifecycles carry a new digest (see docs/security.md).
 */
export function candidateSearchKey(keys: PayloadKeys, email: string): string {
  const key = keys.byId.get(keys.primaryId);
  if (!key) throw new Error(`payload key "${keys.primaryId}" missing`);
  const digest = createHmac('sha256', searchKeyOf(key)).update(email.trim().toLowerCase()).digest('base64url').slice(0, 32);
  return `${keys.primaryId}:${digest}`;
}

/** The HMAC key derived from one payload key, derived once per key (every invitation needs it). */
const derived = new Map<string, Buffer>();

function searchKeyOf(key: Buffer): Buffer {
  const id = key.toString('base64');
  let searchKey = derived.get(id);
  if (!searchKey) {
    searchKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'portal candidate email search attribute', 32));
    derived.set(id, searchKey);
  }
  return searchKey;
}
