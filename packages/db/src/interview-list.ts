import type { InterviewStatus, Outcome } from '@portal/shared/status';
import type { Database } from './database';
import type { InterviewDocument, ListMove } from './documents';
import { insertOnce } from './query-rules';

/**
 * The HR list at any size, on FerretDB v1, which can neither count nor sort nor skip without
 * reading every matching document (and spends ≈ 0.3 ms on each interview it returns). Interviews
 * are filed in day buckets of their creation time, one top-level key per way of listing them
 * (all, by status, by outcome, by both), and the number of interviews per (way, day) is kept in
 * one counts document per way: so a page is "find the day holding row N from that way's counts,
 * then read that day's bucket", a few small reads whatever the history. Day, not week, buckets:
 * a page then reads tens of interviews, not hundreds; a way's counts hold a year in 365 numbers.
 *
 * Counts are kept without concurrent writers: each change of an interview inserts its moves
 * (-1 here, +1 there) under a key of its own, written by the interview's single writer; one fold
 * (a Temporal Schedule) adds them to the counts documents and marks them folded; readers add the
 * moves not folded yet, so a count is exact at any moment. Folded moves stay a day, so a retried
 * activity that records its change again meets its own key and adds nothing.
 */
const DAY_MS = 24 * 3_600_000;
/** How long a folded move keeps its key: longer than any activity retries. */
const FOLDED_KEPT_MS = 24 * 3_600_000;

export const dayOf = (at: Date): number => Math.floor(at.getTime() / DAY_MS);

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
  const day = `d${dayOf(doc.createdAt)}`;
  return {
    listAll: `all|${day}`,
    listStatus: `${doc.status}|${day}`,
    listOutcome: `${doc.outcome}|${day}`,
    listStatusOutcome: `${doc.status}/${doc.outcome}|${day}`,
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

/** `<value>|d<day>` → the count key `<field>:<value>` and the day. */
function moveOf(field: (typeof LIST_FIELDS)[number], key: string, by: number): ListMove {
  const cut = key.lastIndexOf('|d');
  return { countKey: `${field}:${key.slice(0, cut)}`, day: Number(key.slice(cut + 2)), by };
}

/** Records a change's moves once (`_id` is the change's own key, so a retry adds nothing). */
export async function recordListMoves(db: Pick<Database, 'listMoves'>, changeId: string, moves: ListMove[]): Promise<void> {
  if (moves.length === 0) return;
  await insertOnce(() => db.listMoves.create({ _id: changeId, at: new Date(), moves, folded: false }));
}

type DayCounts = Record<string, number>;

/** Interviews per day for one way of listing: its folded counts plus the moves not folded yet. */
async function dayCounts(db: Pick<Database, 'listCounts' | 'listMoves'>, countKey: string): Promise<Map<number, number>> {
  const [counts, pending] = await Promise.all([db.listCounts.findById(countKey).lean(), db.listMoves.find({ folded: false }).lean()]);
  const folded = new Set(counts?.lastFolded ?? []);
  const days = new Map<number, number>();
  for (const [day, n] of Object.entries((counts?.byDay ?? {}) as DayCounts)) days.set(Number(day), n);
  for (const change of pending) {
    if (folded.has(change._id)) continue;
    for (const move of change.moves) {
      if (move.countKey === countKey) days.set(move.day, (days.get(move.day) ?? 0) + move.by);
    }
  }
  return days;
}

/** One page of interviews, newest first, with the total; reads only the days the page spans. */
export async function readListPage(
  db: Pick<Database, 'interviews' | 'listCounts' | 'listMoves'>,
  filter: ListFilter,
  page: number,
  pageSize: number,
): Promise<{ items: InterviewDocument[]; total: number }> {
  const { field, prefix, countKey } = way(filter);
  const days = [...(await dayCounts(db, countKey)).entries()].filter(([, n]) => n > 0).sort(([a], [b]) => b - a);
  const total = days.reduce((sum, [, n]) => sum + n, 0);
  const from = (page - 1) * pageSize;
  // The days holding rows from…from+pageSize, read side by side.
  const spanned: { day: number; skip: number }[] = [];
  let before = 0;
  for (const [day, n] of days) {
    if (before >= from + pageSize) break;
    if (before + n > from) spanned.push({ day, skip: Math.max(0, from - before) });
    before += n;
  }
  const buckets = await Promise.all(
    spanned.map(async ({ day, skip }) => {
      const bucket = await db.interviews.find({ [field]: `${prefix}d${day}` }).lean<InterviewDocument[]>();
      bucket.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a._id < b._id ? -1 : 1));
      return bucket.slice(skip);
    }),
  );
  return { items: buckets.flat().slice(0, pageSize), total };
}

/**
 * Adds every move not folded yet to the counts and marks it folded. Runs one at a time (its
 * Schedule skips overlaps). Each way's counts document lists the pending changes it already
 * holds (`lastFolded`) until they are marked folded, so a retry of a fold that died between
 * writing counts and marking moves adds none of them twice. The counts collection holds one
 * document per way of listing (a few dozen), so it may be read by `$in`. Moves folded a day ago
 * are deleted.
 */
export async function foldListMoves(db: Pick<Database, 'listCounts' | 'listMoves'>, now = new Date()): Promise<{ folded: number }> {
  // A range on `at` reads the whole moves collection, which holds about a day of changes.
  await db.listMoves.deleteMany({ folded: true, at: { $lt: new Date(now.getTime() - FOLDED_KEPT_MS) } });
  const pending = await db.listMoves.find({ folded: false }).lean();
  if (pending.length === 0) return { folded: 0 };
  const byKey = new Map<string, { ids: string[]; moves: { id: string; day: number; by: number }[] }>();
  for (const change of pending) {
    for (const move of change.moves) {
      const entry = byKey.get(move.countKey) ?? { ids: [], moves: [] };
      if (entry.ids.at(-1) !== change._id) entry.ids.push(change._id);
      entry.moves.push({ id: change._id, day: move.day, by: move.by });
      byKey.set(move.countKey, entry);
    }
  }
  const folded = new Set<string>();
  for (const [countKey, { ids, moves }] of byKey) {
    const counts = await db.listCounts.findById(countKey).lean();
    const already = new Set(counts?.lastFolded ?? []);
    const fresh = moves.filter((move) => !already.has(move.id));
    if (fresh.length === 0) continue;
    const byDay: DayCounts = { ...((counts?.byDay ?? {}) as DayCounts) };
    for (const move of fresh) {
      const next = (byDay[move.day] ?? 0) + move.by;
      if (next === 0) delete byDay[move.day];
      else byDay[move.day] = next;
      folded.add(move.id);
    }
    await db.listCounts.replaceOne({ _id: countKey }, { _id: countKey, byDay, lastFolded: ids, foldedAt: now }, { upsert: true });
  }
  const ids = pending.map((change) => change._id);
  for (let i = 0; i < ids.length; i += 1000) await db.listMoves.updateMany({ _id: { $in: ids.slice(i, i + 1000) } }, { $set: { folded: true } });
  // Marked folded, the changes need no listing any more; a burst's list would be read by every page.
  await db.listCounts.updateMany({ _id: { $in: [...byKey.keys()] } }, { $set: { lastFolded: [] } });
  return { folded: folded.size };
}
