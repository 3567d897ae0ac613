/**
 * The query rules, once (README "Data rules" says the same):
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
