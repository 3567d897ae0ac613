import type { Database } from '@portal/db';
import type { InterviewDocument } from '@portal/db/documents';
import { normalizeSearch, searchFilters } from '@portal/db/interview-search';
import { readListPage } from '@portal/db/interview-list';
import { currentScope } from '@portal/db/team-scope';
import { DomainError } from '@portal/shared/errors';
import type { InterviewsListInput, WaitingFilter } from '@portal/shared/schemas';
import { waitlistView } from '../waitlist/waitlist';

const DAY_MS = 24 * 3_600_000;
/** The longest interview-date range one list answers: one equality read per day. */
export const MAX_RANGE_DAYS = 62;
const OPEN_RANGE_DAYS = 31;

/**
 * The HR list, in bounded time at any history (see @portal/db/interview-list for the paging).
 * Each filter is answered by equality reads on keys the interview carries; the narrowest one
 * present is read and the others are applied to what it returned:
 * search (email, name, first or last name) → a candidate's few interviews;
 * interview dates → one read per day (`slotDay`), at most MAX_RANGE_DAYS;
 * position (whole name, case ignored) → that position's interviews;
 * a hiring manager → their positions' interviews;
 * otherwise status and outcome page through kept counts and day rows.
 */
export async function listInterviews(db: Database, input: InterviewsListInput): Promise<{ items: InterviewDocument[]; total: number }> {
  const narrowed = await narrowestRead(db, input);
  if (narrowed === null) return readListPage(db, { status: input.status, outcome: input.outcome }, input.page, input.pageSize);
  const matching = narrowed
    .filter((doc) => keeps(doc, input))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a._id < b._id ? -1 : 1));
  const from = (input.page - 1) * input.pageSize;
  return { items: matching.slice(from, from + input.pageSize), total: matching.length };
}

async function narrowestRead(db: Database, input: InterviewsListInput): Promise<InterviewDocument[] | null> {
  // The waiting are few, each listed by id in a small collection of its own.
  if (input.waiting) return waitingInterviews(db, await waitingIds(db, input.waiting));
  if (input.search && normalizeSearch(input.search) !== '') {
    return union(await Promise.all(searchFilters(input.search).map((filter) => db.interviews.find(filter).lean<InterviewDocument[]>())));
  }
  if (input.from || input.to) {
    return union(await Promise.all(daysOf(input.from, input.to).map((slotDay) => db.interviews.find({ slotDay }).lean<InterviewDocument[]>())));
  }
  if (input.position && normalizeSearch(input.position) !== '') {
    return db.interviews.find({ positionKey: normalizeSearch(input.position) }).lean<InterviewDocument[]>();
  }
  // A hiring manager's list is their positions' interviews (the scope filters by them): the team's
  // kept counts would count every position (docs/adr/0076).
  if (currentScope()?.positions !== undefined) return db.interviews.find({}).lean<InterviewDocument[]>();
  return null;
}

function keeps(doc: InterviewDocument, input: InterviewsListInput): boolean {
  if (input.status && doc.status !== input.status) return false;
  if (input.outcome && doc.outcome !== input.outcome) return false;
  if (input.waiting && !isWaiting(doc, input.waiting)) return false;
  if (input.position && doc.positionKey !== normalizeSearch(input.position)) return false;
  const start = doc.slot?.start.getTime();
  if (input.from && (start === undefined || start < Date.parse(input.from))) return false;
  if (input.to && (start === undefined || start >= Date.parse(input.to))) return false;
  return true;
}

async function waitingIds(db: Database, waiting: WaitingFilter): Promise<string[]> {
  const [windows, waitlist] = await Promise.all([
    waiting === 'waitlist' ? [] : db.availabilityWaits.find({}, { _id: 1 }).lean(),
    waiting === 'windows' ? [] : db.waitlistEntries.find({}, { _id: 1 }).lean(),
  ]);
  return [...new Set([...windows, ...waitlist].map((doc) => doc._id))];
}

/**
 * The waiting interviews by id. A loop's waitlist entry is under the loop's id (docs/adr/0077): its
 * sessions are listed, each with the loop's waitlist and hold, as their pages show them.
 */
async function waitingInterviews(db: Database, ids: string[]): Promise<InterviewDocument[]> {
  const [singles, loops] = await Promise.all([
    db.interviews.find({ _id: { $in: ids } }).lean<InterviewDocument[]>(),
    db.loops.find({ _id: { $in: ids } }, { sessions: 1, waitlist: 1, hold: 1 }).lean(),
  ]);
  if (loops.length === 0) return singles;
  const sessions = await db.interviews.find({ _id: { $in: loops.flatMap((loop) => loop.sessions.map((s) => s.interviewId)) } }).lean<InterviewDocument[]>();
  const loopOf = new Map(loops.map((loop) => [loop._id, loop]));
  return [
    ...singles,
    ...sessions.map((doc) => {
      const loop = doc.loopId ? loopOf.get(doc.loopId) : undefined;
      return loop ? { ...doc, waitlist: loop.waitlist ?? null, hold: loop.hold ?? null } : doc;
    }),
  ];
}

/** Whether an interview is waiting as the filter asks, by what its page shows. */
function isWaiting(doc: InterviewDocument, waiting: WaitingFilter): boolean {
  switch (waiting) {
    case 'windows':
      return doc.status === 'INVITED' && Boolean(doc.availability);
    case 'waitlist':
      return waitlistView(doc).waitlist !== null;
    case 'hold':
      return waitlistView(doc).hold !== null;
  }
}

function union(pages: InterviewDocument[][]): InterviewDocument[] {
  return [...new Map(pages.flat().map((doc) => [doc._id, doc])).values()];
}

/** UTC days touched by [from, to); an open end reaches OPEN_RANGE_DAYS from the other. */
function daysOf(from: string | undefined, to: string | undefined): string[] {
  const end = to ? Date.parse(to) : Date.parse(from ?? '') + OPEN_RANGE_DAYS * DAY_MS;
  const start = from ? Date.parse(from) : end - OPEN_RANGE_DAYS * DAY_MS;
  const first = Math.floor(start / DAY_MS);
  const last = Math.ceil(end / DAY_MS) - 1;
  if (last < first) throw new DomainError('BAD_INPUT', 'The interview date range ends before it starts.');
  if (last - first + 1 > MAX_RANGE_DAYS) {
    throw new DomainError('BAD_INPUT', `Pick an interview date range of at most ${MAX_RANGE_DAYS} days.`);
  }
  return Array.from({ length: last - first + 1 }, (_, i) => new Date((first + i) * DAY_MS).toISOString().slice(0, 10));
}
