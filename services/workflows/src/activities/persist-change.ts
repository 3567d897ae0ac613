import { ApplicationFailure } from '@temporalio/activity';
import { ACTIVE_STATUSES, assertEdge } from '@portal/shared/status';
import { activeLockKey, isDuplicateKeyError, type InterviewDocument } from '@portal/shared/documents';
import type { Database } from '../db';
import type { ChangeSet, PersistChangeInput } from '../workflows/activities-api';

function toDocumentFields(set: ChangeSet): Partial<InterviewDocument> {
  const fields: Partial<InterviewDocument> = {};
  if (set.slot !== undefined) {
    fields.slot = set.slot && {
      start: new Date(set.slot.start),
      end: new Date(set.slot.end),
      interviewerId: set.slot.interviewerId,
      claimId: set.slot.claimId,
    };
  }
  if (set.rescheduleCount !== undefined) fields.rescheduleCount = set.rescheduleCount;
  if (set.joinedAt !== undefined) fields.joinedAt = new Date(set.joinedAt);
  if (set.completedAt !== undefined) fields.completedAt = new Date(set.completedAt);
  if (set.outcome !== undefined) fields.outcome = set.outcome;
  if (set.cancelReason !== undefined) fields.cancelReason = set.cancelReason;
  if (set.nextInterviewId !== undefined) fields.nextInterviewId = set.nextInterviewId;
  return fields;
}

/**
 * Writes one change the workflow already decided. The workflow is the document's only writer,
 * so the version check is a guard against replays and retries, not a concurrency control: a
 * retry of a write that already landed finds the next version there and does nothing.
 */
export function createChangePersister(deps: { db: Database }) {
  const { db } = deps;
  return async function persistChange(change: PersistChangeInput): Promise<void> {
    if (change.from !== change.to) assertEdge(change.from, change.to);
    const at = new Date();
    const next = change.version + 1;
    // The workflow is this document's only writer, so reading by `_id` and then writing by `_id`
    // races with nothing; a filter on more than `_id` would be a full scan on FerretDB v1.
    const current = await db.interviews.findOne({ _id: change.interviewId });
    if (current === null || current.version < change.version || (current.version === change.version && current.status !== change.from)) {
      throw ApplicationFailure.nonRetryable(
        `interview ${change.interviewId} is ${current?.status ?? 'missing'} at version ${current?.version ?? '-'}; ` +
          `expected ${change.from} at version ${change.version}`,
        'ILLEGAL_TRANSITION',
      );
    }
    if (current.version === change.version) {
      await db.interviews.updateOne(
        { _id: change.interviewId },
        { $set: { ...toDocumentFields(change.set), status: change.to, version: next, updatedAt: at } },
      );
    }
    try {
      await db.auditEvents.insertOne({
        _id: `${change.interviewId}:${next}`,
        interviewId: change.interviewId,
        at,
        actor: change.actor,
        type: change.event,
        fromStatus: change.from,
        toStatus: change.to,
        detail: change.detail,
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    if (!ACTIVE_STATUSES.includes(change.to)) {
      const interview = await db.interviews.findOne({ _id: change.interviewId });
      if (interview) {
        await db.activeLocks.deleteOne({
          _id: activeLockKey(interview.candidateEmail, interview.position),
          interviewId: change.interviewId,
        });
      }
    }
  };
}
