import { ApplicationFailure, log } from '@temporalio/activity';
import { isDuplicateKeyError, type Database } from '@portal/db';
import type { ListMove } from '@portal/db/documents';
import type { PersistChangeInput } from '../activities-api';

const undoneKey = (key: string) => `${key}.undone`;

/**
 * Records a change's list moves once, under its key; returns the key they are under. A change
 * the store refused leaves its moves there, answered by their opposite, and the next change has
 * the same version, so the same key: when the key's moves were undone, the next free key
 * (`<key>~1`, `~2` …) takes this change's. Only a retry or a change after a refusal meets a taken
 * key, so the usual change costs its one insert.
 */
export async function recordChangeMoves(db: Pick<Database, 'listMoves'>, key: string, moves: ListMove[]): Promise<string> {
  if (moves.length === 0) return key;
  for (let taken = 0; ; taken += 1) {
    const candidate = taken === 0 ? key : `${key}~${taken}`;
    try {
      await db.listMoves.create({ _id: candidate, at: new Date(), moves, folded: false });
      return candidate;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    // Taken by this change's own earlier attempt (a retry lands once), unless that one was undone.
    if ((await db.listMoves.findById(undoneKey(candidate)).lean()) === null) return candidate;
  }
}

/**
 * Takes back what a refused change wrote before its refusal: its audit row (deleted: left, the
 * timeline would show a change that never happened), then its list moves (answered by the
 * opposite moves, not deleted, since the fold may already have counted them). In that order, and
 * each idempotent: an attempt that stops half-way is finished by the activity's next attempt, and
 * an `.undone` row means the audit row is gone too.
 */
export async function undoRefusedChange(db: Database, keys: { auditKey: string; movesKey: string }): Promise<void> {
  await db.auditEvents.deleteOne({ _id: keys.auditKey });
  const recorded = await db.listMoves.findById(keys.movesKey).lean();
  if (recorded === null) return;
  try {
    const opposite = recorded.moves.map((move) => ({ ...move, by: -move.by }));
    await db.listMoves.create({ _id: undoneKey(keys.movesKey), at: new Date(), moves: opposite, folded: false });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}

/**
 * The change's failure, non-retryable: the same write would be refused again. The store's own
 * words go to the log and the failure's cause (the Temporal UI), never into the caller's message.
 */
export function storeRefused(change: PersistChangeInput, refusal: unknown): ApplicationFailure {
  const reason = refusal instanceof Error ? refusal.message : String(refusal);
  log.warn('store refused a change; undone', { interviewId: change.interviewId, event: change.event, version: change.version, reason });
  return ApplicationFailure.create({
    type: 'STORE_REFUSED',
    message: 'The change could not be saved: it holds something the database cannot store, such as a control character. Nothing was changed.',
    nonRetryable: true,
    cause: refusal instanceof Error ? refusal : undefined,
  });
}
