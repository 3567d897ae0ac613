import { ApplicationFailure } from '@temporalio/activity';
import { ACTIVE_STATUSES, assertEdge } from '@portal/shared/status';
import { insertOnce, type Database } from '@portal/db';
import { activeLockKey, availabilityRecordOf, holdRecordOf, slotFields, waitlistRecordOf, type InterviewDocument } from '@portal/db/documents';
import { isStoreRefusal } from '@portal/db/store-refusal';
import type { ChangeSet, PersistChangeInput, PersistedChange } from '../activities-api';
import { releaseClaim } from '../../claims/activities/claim-slot';
import { listKeysOf, listMoves } from '@portal/db/interview-list';
import { teamOf } from '@portal/db/team-scope';
import { recordChangeMoves, storeRefused, undoRefusedChange } from './refused-change';

function toDocumentFields(set: ChangeSet): Partial<InterviewDocument> {
  const fields: Partial<InterviewDocument> = set.slot === undefined ? {} : slotFields(set.slot);
  if (set.rescheduleCount !== undefined) fields.rescheduleCount = set.rescheduleCount;
  if (set.joinedAt !== undefined) fields.joinedAt = new Date(set.joinedAt);
  if (set.completedAt !== undefined) fields.completedAt = new Date(set.completedAt);
  if (set.outcome !== undefined) fields.outcome = set.outcome;
  if (set.cancelReason !== undefined) fields.cancelReason = set.cancelReason;
  if (set.nextInterviewId !== undefined) fields.nextInterviewId = set.nextInterviewId;
  if (set.candidateTimezone !== undefined) fields.candidateTimezone = set.candidateTimezone;
  if (set.meetingUrl !== undefined) fields.meetingUrl = set.meetingUrl;
  if (set.candidatePhone !== undefined) fields.candidatePhone = set.candidatePhone;
  if (set.smsOptIn !== undefined) fields.smsOptIn = set.smsOptIn;
  if (set.availability !== undefined) fields.availability = availabilityRecordOf(set.availability);
  if (set.waitlist !== undefined) fields.waitlist = waitlistRecordOf(set.waitlist);
  if (set.hold !== undefined) fields.hold = holdRecordOf(set.hold);
  if (set.panelAnswers !== undefined) fields.panelAnswers = set.panelAnswers.map((a) => ({ ...a, at: new Date(a.at) }));
  return fields;
}

/**
 * Writes one change the workflow already decided. The workflow is the document's only writer,
 * so the version check is a guard against replays and retries, not a concurrency control: a
 * retry of a write that already landed finds the next version there and does nothing.
 *
 * The list moves and the audit row go first, side by side; the document's new version last, as
 * the change's commit. A write the store refuses for what it holds (docs/adr/0013) fails the
 * change as STORE_REFUSED, non-retryable, once the rows written before it are undone: the
 * document still holds the version before, so the lifecycle's next change applies on top of it.
 */
export function createChangePersister(deps: { db: Database }) {
  const { db } = deps;
  return async function persistChange(change: PersistChangeInput): Promise<PersistedChange> {
    if (change.from !== change.to) assertEdge(change.from, change.to);
    // The workflow is this document's only writer, so reading by `_id` and then writing by `_id`
    // races with nothing; a filter on more than `_id` would be a full scan on FerretDB v1.
    const current = await db.interviews.findById(change.interviewId).lean();
    if (current === null || current.version < change.version || (current.version === change.version && current.status !== change.from)) {
      throw ApplicationFailure.nonRetryable(
        `interview ${change.interviewId} is ${current?.status ?? 'missing'} at version ${current?.version ?? '-'}; ` +
          `expected ${change.from} at version ${change.version}`,
        'ILLEGAL_TRANSITION',
      );
    }
    if (current.version === change.version) {
      const key = `${change.interviewId}:${change.version + 1}`;
      const fields = toDocumentFields(change.set);
      const listKeys = listKeysOf({ status: change.to, outcome: fields.outcome ?? current.outcome, createdAt: current.createdAt, team: current.team });
      const moves = listMoves(current, current, listKeys);
      // Each under this change's own key: a retry after either lands once.
      const rows = await Promise.allSettled([
        recordChangeMoves(db, key, moves),
        insertOnce(() =>
          db.auditEvents.create({
            _id: key,
            // The interview's team (docs/adr/0076): a worker acts outside any team's scope.
            team: teamOf(current),
            interviewId: change.interviewId,
            at: new Date(),
            actor: change.actor,
            type: change.event,
            fromStatus: change.from,
            toStatus: change.to,
            detail: change.detail,
          }),
        ),
      ]);
      const failures = rows.flatMap((row) => (row.status === 'rejected' ? [row.reason as unknown] : []));
      // Failing for the moment, with nothing refused: thrown as it is, so the activity retries.
      if (failures.length > 0 && !failures.some(isStoreRefusal)) throw failures[0];
      const refusal = failures.find(isStoreRefusal) ?? (await commit(db, change, fields, listKeys));
      if (refusal !== undefined) {
        const movesKey = rows[0].status === 'fulfilled' ? rows[0].value : key;
        await undoRefusedChange(db, { auditKey: key, movesKey });
        throw storeRefused(change, refusal);
      }
    }
    // A finished interview's claim can collide with nothing any more: releasing it keeps the
    // claim collections to the calendar ahead, which is what slot listing reads.
    if ((change.to === 'COMPLETED' || change.to === 'NO_SHOW') && current.slot !== null) {
      await releaseClaim(db, current.slot.claimId, true);
    }
    // The candidate's windows (docs/adr/0071): waiting while INVITED, so booking can tell the lifecycle of freed time.
    if (change.set.availability && change.to === 'INVITED') {
      await db.availabilityWaits.replaceOne(
        { _id: change.interviewId },
        { _id: change.interviewId, interviewerIds: current.interviewerIds, at: new Date(), ...(current.loopId ? { loopId: current.loopId } : {}) },
        { upsert: true },
      );
    } else if (change.from === 'INVITED' && change.to !== 'INVITED' && (current.availability || change.set.availability)) {
      await db.availabilityWaits.deleteOne({ _id: change.interviewId });
    }
    await keepWaitlistEntry(db, change, current);
    if (!ACTIVE_STATUSES.includes(change.to)) {
      // By `_id` alone, then checked: the lock may already belong to this candidate's next interview.
      const lockId = activeLockKey(current.candidateEmail, current.position, teamOf(current));
      const lock = await db.activeLocks.findById(lockId).lean();
      if (lock?.interviewId === change.interviewId) await db.activeLocks.deleteOne({ _id: lockId });
    }
    return { persistedAt: new Date().toISOString() };
  };
}

/** The document's new version; `undefined` once written, the refusal if the store refused it. */
async function commit(db: Database, change: PersistChangeInput, fields: Partial<InterviewDocument>, listKeys: object): Promise<unknown> {
  try {
    await db.interviews.updateOne({ _id: change.interviewId }, { $set: { ...fields, ...listKeys, status: change.to, version: change.version + 1 } });
    return undefined;
  } catch (error) {
    if (isStoreRefusal(error)) return error;
    throw error;
  }
}

/**
 * The waitlist's entry follows the change (docs/adr/0072): written when the candidate joins, its
 * booked start and hold kept current, removed when they leave or the interview is no longer booked.
 */
async function keepWaitlistEntry(db: Database, change: PersistChangeInput, current: InterviewDocument): Promise<void> {
  const { set } = change;
  const waiting = set.waitlist === undefined ? Boolean(current.waitlist) : set.waitlist !== null;
  if (!waiting || change.to !== 'SCHEDULED') {
    if (current.waitlist || set.waitlist) await db.waitlistEntries.deleteOne({ _id: change.interviewId });
    return;
  }
  const slotStart = set.slot?.start ?? current.slot?.start;
  if (set.waitlist && set.waitlistEntry && slotStart !== undefined) {
    const { rules, holdMs, before } = set.waitlistEntry;
    await db.waitlistEntries.replaceOne(
      { _id: change.interviewId },
      {
        _id: change.interviewId,
        interviewerIds: current.interviewerIds,
        joinedAt: new Date(set.waitlist.joinedAt),
        before: before === null ? null : new Date(before),
        slotStart: new Date(slotStart),
        rules,
        holdMs,
        holdId: set.hold?.id ?? null,
      },
      { upsert: true },
    );
    return;
  }
  const moved = set.slot ? { slotStart: new Date(set.slot.start) } : {};
  const held = set.hold === undefined ? {} : { holdId: set.hold?.id ?? null };
  if (Object.keys(moved).length + Object.keys(held).length > 0) await db.waitlistEntries.updateOne({ _id: change.interviewId }, { $set: { ...moved, ...held } });
}
