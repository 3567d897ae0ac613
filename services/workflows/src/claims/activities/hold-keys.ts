import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '@portal/db';

/**
 * The keys of a slot claim (5-minute cells, daily seats) are held by inserts under a unique `_id`;
 * every key carries its claim's id, which an attempt and its retry share.
 */
interface ClaimKey {
  _id: string;
  claimId: string;
}

/** Where an ordered batch stopped on a duplicate key, or null for any other failure. */
function firstDuplicate(error: unknown): number | null {
  if (!isDuplicateKeyError(error) || typeof error !== 'object' || error === null || !('writeErrors' in error)) return null;
  const [first] = Array.isArray(error.writeErrors) ? (error.writeErrors as unknown[]) : [];
  const index = typeof first === 'object' && first !== null && 'index' in first ? first.index : undefined;
  return typeof index === 'number' ? index : null;
}

/**
 * Inserts one key of a claim. A key already held by this very claim counts as held: an attempt
 * that outlived its timeout may still be running beside its retry, and the two must not undo
 * each other's inserts (each would then leave the other's later inserts behind, unbooked).
 */
export async function hold<D extends ClaimKey>(collection: Model<D>, doc: D): Promise<boolean> {
  try {
    await collection.create(doc);
    return true;
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    return heldByClaim(collection, doc);
  }
}

async function heldByClaim<D extends ClaimKey>(collection: Model<D>, doc: D): Promise<boolean> {
  return (await collection.findById(doc._id, { claimId: 1 }).lean())?.claimId === doc.claimId;
}

/**
 * What an ordered batch of keys came to: all held, or refused by someone else's key, in which
 * case `landed` says whether this call inserted any key the caller must now take back.
 */
export type HoldResult = { held: true } | { held: false; landed: boolean };

/**
 * Inserts keys in the given order in one ordered batch: the batch stops at the first key already
 * there. One of this claim's own (a retry beside its attempt) is stepped over and the rest sent
 * again; anyone else's means the keys are not free, and the caller releases what landed. A batch
 * refused at its very first key landed nothing, so a losing racer costs one insert and one read.
 */
export async function holdAll<D extends ClaimKey>(collection: Model<D>, docs: D[]): Promise<HoldResult> {
  let rest = docs;
  let landed = false;
  while (rest.length > 0) {
    try {
      await collection.insertMany(rest, { ordered: true });
      return { held: true };
    } catch (error) {
      const at = firstDuplicate(error);
      const doc = at === null ? undefined : rest[at];
      if (at === null || doc === undefined) throw error;
      landed ||= at > 0;
      if (!(await heldByClaim(collection, doc))) return { held: false, landed };
      // This claim's own key, from an attempt before this one: held, and to be taken back on a loss.
      landed = true;
      rest = rest.slice(at + 1);
    }
  }
  return { held: true };
}
