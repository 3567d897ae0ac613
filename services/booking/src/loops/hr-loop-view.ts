import type { Database } from '@portal/db';
import type { InterviewDocument, LoopDocument } from '@portal/db/documents';
import { readInterviewers } from '@portal/db/interviewers';
import { DomainError } from '@portal/shared/errors';
import { kindLabelOf } from '@portal/shared/interview-kinds';
import { loopOutcomeOf } from '@portal/shared/loop-outcome';
import { loopStatusOf } from '@portal/shared/loops';

/** A retake chain is short (the attempts a kind allows); the hops are bounded all the same. */
const MAX_ATTEMPT_HOPS = 10;

export interface HrLoop {
  loop: LoopDocument;
  /** Each session's current attempt, in the loop's order: a retake stands for the session it replaced. */
  sessions: InterviewDocument[];
}

/** A session's latest attempt, by `_id` reads along `nextInterviewId`. */
async function currentAttempt(db: Database, doc: InterviewDocument): Promise<InterviewDocument> {
  let current = doc;
  for (let hop = 0; hop < MAX_ATTEMPT_HOPS && current.nextInterviewId !== null; hop += 1) {
    const next = await db.interviews.findById(current.nextInterviewId).lean<InterviewDocument>();
    if (next === null) break;
    current = next;
  }
  return current;
}

export async function readHrLoop(db: Database, loopId: string): Promise<HrLoop | null> {
  const loop = await db.loops.findById(loopId).lean<LoopDocument>();
  if (loop === null) return null;
  const first = await Promise.all(loop.sessions.map((s) => db.interviews.findById(s.interviewId).lean<InterviewDocument>()));
  const sessions = await Promise.all(first.filter((s): s is InterviewDocument => s !== null).map((s) => currentAttempt(db, s)));
  return { loop, sessions };
}

export async function requireHrLoop(db: Database, loopId: string): Promise<HrLoop> {
  const found = await readHrLoop(db, loopId);
  if (found === null) throw new DomainError('NOT_FOUND', 'Loop not found.');
  return found;
}

const titleOf = (loop: LoopDocument, session: InterviewDocument, index: number) =>
  loop.sessions.find((s) => s.interviewId === session._id)?.title ?? loop.sessions[index]?.title ?? kindLabelOf(session);

/** What the HR list shows of a loop in its one row: its status, its outcome, each session in brief. */
export function hrLoopSummary({ loop, sessions }: HrLoop) {
  return {
    loopId: loop._id,
    status: loopStatusOf(sessions.map((s) => s.status)),
    outcome: loopOutcomeOf(sessions),
    sessions: sessions.map((s, i) => ({
      interviewId: s._id,
      title: titleOf(loop, s, i),
      status: s.status,
      outcome: s.outcome,
      slotStart: s.slot?.start.toISOString() ?? null,
    })),
  };
}

/** The loop's page: the candidate, the itinerary with each session's panel, the status and the outcome. */
export async function hrLoopDetail(db: Database, found: HrLoop, temporalUrl: string) {
  const { loop, sessions } = found;
  const first = sessions[0];
  const ids = [...new Set(sessions.flatMap((s) => s.slot?.interviewerIds ?? []))];
  const names = new Map((await readInterviewers(db, ids)).map((i) => [i._id, i.name]));
  return {
    ...hrLoopSummary(found),
    candidateName: first?.candidateName ?? '',
    candidateEmail: loop.candidateEmail,
    position: loop.position,
    templateId: loop.templateId,
    rules: loop.rules,
    createdAt: loop.createdAt.toISOString(),
    temporalUrl,
    itinerary: sessions.map((s, i) => ({
      interviewId: s._id,
      title: titleOf(loop, s, i),
      kind: s.kind,
      kindLabel: kindLabelOf(s),
      kindTitles: s.kindTitles ?? null,
      status: s.status,
      outcome: s.outcome,
      attempt: s.attempt,
      durationMinutes: s.durationMinutes,
      panelSize: s.panelSize,
      slot: s.slot && { start: s.slot.start.toISOString(), end: s.slot.end.toISOString() },
      panel: (s.slot?.interviewerIds ?? []).map((id) => names.get(id) ?? 'Interviewer'),
    })),
  };
}
