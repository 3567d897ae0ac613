import { currentScope } from '@portal/db/team-scope';
import { randomBytes, randomUUID } from 'node:crypto';
import { insertOnce, isDuplicateKeyError } from '@portal/db';
import { activeLockKey } from '@portal/db/documents';
import { newInterviewDocument } from '@portal/db/new-interview';
import { activeInterviewers } from '@portal/db/interviewers';
import { listMoves, recordListMoves } from '@portal/db/interview-list';
import { DomainError } from '@portal/shared/errors';
import { DEFAULT_LOCALE } from '@portal/shared/i18n/locales';
import { kindLabelOf } from '@portal/shared/interview-kinds';
import { lifecycleSummary } from '@portal/shared/lifecycle';
import { meetingRoomPlan, type MeetingProvider } from '@portal/shared/meeting-rooms';
import { parsePayloadKeys } from '@portal/shared/payload-codec';
import { candidateKeyFor } from '@portal/db/candidate-keys';
import type { InviteInput } from '@portal/shared/schemas';
import type { Deps } from '../http/context';
import { kindRulesForInvitation } from '../kinds/kind-notice';
import { lifecycleTimings } from '../lifecycle/lifecycle-config';

/** The candidate as an invitation names them: the address in lower case, the language HR chose or the default. */
export function invitedCandidate(input: Pick<InviteInput, 'candidateName' | 'candidateEmail' | 'candidateTimezone' | 'locale' | 'position'>) {
  return {
    candidateName: input.candidateName,
    candidateEmail: input.candidateEmail.toLowerCase(),
    candidateTimezone: input.candidateTimezone,
    locale: input.locale ?? DEFAULT_LOCALE,
    localeSource: input.locale === undefined ? ('default' as const) : ('hr' as const),
    position: input.position,
  };
}

/** A room of the provider's with a random name, not the interview id: a link nobody was sent cannot be guessed. */
export const newMeetingRoom = (provider: MeetingProvider, jitsiBaseUrl: string) => meetingRoomPlan(provider, randomBytes(12).toString('hex'), jitsiBaseUrl);

/**
 * Creates the interview and starts its lifecycle. The active-interview lock is an insert on the
 * candidate + position key, so two concurrent invitations give one interview and one refusal.
 * Three round trips: the reads (the pool, the kind's settings) beside the candidate's key claim,
 * then the writes that need nothing of each other at once, then the workflow start beside the
 * audit row.
 */
export async function inviteCandidate(deps: Deps, input: InviteInput, actor: string): Promise<{ interviewId: string }> {
  const { db, env } = deps;
  const masterKeys = parsePayloadKeys(env.PAYLOAD_KEYS);
  const [known, rules, candidateKeyId] = await Promise.all([
    activeInterviewers(db, input.interviewerIds),
    kindRulesForInvitation(db, env, input.kind, input),
    candidateKeyFor(db, masterKeys, input.candidateEmail, (stored) => deps.keyring?.rememberStored(stored)),
  ]);
  const { kind, notice, meetingProvider, reminders, buffers } = rules;
  if (known.length !== new Set(input.interviewerIds).size) {
    throw new DomainError('BAD_INPUT', 'Pick active interviewers only.');
  }
  const panelSize = input.panelSize ?? kind.panelSize;
  if (panelSize > known.length) {
    throw new DomainError('BAD_INPUT', `A panel of ${panelSize} needs at least ${panelSize} interviewers in the pool; ${known.length} picked.`);
  }
  const interviewId = randomUUID();
  const lockId = activeLockKey(input.candidateEmail, input.position, currentScope()?.team);
  const meeting = newMeetingRoom(input.meetingProvider ?? meetingProvider, env.JITSI_BASE_URL);
  const doc = newInterviewDocument(
    {
      _id: interviewId,
      ...invitedCandidate(input),
      kind: input.kind,
      kindTitles: kind.titles,
      kit: kind.kit,
      buffers,
      durationMinutes: env.INTERVIEW_DURATION_MINUTES ?? kind.durationMinutes,
      interviewerIds: [...new Set(input.interviewerIds)],
      panelSize,
      attempt: 1,
      previousInterviewId: null,
      rescheduleLimit: kind.rescheduleLimit,
      meetingUrl: meeting.url,
      meetingProvider: meeting.provider,
      meetingRoom: meeting.room,
      notice,
      reminders,
      candidateKeyId,
    },
    new Date(),
  );
  // The lock, the list count and the document side by side: nothing reads the new id before the
  // workflow starts, so a refused lock only takes back what landed beside it.
  const [locked, counted, created] = await Promise.allSettled([
    db.activeLocks.create({ _id: lockId, interviewId, createdAt: new Date() }),
    recordListMoves(db, `${interviewId}:0`, listMoves(doc, null, doc)),
    db.interviews.create(doc),
  ]);
  const withdraw = async () => {
    if (created.status === 'fulfilled') await db.interviews.deleteOne({ _id: interviewId });
    if (counted.status === 'fulfilled') await recordListMoves(db, `${interviewId}:withdrawn`, listMoves(doc, doc, null));
  };
  if (locked.status === 'rejected') {
    await withdraw();
    if (!isDuplicateKeyError(locked.reason)) throw locked.reason;
    throw new DomainError('ALREADY_EXISTS', 'This candidate already has an active interview for this position.');
  }
  const audit = () =>
    insertOnce(() =>
      db.auditEvents.create({
        _id: `${interviewId}:0`,
        interviewId,
        at: doc.createdAt,
        actor,
        type: 'INVITE',
        fromStatus: null,
        toStatus: 'INVITED',
        detail: `invited for ${doc.position}`,
      }),
    );
  let auditMissing = false;
  try {
    if (counted.status === 'rejected') throw counted.reason;
    if (created.status === 'rejected') throw created.reason;
    const lifecycle = {
      interviewId,
      candidateName: doc.candidateName,
      candidateEmail: doc.candidateEmail,
      // The search attribute names the candidate's key, a random id: once the key is erased it names nobody.
      candidateSearchKey: candidateKeyId,
      candidateTimezone: doc.candidateTimezone,
      position: doc.position,
      kind: doc.kind,
      kindLabel: kindLabelOf(doc),
      attempt: 1,
      previousInterviewId: null,
      rescheduleLimit: doc.rescheduleLimit,
      panelSize,
      interviewerIds: doc.interviewerIds,
      durationMinutes: doc.durationMinutes,
      hrEmail: env.HR_CONTACT_EMAIL,
      meeting,
      notificationsTaskQueue: env.NOTIFICATIONS_TASK_QUEUE,
      timings: lifecycleTimings(env, kind, rules),
    };
    // The workflow's first step writes the link's jti onto the document, so it starts once the
    // document is there; the audit row goes beside the start.
    deps.keyring?.remember(interviewId, candidateKeyId);
    const [audited, started] = await Promise.allSettled([audit(), deps.lifecycle.start(lifecycle, lifecycleSummary(lifecycle))]);
    if (started.status === 'rejected') throw started.reason;
    auditMissing = audited.status === 'rejected';
  } catch (error) {
    // Nothing else has seen this interview: its workflow never started.
    await withdraw();
    await db.activeLocks.deleteOne({ _id: lockId });
    throw error;
  }
  // A running lifecycle is never taken back: a failed audit row gets one more try, and fails the call if it fails again.
  if (auditMissing) await audit();
  return { interviewId };
}
