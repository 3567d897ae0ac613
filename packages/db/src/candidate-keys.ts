import { candidateSearchKey, newCandidateKey, type CandidateKeyStore, type PayloadKeys, type StoredCandidateKey } from '@portal/shared/payload-codec';
import type { Database } from './database';
import { isDuplicateKeyError } from './query-rules';

/** The keyring's reads: a lifecycle's key id from its interview, a key by its id (both `_id` equality). */
export function candidateKeyStore(db: Database): CandidateKeyStore {
  return {
    async keyIdOfInterview(interviewId) {
      const doc = await db.interviews.findById(interviewId, { candidateKeyId: 1 }).lean();
      return doc?.candidateKeyId ?? null;
    },
    async keyIdOfLoop(loopId) {
      const doc = await db.loops.findById(loopId, { candidateKeyId: 1 }).lean();
      return doc?.candidateKeyId ?? null;
    },
    findKey: (keyId) => db.candidateKeys.findById(keyId).lean(),
  };
}

/** The digests an address has under every configured master key: a key claimed before a rotation is found too. */
export function candidateDigests(masterKeys: PayloadKeys, email: string): string[] {
  return [...masterKeys.byId.keys()].map((id) => candidateSearchKey({ primaryId: id, byId: masterKeys.byId }, email));
}

/**
 * The candidate's data key id, created on their first invitation. One key per candidate: the key
 * is written first, then claimed by an insert under the address's digest; of two racing first
 * invitations one claim wins and the other reads it (its own key stays unused, never named).
 */
export async function candidateKeyFor(
  db: Database,
  masterKeys: PayloadKeys,
  email: string,
  /** Told of a key this call created, so the caller's keyring seals the first start without reading it back. */
  onFresh?: (stored: StoredCandidateKey) => void,
): Promise<string> {
  for (const digest of candidateDigests(masterKeys, email)) {
    const claimed = await db.candidateDigests.findById(digest).lean();
    if (claimed) return claimed.keyId;
  }
  const digest = candidateSearchKey(masterKeys, email);
  const fresh = newCandidateKey(masterKeys);
  const stored: StoredCandidateKey = { _id: fresh.keyId, wrapped: fresh.wrapped, wrappedBy: fresh.wrappedBy, destroyedAt: null };
  await db.candidateKeys.create({ ...stored, createdAt: new Date() });
  try {
    await db.candidateDigests.create({ _id: digest, keyId: fresh.keyId, createdAt: new Date() });
    onFresh?.(stored);
    return fresh.keyId;
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    await db.candidateKeys.deleteOne({ _id: fresh.keyId });
    const winner = await db.candidateDigests.findById(digest).lean();
    if (!winner) throw error;
    return winner.keyId;
  }
}

/** The key ids an address is known by (none once erased). */
export async function candidateKeyIdsOf(db: Database, masterKeys: PayloadKeys, email: string): Promise<string[]> {
  const digests = candidateDigests(masterKeys, email);
  const found = await Promise.all(digests.map((digest) => db.candidateDigests.findById(digest).lean()));
  return found.flatMap((doc) => (doc ? [doc.keyId] : []));
}
