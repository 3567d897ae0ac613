import { currentScope } from '@portal/db/team-scope';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import { insertOnce, isDuplicateKeyError } from '@portal/db';
import { activeLockKey, type InterviewDocument, type LoopDocument, type LoopSessionSpec } from '@portal/db/documents';
import { newInterviewDocument } from '@portal/db/new-interview';
import { activeInterviewers } from '@portal/db/interviewers';
import { listMoves, recordListMoves } from '@portal/db/interview-list';
import { DomainError } from '@portal/shared/errors';
import { kindLabelOf } from '@portal/shared/interview-kinds';
import type { LifecycleInput } from '@portal/shared/lifecycle';
import { DEFAULT_LOOP_RULES, type LoopInviteInput } from '@portal/shared/loop-inputs';
import { loopRulesProblem, type LoopRules } from '@portal/shared/loops';
import { parsePayloadKeys } from '@portal/shared/payload-codec';
import { candidateKeyFor } from '@portal/db/candidate-keys';
import type { Deps } from '../http/context';
import { kindRulesForInvitation } from '../kinds/kind-notice';
import { readKind, refusedForSession } from '../kinds/kinds';
import { invitedCandidate, newMeetingRoom } from '../invitations/invite';
import { lifecycleTimings } from '../lifecycle/lifecycle-config';
import { loopClient } from './loop-client';

/**
 * The loop starts its sessions' lifecycles a moment after its own start. The invitation answers
 * once they run, so every interview it created has its workflow, as a single invitation's does
 * (HR's actions and the candidate's link query it at once).
 */
async function sessionsRunning(client: Client, interviewIds: string[], timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const id of interviewIds) {
    for (let wait = 25; ; wait = Math.min(wait * 2, 500)) {
      try {
        await client.workflow.getHandle(interviewWorkflowId(id)).describe();
        break;
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError) || Date.now() > deadline) throw error;
      }
      await sleep(wait);
    }
  }
}

/** The sessions and rules of an invitation: the template's, with what the invitation gives over them. */
async function layoutOf(deps: Deps, input: LoopInviteInput): Promise<{ sessions: LoopSessionSpec[]; rules: LoopRules; templateId: string | null }> {
  const template = input.templateId === undefined ? null : await deps.db.loopTemplates.findById(input.templateId).lean();
  if (input.templateId !== undefined && template === null) throw new DomainError('NOT_FOUND', 'Loop template not found.', { field: 'templateId' });
  const given = input.sessions && (await Promise.all(input.sessions.map((s) => readKind(deps.db, s.kind))));
  const sessions: LoopSessionSpec[] =
    input.sessions?.map((s, i) => ({
      title: s.title ?? `${kindLabelOf({ kind: s.kind, kindTitles: given?.[i]?.titles })} ${i + 1}`,
      kind: s.kind,
      durationMinutes: s.durationMinutes ?? null,
      interviewerIds: [...new Set(s.interviewerIds)],
      panelSize: s.panelSize ?? null,
    })) ??
    template?.sessions ??
    [];
  const rules: LoopRules = { ...DEFAULT_LOOP_RULES, ...template?.rules, ...input.rules };
  const problem = loopRulesProblem(rules, sessions.length);
  if (problem) throw new DomainError('BAD_INPUT', `${problem.field} ${problem.message}`, { field: `loop.${problem.field}` });
  return { sessions, rules, templateId: template?._id ?? null };
}

/**
 * Creates a loop: one interview per session (each its own document and lifecycle, as a single
 * invitation makes), the loop's record, and its workflow, which starts the sessions' lifecycles.
 * One active-interview lock for the candidate and position, held by the first session, whose link
 * is the candidate's one link (docs/adr/0031).
 */
export async function inviteLoop(deps: Deps, input: LoopInviteInput, actor: string): Promise<{ loopId: string; interviewIds: string[] }> {
  const { db, env } = deps;
  const { sessions, rules, templateId } = await layoutOf(deps, input);
  // Each session takes its kind's rules as a single invitation would: notice, meeting provider, reminder
  // schedule, titles and kit; one read of each session's kind, as a single invitation makes (kind-notice.ts).
  const [pools, kindRules] = await Promise.all([
    Promise.all(sessions.map((s) => activeInterviewers(db, s.interviewerIds))),
    Promise.all(sessions.map((s, i) => kindRulesForInvitation(db, env, s.kind, { notice: input.notice }).catch((error: unknown) => refusedForSession(i, error)))),
  ]);
  const kindRulesAt = (i: number) => {
    const found = kindRules[i];
    if (found === undefined) throw new Error(`no kind rules for session ${i + 1}`);
    return found;
  };
  for (const [i, s] of sessions.entries()) {
    const known = pools[i]?.length ?? 0;
    if (known !== s.interviewerIds.length) throw new DomainError('BAD_INPUT', `Session ${i + 1}: pick active interviewers only.`, { field: `sessions.${i}.interviewerIds` });
    const panel = s.panelSize ?? kindRulesAt(i).kind.panelSize;
    if (panel > known) throw new DomainError('BAD_INPUT', `Session ${i + 1}: a panel of ${panel} needs at least ${panel} interviewers in the pool.`, { field: `sessions.${i}.panelSize` });
  }
  const candidateKeyId = await candidateKeyFor(db, parsePayloadKeys(env.PAYLOAD_KEYS), input.candidateEmail, (stored) => deps.keyring?.rememberStored(stored));
  const loopId = randomUUID();
  const now = new Date();
  const docs: InterviewDocument[] = sessions.map((s, i) => {
    const interviewId = randomUUID();
    const meeting = newMeetingRoom(kindRulesAt(i).meetingProvider, env.JITSI_BASE_URL);
    return newInterviewDocument(
      {
        _id: interviewId,
        ...invitedCandidate(input),
        kind: s.kind,
        kindTitles: kindRulesAt(i).kind.titles,
        kit: kindRulesAt(i).kind.kit,
        buffers: kindRulesAt(i).buffers,
        durationMinutes: s.durationMinutes ?? env.INTERVIEW_DURATION_MINUTES ?? kindRulesAt(i).kind.durationMinutes,
        interviewerIds: s.interviewerIds,
        panelSize: s.panelSize ?? kindRulesAt(i).kind.panelSize,
        attempt: 1,
        previousInterviewId: null,
        rescheduleLimit: kindRulesAt(i).kind.rescheduleLimit,
        meetingUrl: meeting.url,
        meetingProvider: meeting.provider,
        meetingRoom: meeting.room,
        notice: kindRulesAt(i).notice,
        reminders: kindRulesAt(i).reminders,
        candidateKeyId,
        loopId,
      },
      now,
    );
  });
  const [first] = docs;
  if (!first) throw new DomainError('BAD_INPUT', 'A loop needs sessions.', { field: 'sessions' });
  const loop: LoopDocument = {
    _id: loopId,
    candidateEmail: first.candidateEmail,
    position: input.position,
    templateId,
    rules,
    sessions: sessions.map((s, i) => ({ ...s, durationMinutes: docs[i]?.durationMinutes ?? null, panelSize: docs[i]?.panelSize ?? null, interviewId: docs[i]?._id ?? '' })),
    candidateKeyId,
    createdAt: now,
  };
  const lockId = activeLockKey(input.candidateEmail, input.position, currentScope()?.team);
  try {
    await db.activeLocks.create({ _id: lockId, interviewId: first._id, createdAt: now });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    throw new DomainError('ALREADY_EXISTS', 'This candidate already has an active interview for this position.');
  }
  try {
    await Promise.all([
      db.loops.create(loop),
      db.loopSessions.insertMany(docs.map((d, index) => ({ _id: d._id, loopId, index }))),
      ...docs.map((d) => recordListMoves(db, `${d._id}:0`, listMoves(d, null, d))),
      db.interviews.insertMany(docs),
    ]);
    const inputs = docs.map((d, i): LifecycleInput & { title: string } => ({
      title: sessions[i]?.title ?? `Session ${i + 1}`,
      interviewId: d._id,
      candidateName: d.candidateName,
      candidateEmail: d.candidateEmail,
      // The search attribute names the candidate's key, a random id: once the key is erased it names nobody.
      candidateSearchKey: candidateKeyId,
      candidateTimezone: d.candidateTimezone,
      position: d.position,
      kind: d.kind,
      kindLabel: sessions[i]?.title ?? kindLabelOf(d),
      attempt: 1,
      previousInterviewId: null,
      rescheduleLimit: d.rescheduleLimit,
      panelSize: d.panelSize,
      interviewerIds: d.interviewerIds,
      durationMinutes: d.durationMinutes,
      hrEmail: env.HR_CONTACT_EMAIL,
      meeting: { provider: d.meetingProvider ?? 'jitsi', room: d.meetingRoom ?? '', url: d.meetingUrl },
      notificationsTaskQueue: env.NOTIFICATIONS_TASK_QUEUE,
      timings: lifecycleTimings(env, kindRulesAt(i).kind, kindRulesAt(i)),
      loop: { loopId, session: i },
    }));
    for (const d of docs) deps.keyring?.remember(d._id, candidateKeyId);
    deps.keyring?.rememberLoop(loopId, candidateKeyId);
    await loopClient(deps.temporal, env.LIFECYCLE_TASK_QUEUE).start(
      { loopId, candidateName: first.candidateName, position: first.position, rules, sessions: inputs },
      `Loop of ${sessions.length} — ${first.candidateName} — ${first.position}`,
    );
  } catch (error) {
    // Nothing else has seen this loop: its workflow never started.
    await Promise.allSettled([
      db.loops.deleteOne({ _id: loopId }),
      ...docs.flatMap((d) => [
        db.loopSessions.deleteOne({ _id: d._id }),
        db.interviews.deleteOne({ _id: d._id }),
        recordListMoves(db, `${d._id}:withdrawn`, listMoves(d, d, null)),
      ]),
    ]);
    await db.activeLocks.deleteOne({ _id: lockId });
    throw error;
  }
  // A running loop is never taken back (its workflow owns the sessions now).
  await sessionsRunning(deps.temporal, docs.map((d) => d._id));
  await Promise.allSettled(
    docs.map((d) =>
      insertOnce(() =>
        db.auditEvents.create({ _id: `${d._id}:0`, interviewId: d._id, at: now, actor, type: 'INVITE', fromStatus: null, toStatus: 'INVITED', detail: `invited for ${d.position} (loop ${loopId})` }),
      ),
    ),
  );
  return { loopId, interviewIds: docs.map((d) => d._id) };
}
