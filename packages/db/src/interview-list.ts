import type { InterviewStatus, Outcome } from '@portal/shared/status';
import type { Database } from './database';
import type { InterviewDocument, ListMove } from './documents';
import { insertOnce } from './query-rules';

/**
 * The HR list at any size, on FerretDB v1, which can neither count nor sort nor skip without
 * reading every matching document. Interviews are filed in week buckets of their creation time,
 * one top-level key per way of listing them (all, by status, by outcome, by both), and the number
 * of interviews in each (way, week) is kept as counts: so a page is "find the week holding row N
 * from the counts, then read that week's bucket", a few small reads whatever the history.
 *
 * Counts are kept without concurrent writers: each change of an interview inserts its moves
 * (-1 here, +1 there) under a key of its own, written by the interview's single writer; one fold
 * (a Temporal Schedule) adds them to the counts document and marks them folded; readers add the
 * moves not folded yet, so a count is exact at any moment. Folded moves stay a day, so a retried
 * activity that records its change again meets its own key and adds nothing.
 */
const WEEK_MS = 7 * 24 * 3_600_000;
/** How long a folded move keeps its key: longer than any activity retries. */
const FOLDED_KEPT_MS = 24 * 3_600_000;
export const COUNTS_ID = 'interview-list';

export const weekOf = (at: Date): number => Math.floor(at.getTime() / WEEK_MS);

export interface ListFilter {
  status?: InterviewStatus;
  outcome?: Outcome;
}

export type ListKeys = Pick<InterviewDocument, 'listAll' | 'listStatus' | 'listOutcome' | 'listStatusOutcome'>;
const LIST_FIELDS = ['listAll', 'listStatus', 'listOutcome', 'listStatusOutcome'] as const;

/** The count key and bucket field a filter pages through. */
function way(filter: ListFilter): { field: (typeof LIST_FIELDS)[number]; prefix: string; countKey: string } {
  if (filter.status && filter.outcome) {
    const value = `${filter.status}/${filter.outcome}`;
    return { field: 'listStatusOutcome', prefix: `${value}|`, countKey: `listStatusOutcome:${value}` };
  }
  if (filter.status) return { field: 'listStatus', prefix: `${filter.status}|`, countKey: `listStatus:${filter.status}` };
  if (filter.outcome) return { field: 'listOutcome', prefix: `${filter.outcome}|`, countKey: `listOutcome:${filter.outcome}` };
  return { field: 'listAll', prefix: 'all|', countKey: 'listAll:all' };
}

export function listKeysOf(doc: { status: InterviewStatus; outcome: Outcome; createdAt: Date }): ListKeys {
  const week = `w${weekOf(doc.createdAt)}`;
  return {
    listAll: `all|${week}`,
    listStatus: `${doc.status}|${week}`,
    listOutcome: `${doc.outcome}|${week}`,
    listStatusOutcome: `${doc.status}/${doc.outcome}|${week}`,
  };
}

/** What a change does to the counts: for each way of listing whose key changed, -1 and +1. */
export function listMoves(before: ListKeys | null, after: ListKeys | null): ListMove[] {
  const moves: ListMove[] = [];
  for (const field of LIST_FIELDS) {
    if (before?.[field] === after?.[field]) continue;
    if (before) moves.push(moveOf(field, before[field], -1));
    if (after) moves.push(moveOf(field, after[field], 1));
  }
  return moves;
}

/** `<value>|w<week>` → the count key `<field>:<value>` and the week. */
function moveOf(field: (typeof LIST_FIELDS)[number], key: string, by: number): ListMove {
  const cut = key.lastIndexOf('|w');
  return { countKey: `${field}:${key.slice(0, cut)}`, week: Number(key.slice(cut + 2)), by };
}

/** Records a change's moves once (`_id` is the change's own key, so a retry adds nothing). */
export async function recordListMoves(db: Pick<Database, 'listMoves'>, changeId: string, moves: ListMove[]): Promise<void> {
  if (moves.length === 0) return;
  await insertOnce(() => db.listMoves.create({ _id: changeId, at: new Date(), moves, folded: false }));
}

type WeekCounts = Record<string, number>;

/** Interviews per week for one way of listing: folded counts plus the moves not folded yet. */
async function weekCounts(db: Pick<Database, 'listCounts' | 'listMoves'>, countKey: string): Promise<Map<number, number>> {
  const [counts, pending] = await Promise.all([db.listCounts.findById(COUNTS_ID).lean(), db.listMoves.find({ folded: false }).lean()]);
  const folded = new Set(counts?.lastFolded ?? []);
  const weeks = new Map<number, number>();
  for (const [week, n] of Object.entries((counts?.byKey[countKey] ?? {}) as WeekCounts)) weeks.set(Number(week), n);
  for (const change of pending) {
    if (folded.has(change._id)) continue;
    for (const move of change.moves) {
      if (move.countKey === countKey) weeks.set(move.week, (weeks.get(move.week) ?? 0) + move.by);
    }
  }
  return weeks;
}

/** One page of interviews, newest first, with the total; reads only the weeks the page spans. */
export async function readListPage(
  db: Pick<Database, 'interviews' | 'listCounts' | 'listMoves'>,
  filter: ListFilter,
  page: number,
  pageSize: number,
): Promise<{ items: InterviewDocument[]; total: number }> {
  const { field, prefix, countKey } = way(filter);
  const weeks = [...(await weekCounts(db, countKey)).entries()].filter(([, n]) => n > 0).sort(([a], [b]) => b - a);
  const total = weeks.reduce((sum, [, n]) => sum + n, 0);
  const from = (page - 1) * pageSize;
  const items: InterviewDocument[] = [];
  let before = 0;
  for (const [week, n] of weeks) {
    if (items.length >= pageSize) break;
    if (before + n <= from) {
      before += n;
      continue;
    }
    const bucket = await db.interviews.find({ [field]: `${prefix}w${week}` }).lean<InterviewDocument[]>();
    bucket.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a._id < b._id ? -1 : 1));
    items.push(...bucket.slice(Math.max(0, from - before), Math.max(0, from - before) + pageSize - items.length));
    before += n;
  }
  return { items, total };
}

/**
 * Adds every move not folded yet to the counts and marks it folded. Runs one at a time (its
 * Schedule skips overlaps). `lastFolded` makes a retry safe: moves already added by a fold that
 * died before marking them are recognised and only marked. Moves folded a day ago are deleted.
 */
export async function foldListMoves(db: Pick<Database, 'listCounts' | 'listMoves'>, now = new Date()): Promise<{ folded: number }> {
  // A range on `at` reads the whole moves collection, which holds about a day of changes.
  await db.listMoves.deleteMany({ folded: true, at: { $lt: new Date(now.getTime() - FOLDED_KEPT_MS) } });
  const [counts, pending] = await Promise.all([db.listCounts.findById(COUNTS_ID).lean(), db.listMoves.find({ folded: false }).lean()]);
  if (pending.length === 0) return { folded: 0 };
  const already = new Set(counts?.lastFolded ?? []);
  const byKey: Record<string, WeekCounts> = structuredClone((counts?.byKey ?? {}) as Record<string, WeekCounts>);
  const fresh = pending.filter((change) => !already.has(change._id));
  for (const change of fresh) {
    for (const move of change.moves) {
      const weeks = (byKey[move.countKey] ??= {});
      const next = (weeks[move.week] ?? 0) + move.by;
      if (next === 0) delete weeks[move.week];
      else weeks[move.week] = next;
    }
  }
  await db.listCounts.replaceOne(
    { _id: COUNTS_ID },
    { _id: COUNTS_ID, byKey, lastFolded: fresh.map((change) => change._id), foldedAt: new Date() },
    { upsert: true },
  );
  const ids = pending.map((change) => change._id);
  for (let i = 0; i < ids.length; i += 1000) await db.listMoves.updateMany({ _id: { $in: ids.slice(i, i + 1000) } }, { $set: { folded: true } });
  return { folded: fresh.length };
}
