import { ApplicationFailure, log } from '@temporalio/activity';
import type { Database } from '@portal/db';
import { recordListMoves } from '@portal/db/interview-list';
import type { PersistChangeInput } from '../workflows/activities-api';

/**
 * Takes back what a refused change wrote before its refusal: its audit row (deleted: left, the
 * timeline would show a change that never happened) and its list moves (answered
 * by the opposite moves under a key of their own, since the fold may already have counted them).
 * Each step is idempotent, so a retry of the activity after a failure here undoes once.
 */
export async function undoRefusedChange(db: Database, key: string): Promise<void> {
  const recorded = await db.listMoves.findById(key).lean();
  await Promise.all([
    db.auditEvents.deleteOne({ _id: key }),
    recorded === null ? undefined : recordListMoves(db, `${key}.undone`, recorded.moves.map((move) => ({ ...move, by: -move.by }))),
  ]);
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
