import { DEFAULT_TEAM } from '@portal/shared/team-inputs';
import { teamListAllKey } from './interview-list';
import { currentScope } from './models/team-scope';
import type { Database } from './database';
import { changedDayOf, changedMinuteOf, type InterviewDocument } from './models/interview';

export { changedDayOf, changedMinuteOf };
import { DomainError } from '@portal/shared/errors';
import type { InterviewChangesInput } from '@portal/shared/schemas';

/**
 * The change feed integrations sync from: interviews ordered by (updatedAt, id), oldest change
 * first, after a position. A changed interview moves to the end, so a client that keeps the last
 * cursor sees every change; the order is total, so a walk never repeats or skips an unchanged
 * interview. The cursor is the position of the last interview returned.
 *
 * FerretDB v1 pushes down only equality: a range or a sort on `updatedAt` read all 20,000
 * interviews for every page (docs/adr/0023, `pnpm bench:feed`). So every write names its UTC day
 * (`changedDay`, set by the model), and a page reads the days from its position on, one equality
 * read each, at most MAX_DAYS_PER_PAGE of them; a page that ran out of days before it filled
 * answers what it found with a cursor at the next day to read.
 */
interface Position {
  at: number;
  id: string;
}

const DAY_MS = 24 * 3_600_000;
const MINUTE_MS = 60_000;
export const MAX_DAYS_PER_PAGE = 62;
/**
 * A position this close to now is at the tip: a poller keeping up. Its page reads the minutes
 * since its position (`changedMinute`, one equality read each, a few documents) instead of the
 * whole day, which a year's pollers asked for some 550 documents at a time (docs/adr/0078).
 */
export const TIP_MINUTES = 30;

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.at, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): Position {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && Number.isFinite(value[0]) && typeof value[1] === 'string') {
      return { at: value[0], id: value[1] };
    }
  } catch {
    // Falls through to the refusal: a cursor is only ever one we gave out.
  }
  throw new DomainError('BAD_INPUT', 'cursor: not a cursor this API gave out', { field: 'cursor' });
}

const after = (doc: InterviewDocument, from: Position) => {
  const at = doc.updatedAt.getTime();
  return at > from.at || (at === from.at && doc._id > from.id);
};
const byChange = (a: InterviewDocument, b: InterviewDocument) => a.updatedAt.getTime() - b.updatedAt.getTime() || (a._id < b._id ? -1 : 1);

/** Where a walk without cursor or date starts: the day the oldest interview was created (the HR list's counts know it). */
async function oldestDay(db: Pick<Database, 'listCounts' | 'listMoves'>, today: number): Promise<number> {
  // The scope's team's list (team-scope.ts); the feed's interviews are filtered to it all the same.
  const allKey = teamListAllKey(currentScope()?.team ?? DEFAULT_TEAM);
  const [counts, pending] = await Promise.all([db.listCounts.findById(allKey).lean(), db.listMoves.find({ folded: false }).lean()]);
  const days = [
    ...Object.keys((counts?.byDay ?? {}) as Record<string, number>).map(Number),
    ...pending.flatMap((change) => change.moves.filter((move) => move.countKey === allKey && move.by > 0).map((move) => move.day)),
  ];
  return days.length === 0 ? today : Math.min(...days);
}

async function startOf(db: Pick<Database, 'listCounts' | 'listMoves'>, input: InterviewChangesInput, today: number): Promise<Position> {
  if (input.cursor !== undefined) return decodeCursor(input.cursor);
  if (input.updatedSince !== undefined) return { at: Date.parse(input.updatedSince) - 1, id: '\uffff' };
  return { at: (await oldestDay(db, today)) * DAY_MS - 1, id: '\uffff' };
}

export async function readInterviewChanges(
  db: Pick<Database, 'interviews' | 'listCounts' | 'listMoves'>,
  input: InterviewChangesInput,
  now = new Date(),
): Promise<{ items: InterviewDocument[]; nextCursor: string | null; hasMore: boolean }> {
  const today = Math.floor(now.getTime() / DAY_MS);
  const from = await startOf(db, input, today);
  if (now.getTime() - from.at <= TIP_MINUTES * MINUTE_MS) return readTip(db, input, from, now);
  const found: InterviewDocument[] = [];
  let day = Math.floor(Math.max(from.at, 0) / DAY_MS);
  const lastDay = Math.min(today, day + MAX_DAYS_PER_PAGE - 1);
  for (; day <= lastDay && found.length <= input.limit; day += 1) {
    const filter = { changedDay: changedDayOf(new Date(day * DAY_MS)), ...(input.status === undefined ? {} : { status: input.status }) };
    const changed = await db.interviews.find(filter).lean<InterviewDocument[]>();
    found.push(...changed.filter((doc) => after(doc, from)).sort(byChange));
  }
  const items = found.slice(0, input.limit);
  const last = items.at(-1);
  if (found.length > input.limit && last !== undefined) {
    return { items, nextCursor: encodeCursor({ at: last.updatedAt.getTime(), id: last._id }), hasMore: true };
  }
  // Stopped by the day budget: the next page starts at the first day not read.
  if (day <= today) return { items, nextCursor: encodeCursor({ at: day * DAY_MS - 1, id: '\uffff' }), hasMore: true };
  // Read through today: the next poll starts after the last change seen (or today, if none came after the start).
  const todayStart = { at: today * DAY_MS - 1, id: '\uffff' };
  const position = last !== undefined ? { at: last.updatedAt.getTime(), id: last._id } : from.at > todayStart.at ? from : todayStart;
  return { items, nextCursor: encodeCursor(position), hasMore: false };
}

/**
 * A page at the tip: the minutes from the position's to now, one equality read each, with a minute
 * either side (a write's `changedMinute` and `updatedAt` come from two clock reads, and another
 * process's clock may run a little ahead). What a page leaves for the next is as the day read's.
 */
async function readTip(
  db: Pick<Database, 'interviews'>,
  input: InterviewChangesInput,
  from: Position,
  now: Date,
): Promise<{ items: InterviewDocument[]; nextCursor: string | null; hasMore: boolean }> {
  const first = changedMinuteOf(new Date(Math.max(from.at, 0))) - 1;
  const last = changedMinuteOf(now) + 1;
  const minutes = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const reads = await Promise.all(
    minutes.map((changedMinute) =>
      db.interviews.find({ changedMinute, ...(input.status === undefined ? {} : { status: input.status }) }).lean<InterviewDocument[]>(),
    ),
  );
  const found = [...new Map(reads.flat().filter((doc) => after(doc, from)).map((doc) => [doc._id, doc])).values()].sort(byChange);
  const items = found.slice(0, input.limit);
  const lastItem = items.at(-1);
  const position = lastItem !== undefined ? { at: lastItem.updatedAt.getTime(), id: lastItem._id } : from;
  return { items, nextCursor: encodeCursor(position), hasMore: found.length > input.limit };
}