import { teamOf } from '@portal/db/team-scope';
import { randomBytes } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { insertOnce, isDuplicateKeyError, type Database } from '@portal/db';
import { activeLockKey } from '@portal/db/documents';
import { newInterviewDocument } from '@portal/db/new-interview';
import { listMoves, recordListMoves } from '@portal/db/interview-list';
import { kindLabelOf } from '@portal/shared/interview-kinds';
import type { LifecycleInput } from '@portal/shared/lifecycle';
import { DEFAULT_MEETING_PROVIDER, meetingRoomPlan, type MeetingRoomPlan } from '@portal/shared/meeting-rooms';

/**
 * Creates the retake's interview document. The active-interview lock (one insert on the
 * candidate + position key) refuses a second active interview even from another lifecycle.
 */
export function createRetakeCreator(deps: { db: Database; jitsiBaseUrl: string; hrEmail: string; candidateSearchKey: (email: string) => string }) {
  const { db } = deps;
  return async function createRetakeInterview(input: {
    fromInterviewId: string;
    newInterviewId: string;
    actor: string;
  }): Promise<Omit<LifecycleInput, 'timings' | 'notificationsTaskQueue'>> {
    const previous = await db.interviews.findById(input.fromInterviewId).lean();
    if (previous === null) throw ApplicationFailure.nonRetryable('Interview not found.', 'NOT_FOUND');
    const lockId = activeLockKey(previous.candidateEmail, previous.position, teamOf(previous));
    try {
      await db.activeLocks.create({ _id: lockId, interviewId: input.newInterviewId, createdAt: new Date() });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const holder = await db.activeLocks.findById(lockId).lean();
      if (holder?.interviewId !== input.newInterviewId) {
        throw ApplicationFailure.nonRetryable(
          'This candidate already has an active interview for this position.',
          'RETAKE_REFUSED',
        );
      }
    }
    // The retake is held where its predecessor was (a room of its own); one invited before providers, on Jitsi.
    const planned = meetingRoomPlan(previous.meetingProvider ?? DEFAULT_MEETING_PROVIDER, randomBytes(12).toString('hex'), deps.jitsiBaseUrl);
    const doc = newInterviewDocument(
      {
        _id: input.newInterviewId,
        // The retake is its first interview's team's (docs/adr/0076).
        team: teamOf(previous),
        candidateName: previous.candidateName,
        candidateEmail: previous.candidateEmail,
        candidateTimezone: previous.candidateTimezone,
        // The retake speaks the language the candidate last used.
        ...(previous.locale ? { locale: previous.locale, localeSource: previous.localeSource ?? 'hr' } : {}),
        position: previous.position,
        kind: previous.kind,
        // The kind as the first attempt fixed it: a retake is the same round again, with the same kit.
        kindTitles: previous.kindTitles ?? null,
        kit: previous.kit ?? null,
        buffers: previous.buffers ?? null,
        durationMinutes: previous.durationMinutes,
        interviewerIds: previous.interviewerIds,
        panelSize: previous.panelSize,
        attempt: previous.attempt + 1,
        previousInterviewId: previous._id,
        rescheduleLimit: previous.rescheduleLimit,
        meetingUrl: planned.url,
        meetingProvider: planned.provider,
        meetingRoom: planned.room,
        // The retake runs under the timings of the lifecycle that approved it, so under these rules too.
        notice: previous.notice ?? null,
        candidateKeyId: previous.candidateKeyId ?? null,
      },
      new Date(),
    );
    await recordListMoves(db, `${doc._id}:0`, listMoves(doc, null, doc));
    await insertOnce(() => db.interviews.create(doc));
    // A retried attempt finds the document its first attempt wrote, with that attempt's room.
    const stored = await db.interviews.findById(doc._id, { meetingUrl: 1, meetingProvider: 1, meetingRoom: 1 }).lean();
    const meeting: MeetingRoomPlan =
      stored?.meetingProvider && stored.meetingRoom ? { provider: stored.meetingProvider, room: stored.meetingRoom, url: stored.meetingUrl } : planned;
    // The retake's own timeline starts with its invitation, as an invited interview's does.
    await insertOnce(() =>
      db.auditEvents.create({
        _id: `${doc._id}:0`,
        team: teamOf(doc),
        interviewId: doc._id,
        at: doc.createdAt,
        actor: input.actor,
        type: 'INVITE',
        fromStatus: null,
        toStatus: 'INVITED',
        detail: `retake (attempt ${doc.attempt}) of interview ${previous._id} for ${doc.position}`,
      }),
    );
    return {
      interviewId: doc._id,
      candidateName: doc.candidateName,
      candidateEmail: doc.candidateEmail,
      candidateSearchKey: doc.candidateKeyId ?? deps.candidateSearchKey(doc.candidateEmail),
      candidateTimezone: doc.candidateTimezone,
      position: doc.position,
      kind: doc.kind,
      kindLabel: kindLabelOf(previous),
      attempt: doc.attempt,
      previousInterviewId: doc.previousInterviewId,
      rescheduleLimit: doc.rescheduleLimit,
      panelSize: doc.panelSize,
      interviewerIds: doc.interviewerIds,
      durationMinutes: doc.durationMinutes,
      hrEmail: deps.hrEmail,
      meeting,
    };
  };
}
