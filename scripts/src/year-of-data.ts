import { DEFAULT_TEAM } from '@portal/shared/team-inputs';
import type { Model } from 'mongoose';
import { isDuplicateKeyError, type Database } from '@portal/db';
import {
  scorecardId,
  type AuditEventDocument,
  type InterviewDocument,
  type InterviewerDocument,
  type ListMovesDocument,
  type LoopDocument,
  type LoopSessionDocument,
  type MessageLogEntry,
  type ScorecardDocument,
} from '@portal/db/documents';
import { changedDayOf, changedMinuteOf } from '@portal/db/interview-changes';
import { newInterviewDocument } from '@portal/db/new-interview';
import { listKeysOf, listMoves } from '@portal/db/interview-list';
import { emailIdempotencyKey, type EmailKind } from '@portal/shared/email';
import type { InterviewStatus, Outcome } from '@portal/shared/status';

/**
 * A year of a busy hiring team's past interviews (`pnpm seed:year`, `pnpm bench:data`; docs/adr/0069):
 * single interviews, three-session loops, failed first attempts with their retakes, the panel's
 * scorecards, the messages each interview sent and its audit lines, over `interviewers` interviewers,
 * created over the 365 days before `now` and finished by then. Every document is checked by its
 * model's schema before it is written, and every interview's HR-list moves are recorded for the
 * fold Schedule, as the lifecycle leaves them. Ids start with `year-`: a second run over the same
 * database writes nothing twice.
 */
export interface YearOptions {
  interviews: number;
  interviewers: number;
  now?: Date;
  /** Interviews per write (each with its messages, scorecards and moves). */
  batch?: number;
  /**
   * Called after every MOVES_PER_FOLD interviews' list moves are written, and at the end: waits
   * until the fold has taken them. The fold reads every pending change in one go, as it does after
   * a busy minute; a year's 200,000 at once held it for longer than its activity may run.
   */
  untilFolded?: () => Promise<void>;
  say?: (line: string) => void;
}

/** List moves written before the seed waits for the fold (see `untilFolded`). */
export const MOVES_PER_FOLD = 25_000;

export interface YearWritten {
  interviews: number;
  loops: number;
  retakes: number;
  scorecards: number;
  messages: number;
  auditEvents: number;
  interviewers: number;
  seconds: number;
}

const DAY_MS = 24 * 3_600_000;
const ZONES = ['Europe/London', 'America/New_York', 'Asia/Kolkata', 'Europe/Berlin', 'America/Los_Angeles', 'Australia/Sydney'];
const POSITIONS = ['Backend Engineer', 'Frontend Engineer', 'Data Analyst', 'SRE', 'Product Designer', 'Account Executive', 'Sales Engineer', 'Engineering Manager'];
const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Radia', 'Tim', 'Frances', 'Edsger'];
const SURNAMES = Array.from({ length: 1000 }, (_, i) => `Surname${i}`);
const SINGLE_ENDINGS: ReadonlyArray<InterviewStatus> = ['COMPLETED', 'COMPLETED', 'COMPLETED', 'CANCELLED', 'EXPIRED', 'NO_SHOW', 'ARCHIVED'];
const OUTCOMES: ReadonlyArray<Outcome> = ['PASSED', 'FAILED', 'ON_HOLD'];
const LOOP_SESSIONS = [
  { title: 'Technical', kind: 'technical' },
  { title: 'System design', kind: 'technical' },
  { title: 'Values', kind: 'behavioral' },
] as const;

/** Weekdays 09:00–17:00 in `timezone`, 10 and 15 minutes of buffer, six a day: the year's interviewers and the benches'. */
export function officeHours(timezone: string) {
  return {
    timezone,
    weekly: ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, ranges: [{ start: '09:00', end: '17:00' }] })),
    overrides: [],
    timeOff: [],
    bufferBeforeMinutes: 10,
    bufferAfterMinutes: 15,
    maxPerDay: 6,
    active: true,
  };
}

export function yearInterviewer(i: number): InterviewerDocument {
  return {
    _id: `year-iv-${i}`,
    name: `Interviewer ${i} ${SURNAMES[(i * 13) % SURNAMES.length]}`,
    email: `year.interviewer.${i}@example.test`,
    ...officeHours(ZONES[i % ZONES.length] ?? 'UTC'),
    updatedAt: new Date(),
  };
}

/** What one candidate left behind: one interview, a failed attempt and its retake, or a loop. */
interface CandidateYear {
  interviews: InterviewDocument[];
  loop: LoopDocument | null;
  retakes: number;
}

interface PastInterview {
  id: string;
  candidate: number;
  createdAt: Date;
  status: InterviewStatus;
  outcome: Outcome;
  attempt: number;
  previousInterviewId: string | null;
  nextInterviewId: string | null;
  title?: string;
  kind: string;
  loopId: string | null;
  startOffsetMs: number;
}

function candidateName(c: number): { name: string; email: string } {
  const first = FIRST_NAMES[c % FIRST_NAMES.length] ?? 'Ada';
  const last = SURNAMES[Math.floor(c / FIRST_NAMES.length) % SURNAMES.length] ?? 'Surname0';
  return { name: `${first} ${last}`, email: `${first.toLowerCase()}.${last.toLowerCase()}.${c}@example.test` };
}

function pastInterview(p: PastInterview, interviewers: number, now: number): InterviewDocument {
  const { name, email } = candidateName(p.candidate);
  const pool = [0, 1, 2].map((k) => `year-iv-${(p.candidate * 7 + k * 31) % interviewers}`);
  const panelSize = p.candidate % 5 === 0 ? 2 : 1;
  const doc = newInterviewDocument(
    {
      _id: p.id,
      candidateName: name,
      candidateEmail: email,
      candidateTimezone: ZONES[p.candidate % ZONES.length] ?? 'UTC',
      locale: 'en',
      localeSource: 'hr',
      position: POSITIONS[p.candidate % POSITIONS.length] ?? 'SRE',
      kind: p.kind,
      kindTitles: null,
      kit: null,
      durationMinutes: p.loopId ? 45 : 60,
      interviewerIds: pool,
      panelSize,
      attempt: p.attempt,
      previousInterviewId: p.previousInterviewId,
      rescheduleLimit: 3,
      meetingUrl: `https://meet.example.test/${p.id}`,
      meetingProvider: 'jitsi',
      meetingRoom: p.id,
      notice: null,
      reminders: null,
      loopId: p.loopId,
    },
    p.createdAt,
  );
  const booked = p.status !== 'EXPIRED';
  const start = new Date(p.createdAt.getTime() + 3 * DAY_MS + p.startOffsetMs);
  const end = new Date(start.getTime() + doc.durationMinutes * 60_000);
  const finished = p.status === 'CANCELLED' ? new Date(start.getTime() - DAY_MS) : booked ? new Date(end.getTime() + 2 * 3_600_000) : new Date(p.createdAt.getTime() + 7 * DAY_MS);
  const updatedAt = new Date(Math.min(finished.getTime() + (p.status === 'ARCHIVED' ? 30 * DAY_MS : 0), now - 60_000));
  const panel = pool.slice(0, panelSize);
  return {
    ...doc,
    status: p.status,
    outcome: p.outcome,
    ...listKeysOf({ status: p.status, outcome: p.outcome, createdAt: p.createdAt }),
    nextInterviewId: p.nextInterviewId,
    tokenJti: `year-jti-${p.id}`,
    tokenExpiresAt: new Date(p.createdAt.getTime() + 30 * DAY_MS),
    slot: booked ? { start, end, interviewerId: panel[0] ?? '', interviewerIds: panel, claimId: `${p.id}@${start.toISOString()}` } : null,
    slotDay: booked ? start.toISOString().slice(0, 10) : null,
    rescheduleCount: p.candidate % 4 === 0 ? 1 : 0,
    joinedAt: p.status === 'COMPLETED' ? start : null,
    completedAt: p.status === 'COMPLETED' ? end : null,
    cancelReason: p.status === 'CANCELLED' ? 'The candidate accepted another offer' : null,
    version: booked ? 4 : 2,
    updatedAt,
    changedDay: changedDayOf(updatedAt),
    changedMinute: changedMinuteOf(updatedAt),
  };
}

/** Candidate `c`'s interviews: every 12th a loop of three sessions, every 12th (offset 1) a failed first attempt and its retake. */
function candidateYear(c: number, interviewers: number, now: number): CandidateYear {
  const createdAt = new Date(now - 12 * DAY_MS - ((c * 7919) % 350) * DAY_MS - (c % 1440) * 60_000);
  const base = { candidate: c, createdAt, previousInterviewId: null, nextInterviewId: null, attempt: 1, loopId: null, startOffsetMs: (c % 9) * 3_600_000 };
  if (c % 12 === 0) {
    const loopId = `year-loop-${c}`;
    const interviews = LOOP_SESSIONS.map((session, index) =>
      pastInterview({ ...base, id: `year-${c}-s${index}`, status: 'COMPLETED', outcome: OUTCOMES[(c + index) % 3] ?? 'PASSED', kind: session.kind, loopId, startOffsetMs: base.startOffsetMs + index * 3_600_000 }, interviewers, now),
    );
    const loop: LoopDocument = {
      _id: loopId,
      candidateEmail: interviews[0]?.candidateEmail ?? '',
      position: interviews[0]?.position ?? '',
      templateId: null,
      rules: { order: 'fixed', minBreakMinutes: 15, maxBreakMinutes: 120, days: 1, maxSessionsPerDay: 3 },
      sessions: interviews.map((interview, index) => ({
        title: LOOP_SESSIONS[index]?.title ?? 'Session',
        kind: interview.kind,
        durationMinutes: interview.durationMinutes,
        interviewerIds: interview.interviewerIds,
        panelSize: interview.panelSize,
        interviewId: interview._id,
      })),
      candidateKeyId: null,
      createdAt,
    };
    return { interviews, loop, retakes: 0 };
  }
  if (c % 12 === 1) {
    const first = `year-${c}`;
    const retake = `year-${c}-r`;
    return {
      interviews: [
        pastInterview({ ...base, id: first, status: 'COMPLETED', outcome: 'FAILED', kind: 'technical', nextInterviewId: retake }, interviewers, now),
        pastInterview(
          { ...base, id: retake, createdAt: new Date(createdAt.getTime() + 8 * DAY_MS), status: 'COMPLETED', outcome: OUTCOMES[c % 3] ?? 'PASSED', kind: 'technical', attempt: 2, previousInterviewId: first },
          interviewers,
          now,
        ),
      ],
      loop: null,
      retakes: 1,
    };
  }
  const status = SINGLE_ENDINGS[c % SINGLE_ENDINGS.length] ?? 'COMPLETED';
  const outcome = status === 'COMPLETED' || status === 'NO_SHOW' ? (OUTCOMES[c % 3] ?? 'PASSED') : 'PENDING';
  return { interviews: [pastInterview({ ...base, id: `year-${c}`, status, outcome, kind: c % 3 === 0 ? 'behavioral' : 'technical' }, interviewers, now)], loop: null, retakes: 0 };
}

function message(interview: InterviewDocument, kind: EmailKind, at: Date, extra?: string): MessageLogEntry {
  const slotStart = kind === 'invitation' ? undefined : interview.slot?.start.toISOString();
  return {
    _id: emailIdempotencyKey(interview._id, kind, slotStart, extra),
    interviewId: interview._id,
    kind,
    channel: 'email',
    to: interview.candidateEmail,
    subject: `${kind} · ${interview.position}`,
    status: 'DELIVERED',
    attempts: 1,
    messageId: `year-msg-${interview._id}-${kind}`,
    sentAt: at,
    events: [{ type: 'Delivery', at: new Date(at.getTime() + 4_000) }],
    createdAt: at,
    updatedAt: new Date(at.getTime() + 4_000),
  };
}

function messagesOf(interview: InterviewDocument): MessageLogEntry[] {
  const sent = [message(interview, 'invitation', interview.createdAt)];
  const slot = interview.slot;
  if (!slot) return [...sent, message(interview, 'expired', interview.updatedAt)];
  sent.push(message(interview, 'confirmation', new Date(interview.createdAt.getTime() + 3_600_000)));
  if (interview.status === 'CANCELLED') return [...sent, message(interview, 'cancelled', interview.updatedAt)];
  sent.push(message(interview, 'reminder', new Date(slot.start.getTime() - DAY_MS), String(DAY_MS)));
  if (interview.status === 'COMPLETED') sent.push(message(interview, 'thank_you', new Date(slot.end.getTime() + 600_000)));
  return sent;
}

function scorecardsOf(interview: InterviewDocument, c: number): ScorecardDocument[] {
  if (interview.status !== 'COMPLETED' || !interview.slot) return [];
  const submittedAt = new Date(interview.slot.end.getTime() + 3_600_000);
  return interview.slot.interviewerIds.map((interviewerId, k) => ({
    _id: scorecardId(interview._id, interviewerId),
    interviewId: interview._id,
    interviewerId,
    rating: (((c + k) % 4) + 1) as ScorecardDocument['rating'],
    recommendation: (['STRONG_YES', 'YES', 'NO', 'STRONG_NO'] as const)[(c + k) % 4] ?? 'YES',
    notes: interview.outcome === 'FAILED' ? 'Struggled with the design question.' : 'Clear reasoning; good questions back.',
    answers: {},
    submittedAt,
    updatedAt: submittedAt,
  }));
}

function auditOf(interview: InterviewDocument): AuditEventDocument[] {
  const invited: AuditEventDocument = { _id: `${interview._id}:0`, interviewId: interview._id, at: interview.createdAt, actor: 'hr:year-seed', type: 'INVITE', fromStatus: null, toStatus: 'INVITED', detail: `invited for ${interview.position}` };
  const events = [invited];
  if (interview.slot) {
    events.push({ _id: `${interview._id}:1`, interviewId: interview._id, at: new Date(interview.createdAt.getTime() + 3_600_000), actor: 'candidate', type: 'BOOK', fromStatus: 'INVITED', toStatus: 'SCHEDULED', detail: `booked ${interview.slot.start.toISOString()}` });
  }
  events.push({ _id: `${interview._id}:${interview.version}`, interviewId: interview._id, at: interview.updatedAt, actor: 'system', type: 'FINISH', fromStatus: interview.slot ? 'SCHEDULED' : 'INVITED', toStatus: interview.status, detail: interview.status.toLowerCase() });
  return events;
}

/**
 * Each document checked by `model`'s schema (its validators, enums and defaults), then written in
 * one batch; ids already present are skipped, so a run that died part-way can run again.
 */
async function writeChecked<T>(model: Model<T>, docs: T[]): Promise<number> {
  if (docs.length === 0) return 0;
  const checked = docs.map((doc) => {
    const built = new model(doc);
    // The year is the default team's (docs/adr/0076): the check runs no middleware to stamp it.
    if (model.schema.path('team') !== undefined && built.get('team') == null) built.set('team', DEFAULT_TEAM);
    const problem = built.validateSync();
    if (problem) throw new Error(`a seeded ${model.modelName} does not pass its schema: ${problem.message}`);
    return built.toObject({ virtuals: false, versionKey: false });
  });
  for (let attempt = 1; ; attempt += 1) {
    try {
      const written = await model.collection.insertMany(checked as never[], { ordered: false });
      return written.insertedCount;
    } catch (error) {
      if (isDuplicateKeyError(error)) return (error as { result?: { insertedCount?: number } }).result?.insertedCount ?? 0;
      // FerretDB on SQLite has one write lock, which the services' own writes hold now and then:
      // the batch is tried again, and what landed before is skipped as a duplicate.
      if (attempt >= 20 || !String(error).includes('SQLITE_BUSY')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

export async function seedYear(db: Database, options: YearOptions): Promise<YearWritten> {
  const started = Date.now();
  const now = (options.now ?? new Date()).getTime();
  const batch = options.batch ?? 500;
  const say = options.say ?? (() => undefined);
  const written: YearWritten = { interviews: 0, loops: 0, retakes: 0, scorecards: 0, messages: 0, auditEvents: 0, interviewers: 0, seconds: 0 };
  for (let from = 0; from < options.interviewers; from += 1000) {
    const docs = Array.from({ length: Math.min(1000, options.interviewers - from) }, (_, k) => yearInterviewer(from + k));
    written.interviewers += await writeChecked(db.interviewers, docs);
  }
  let candidate = 0;
  let planned = 0;
  let nextReport = 20_000;
  let movesSinceFold = 0;
  while (planned < options.interviews) {
    const interviews: InterviewDocument[] = [];
    const loops: LoopDocument[] = [];
    const scorecards: ScorecardDocument[] = [];
    for (; interviews.length < batch && planned + interviews.length < options.interviews; candidate += 1) {
      const year = candidateYear(candidate, options.interviewers, now);
      const room = options.interviews - planned - interviews.length;
      // The last candidates take only what is left of the count: a single interview.
      const taken = year.interviews.length <= room ? year : candidateYear(candidate * 12 + 2, options.interviewers, now);
      interviews.push(...taken.interviews);
      if (taken.loop) loops.push(taken.loop);
      written.retakes += taken.retakes;
      for (const interview of taken.interviews) scorecards.push(...scorecardsOf(interview, candidate));
    }
    planned += interviews.length;
    const sessions: LoopSessionDocument[] = loops.flatMap((loop) => loop.sessions.map((session, index) => ({ _id: session.interviewId, loopId: loop._id, index })));
    const moves: ListMovesDocument[] = interviews.map((doc) => ({ _id: `${doc._id}:0`, at: doc.createdAt, moves: listMoves(doc, null, doc), folded: false }));
    const [interviewCount, , , scorecardCount, messageCount, auditCount] = await Promise.all([
      writeChecked(db.interviews, interviews),
      writeChecked(db.loops, loops),
      writeChecked(db.loopSessions, sessions),
      writeChecked(db.scorecards, scorecards),
      writeChecked(db.messages, interviews.flatMap(messagesOf)),
      writeChecked(db.auditEvents, interviews.flatMap(auditOf)),
    ]);
    // The moves after their interviews: the fold lists only interviews that exist.
    await writeChecked(db.listMoves, moves);
    movesSinceFold += moves.length;
    if (options.untilFolded && movesSinceFold >= MOVES_PER_FOLD) {
      await options.untilFolded();
      movesSinceFold = 0;
    }
    written.interviews += interviewCount;
    written.loops += loops.length;
    written.scorecards += scorecardCount;
    written.messages += messageCount;
    written.auditEvents += auditCount;
    if (planned >= nextReport) {
      say(`${planned} of ${options.interviews} interviews written (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      nextReport += 20_000;
    }
  }
  if (options.untilFolded && movesSinceFold > 0) await options.untilFolded();
  written.seconds = (Date.now() - started) / 1000;
  return written;
}

/**
 * Until the fold Schedule has taken every seeded move into the HR list's counts (it runs every
 * 30 s while the portal's workflows run): its seconds, or the moves still pending at `limitMs`.
 */
export async function waitForListFold(db: Database, limitMs: number, say: (line: string) => void = () => undefined): Promise<{ seconds: number } | { pending: number }> {
  const started = Date.now();
  let reported = started;
  for (;;) {
    const pending = await db.listMoves.countDocuments({ folded: false });
    if (pending === 0) return { seconds: (Date.now() - started) / 1000 };
    if (Date.now() - started > limitMs) return { pending };
    if (Date.now() - reported > 30_000) {
      say(`${pending} list moves wait for the fold Schedule (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      reported = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}
