import { setTimeout as sleep } from 'node:timers/promises';
import { candidateSearchKey, newCandidateKey, type CandidateKeyStore, type PayloadKeys, type StoredCandidateKey } from '@portal/shared/payload-codec';
import type { Database } from './database';
import { DEFAULT_TEAM } from '@portal/shared/team-inputs';
import { isDuplicateKeyError } from './query-rules';
import { currentScope } from './models/team-scope';

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

/**
 * Who a candidate is, for their key: their address, within the team the call acts in (docs/adr/0076).
 * A candidate of two teams has a key in each, so one team's erasure never destroys what the
 * other holds; the default team's addresses stand alone, as every key claimed before teams does.
 */
function candidateIdentity(email: string): string {
  const team = currentScope()?.team;
  return team === undefined || team === DEFAULT_TEAM ? email : `${team}\u0000${email}`;
}

/** The digests an address has under every configured master key: a key claimed before a rotation is found too. */
export function candidateDigests(masterKeys: PayloadKeys, email: string): string[] {
  const who = candidateIdentity(email);
  return [...masterKeys.byId.keys()].map((id) => candidateSearchKey({ primaryId: id, byId: masterKeys.byId }, who));
}

/** Told of the candidate's key when the call holds it (created, or read), so the caller's keyring seals the first start without reading it. */
type KeyHeld = (stored: StoredCandidateKey) => void;

/** How long a claim may name a key that cannot be read yet before it counts as one whose writer stopped between its two inserts. */
const UNWRITTEN_KEY_GRACE_MS = 30_000;
const CLAIM_TRIES = 3;

/**
 * The candidate's data key id, created on their first invitation (docs/adr/0040). One key per
 * candidate: the claim is an insert under the address's digest, written beside the key itself,
 * so a first invitation is one round trip and reads nothing. A clash on the claim means the
 * candidate has a key: this call takes its own back and reads the winner's. After an erasure the
 * claim is gone, so the next invitation claims a new random key and never meets the destroyed one.
 * With several master keys (a rotation under way) the digests under the older ones are read first,
 * side by side, so a key claimed before the rotation is found.
 */
export async function candidateKeyFor(db: Database, masterKeys: PayloadKeys, email: string, onKey?: KeyHeld): Promise<string> {
  const digest = candidateSearchKey(masterKeys, candidateIdentity(email));
  if (masterKeys.byId.size > 1) {
    const [claimed] = await candidateKeyIdsOf(db, masterKeys, email);
    if (claimed !== undefined) return claimed;
  }
  for (let tries = 1; ; tries += 1) {
    const fresh = newCandidateKey(masterKeys);
    const stored: StoredCandidateKey = { _id: fresh.keyId, wrapped: fresh.wrapped, wrappedBy: fresh.wrappedBy, destroyedAt: null };
    const createdAt = new Date();
    // Plain inserts (lean: no document built or validated), as every field is set here: this is
    // on the invitation's path, where booking's CPU is what limits the starts (docs/adr/0046).
    const [key, claim] = await Promise.allSettled([
      db.candidateKeys.insertMany([{ ...stored, createdAt }], { lean: true }),
      db.candidateDigests.insertMany([{ _id: digest, keyId: fresh.keyId, createdAt }], { lean: true }),
    ]);
    if (claim.status === 'fulfilled') {
      if (key.status === 'fulfilled') {
        onKey?.(stored);
        return fresh.keyId;
      }
      // A claim never names a key that is not there: the key's write failed, so the claim goes too.
      await db.candidateDigests.deleteOne({ _id: digest, keyId: fresh.keyId });
      throw key.reason;
    }
    if (!isDuplicateKeyError(claim.reason)) {
      if (key.status === 'fulfilled') await db.candidateKeys.deleteOne({ _id: fresh.keyId });
      throw claim.reason;
    }
    // Another invitation holds the claim: this call's key was never named anywhere; it goes.
    const [winner] = await Promise.all([claimedKey(db, digest, onKey), key.status === 'fulfilled' ? db.candidateKeys.deleteOne({ _id: fresh.keyId }) : null]);
    if (winner !== null) return winner;
    if (tries >= CLAIM_TRIES) throw new Error(`the candidate's key claim went away ${CLAIM_TRIES} times while this invitation read it`);
  }
}

/**
 * The key id a claim names, once its key can be read: a racing winner writes its key beside its
 * claim, so the key may land a moment after the claim. Null when the claim is gone (erased
 * meanwhile) or was taken back here because its key never landed (its writer stopped in between).
 */
async function claimedKey(db: Database, digest: string, onKey?: KeyHeld): Promise<string | null> {
  for (let wait = 10; ; wait = Math.min(wait * 2, 500)) {
    const claim = await db.candidateDigests.findById(digest).lean();
    if (!claim) return null;
    const stored = await db.candidateKeys.findById(claim.keyId).lean();
    if (stored) {
      onKey?.(stored);
      return claim.keyId;
    }
    if (Date.now() - claim.createdAt.getTime() > UNWRITTEN_KEY_GRACE_MS) {
      await db.candidateDigests.deleteOne({ _id: digest, keyId: claim.keyId });
      return null;
    }
    await sleep(wait);
  }
}

/** The key ids an address is known by (none once erased). */
export async function candidateKeyIdsOf(db: Database, masterKeys: PayloadKeys, email: string): Promise<string[]> {
  const digests = candidateDigests(masterKeys, email);
  const found = await Promise.all(digests.map((digest) => db.candidateDigests.findById(digest).lean()));
  return found.flatMap((doc) => (doc ? [doc.keyId] : []));
}

/** Erasure's step for one key: the key is gone, its id stays, so every payload it sealed answers "key destroyed". */
export async function destroyCandidateKey(db: Database, keyId: string, destroyedAt: Date): Promise<void> {
  await db.candidateKeys.updateOne({ _id: keyId }, { $set: { wrapped: null, wrappedBy: null, destroyedAt } });
}

/** Erasure's step for an address: its claims go, so nothing links it to a key, and a later invitation claims a new key. */
export async function releaseCandidateClaims(db: Database, masterKeys: PayloadKeys, email: string): Promise<void> {
  await Promise.all(candidateDigests(masterKeys, email).map((digest) => db.candidateDigests.deleteOne({ _id: digest })));
}
