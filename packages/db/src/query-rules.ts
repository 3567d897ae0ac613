import type { Model, ProjectionType, RootFilterQuery } from 'mongoose';

/**
 * The query rules, once (docs/data.md says the same):
 *
 * FerretDB v1 turns a filter into SQL only for top-level scalar equality (`{ field: value }`,
 * several ANDed on PostgreSQL; only `_id` on SQLite). Everything else — `$in` (even on `_id`),
 * ranges, regex, dotted paths, sort, skip — is evaluated in FerretDB after it has read the whole
 * collection. So on a collection that grows with history (interviews, claims, audit events,
 * messages), every query is `_id` equality or top-level scalar equality on an indexed field, and
 * documents carry the keys their hot paths need (busy keys, search keys, the slot's day).
 * Small collections that do not grow with history (interviewers, HR users) may be read whole.
 *
 * Every atomic claim is an insert under a unique `_id`; every other document has one writer.
 * FerretDB v1 has no transactions and its conditional updates are not atomic under concurrency.
 */

/** MongoDB and FerretDB both answer a unique-key clash with code 11000: the "already taken" signal. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 11000;
}

/** Inserts, treating "already there" as done: the retry of an insert that landed is a no-op. */
export async function insertOnce(insert: () => Promise<unknown>): Promise<void> {
  try {
    await insert();
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}

/** Up to this many ids are read one `_id` lookup each, side by side; more in one `$in` read. */
const ONE_BY_ONE = 8;

/**
 * The documents of a few ids from a collection that grows with interviewers, never with interviews
 * (interviewers, their calendar busy times and connections; all keyed by the interviewer id). `$in`
 * reads the whole collection, which the rule allows there, but with a thousand interviewers that
 * is a thousand documents for a pool of two: a few ids are read by `_id` instead.
 */
export async function readByIds<D extends { _id: string }>(model: Model<D>, ids: readonly string[], projection?: ProjectionType<D>): Promise<D[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  if (unique.length <= ONE_BY_ONE) {
    const found = await Promise.all(unique.map((id) => model.findById(id, projection).lean<D>()));
    return found.filter((doc): doc is NonNullable<typeof doc> => doc !== null);
  }
  return model.find({ _id: { $in: unique } } as RootFilterQuery<D>, projection).lean<D[]>();
}
