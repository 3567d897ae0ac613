import type { Database } from '@portal/db';
import type { InterviewDocument, LoopDocument } from '@portal/db/documents';
import { kindLabelOf, type LocalisedText } from '@portal/shared/interview-kinds';
import { loopStatusOf, type LoopStatus } from '@portal/shared/loops';
import type { InterviewStatus } from '@portal/shared/status';
import type { Deps } from '../http/context';

/**
 * A candidate's application is every interview HR invited the same person to for the same
 * position: the same email key and position key (the keys the HR search and the active-interview
 * lock already use), read by one indexed equality on the email key (docs/adr/0037). A token for
 * one of them reads the others' summaries only — state, kind or session titles, time — and, for
 * one the candidate can still book or change, the link its own emails carry: the one token still
 * changes only its own interview.
 */

const OPEN_INTERVIEW: ReadonlySet<string> = new Set<InterviewStatus>(['INVITED', 'SCHEDULED', 'IN_PROGRESS']);
const OPEN_LOOP: ReadonlySet<string> = new Set<LoopStatus>(['INVITED', 'BOOKED']);

type Summary = Pick<InterviewDocument, '_id' | 'kind' | 'kindTitles' | 'status' | 'attempt' | 'slot' | 'loopId' | 'positionKey' | 'createdAt'>;
const SUMMARY_FIELDS = { kind: 1, kindTitles: 1, status: 1, attempt: 1, slot: 1, loopId: 1, positionKey: 1, createdAt: 1 } as const;

export interface ApplicationInterview {
  /** The interview; for a loop, its first session, whose link books and manages the whole loop. */
  interviewId: string;
  /** The interview (or loop) this token belongs to. */
  current: boolean;
  loopId: string | null;
  kind: string;
  kindLabel: string;
  /** The kind's titles per language as fixed at the invitation; null before kinds were data. */
  kindTitles: LocalisedText | null;
  attempt: number;
  /** The interview's status, or the loop's (INVITED, BOOKED, PARTLY_COMPLETED, COMPLETED, CANCELLED, EXPIRED). */
  status: string;
  start: string | null;
  end: string | null;
  /** A loop's sessions in order; empty for a single interview. */
  sessions: { title: string; status: string; start: string | null }[];
  /** The link this interview's own emails carry, while it can still be booked, changed or joined; null otherwise. */
  link: string | null;
}

const iso = (date: Date | undefined) => date?.toISOString() ?? null;

function singleEntry(doc: Summary, current: InterviewDocument): ApplicationInterview {
  return {
    interviewId: doc._id,
    current: doc._id === current._id,
    loopId: null,
    kind: doc.kind,
    kindLabel: kindLabelOf(doc),
    kindTitles: doc.kindTitles ?? null,
    attempt: doc.attempt,
    status: doc.status,
    start: iso(doc.slot?.start),
    end: iso(doc.slot?.end),
    sessions: [],
    link: null,
  };
}

function loopEntry(loop: LoopDocument, docs: Map<string, Summary>, current: InterviewDocument): ApplicationInterview | null {
  const sessions = loop.sessions.flatMap((spec) => {
    const doc = docs.get(spec.interviewId);
    return doc ? [{ spec, doc }] : [];
  });
  const first = sessions[0];
  if (first === undefined) return null;
  const slots = sessions.flatMap(({ doc }) => (doc.slot ? [doc.slot] : []));
  // Sessions in a free order need not be booked in the template's order: the loop spans the earliest start to the latest end.
  const start = slots.length === 0 ? undefined : new Date(Math.min(...slots.map((s) => s.start.getTime())));
  const end = slots.length === 0 ? undefined : new Date(Math.max(...slots.map((s) => s.end.getTime())));
  return {
    ...singleEntry(first.doc, current),
    current: loop._id === current.loopId,
    loopId: loop._id,
    status: loopStatusOf(sessions.map(({ doc }) => doc.status)),
    start: iso(start),
    end: iso(end),
    sessions: sessions.map(({ spec, doc }) => ({ title: spec.title, status: doc.status, start: iso(doc.slot?.start) })),
  };
}

const actionable = (entry: ApplicationInterview) => !entry.current && (entry.loopId ? OPEN_LOOP : OPEN_INTERVIEW).has(entry.status);

/** The application `interview` belongs to: every interview and loop, oldest first, this one marked `current`. */
export async function applicationInterviews(deps: Pick<Deps, 'db' | 'lifecycle'>, interview: InterviewDocument) {
  const found = await deps.db.interviews.find({ emailKey: interview.emailKey }, SUMMARY_FIELDS).lean<Summary[]>();
  // The email key is the index; the position is checked here, so another application's interviews never leave this function.
  const mine = found.filter((doc) => doc.positionKey === interview.positionKey).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const entries = await entriesOf(deps.db, mine, interview);
  const withLinks = await Promise.all(entries.map(async (entry) => ({ ...entry, link: actionable(entry) ? await emailedLink(deps, entry.interviewId) : null })));
  return { position: interview.position, interviews: withLinks };
}

async function entriesOf(db: Database, docs: Summary[], current: InterviewDocument): Promise<ApplicationInterview[]> {
  const byId = new Map(docs.map((doc) => [doc._id, doc]));
  const loopIds = [...new Set(docs.flatMap((doc) => (doc.loopId ? [doc.loopId] : [])))];
  const loops = new Map((await Promise.all(loopIds.map((id) => db.loops.findById(id).lean<LoopDocument>()))).flatMap((loop) => (loop ? [[loop._id, loop] as const] : [])));
  const entries: ApplicationInterview[] = [];
  const seenLoops = new Set<string>();
  for (const doc of docs) {
    const loop = doc.loopId ? loops.get(doc.loopId) : undefined;
    if (loop === undefined) {
      entries.push(singleEntry(doc, current));
    } else if (!seenLoops.has(loop._id)) {
      seenLoops.add(loop._id);
      const entry = loopEntry(loop, byId, current);
      if (entry) entries.push(entry);
    }
  }
  return entries;
}

/**
 * The interview's current link as its lifecycle holds it: the one its invitation (or retake
 * invitation) and confirmation were mailed with, to the same address. A lifecycle that cannot
 * answer (closed, or busy past the query's deadline) leaves the entry without a link: the
 * candidate still has it in their email.
 */
async function emailedLink(deps: Pick<Deps, 'lifecycle'>, interviewId: string): Promise<string | null> {
  return deps.lifecycle.candidateLink(interviewId).catch(() => null);
}
