import type { InterviewStatus, Outcome } from '@portal/shared/status';
import type { Database } from './database';
import type { InterviewDocument, ListCountsDocument, ListMove, ListMovesDocument } from './documents';
import { DEFAULT_TEAM } from '@portal/shared/team-inputs';
import { insertOnce } from './query-rules';
import { currentScope, teamOf } from './models/team-scope';

/**
 * The HR list at any size, on FerretDB v1, which can neither count nor sort nor skip without
 * reading every matching document (and spends ≈ 0.7 ms on each interview it returns). Each way
 * of listing (all, by status, by outcome, by both) keeps, per day of creation, the interviews'
 * rows (`<createdAt>|<id>`, one small document per way and day) and their number (one counts
 * document per way). A page is: that way's counts → the day(s) holding rows N…N+size → those
 * days' rows → the page's interviews, each read by `_id`. A few small reads whatever the history.
 *
 * Counts and rows are kept without concurrent writers: each change of an interview inserts its
 * moves (-1 here, +1 there, each naming the interview's row) under a key of its own, written by
 * the interview's single writer; one fold (a Temporal Schedule) applies them and marks them
 * folded; readers apply the moves not folded yet, so the list is exact at any moment. Folded
 * moves stay a day, so a retried activity that records its change again meets its own key.
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

/**
 * Each team lists and counts its own interviews (docs/adr/0076): a team's keys start with its id,
 * but the default team's keep the form they had before teams, so the counts and rows already kept
 * stay its own and nothing is rebuilt.
 */
const teamPrefix = (team: string) => (team === DEFAULT_TEAM ? '' : `${team}/`);

/** The count key of the way of listing a filter pages through, in a team. */
function way(filter: ListFilter, team: string): string {
  const prefix = teamPrefix(team);
  if (filter.status && filter.outcome) return `listStatusOutcome:${prefix}${filter.status}/${filter.outcome}`;
  if (filter.status) return `listStatus:${prefix}${filter.status}`;
  if (filter.outcome) return `listOutcome:${prefix}${filter.outcome}`;
  return `listAll:${prefix}all`;
}

/** The count key of a team's whole list (the change feed starts at its oldest day). */
export const teamListAllKey = (team: string): string => way({}, team);

export function listKeysOf(doc: { status: InterviewStatus; outcome: Outcome; createdAt: Date; team?: string | undefined }): ListKeys {
  const day = `d${dayOf(doc.createdAt)}`;
  const prefix = teamPrefix(teamOf(doc));
  return {
    listAll: `${prefix}all|${day}`,
    listStatus: `${prefix}${doc.status}|${day}`,
    listOutcome: `${prefix}${doc.outcome}|${day}`,
    listStatusOutcome: `${prefix}${doc.status}/${doc.outcome}|${day}`,
  };
}

/** What a change of this interview does to the list: for each way of listing whose key changed, -1 and +1. */
export function listMoves(interview: { _id: string; createdAt: Date }, before: ListKeys | null, after: ListKeys | null): ListMove[] {
  const row = `${interview.createdAt.toISOString()}|${interview._id}`;
  const moves: ListMove[] = [];
  for (const field of LIST_FIELDS) {
    if (before?.[field] === after?.[field]) continue;
    if (before) moves.push(moveOf(field, before[field], -1, row));
    if (after) moves.push(moveOf(field, after[field], 1, row));
  }
  return moves;
}

/** `<value>|d<day>` → the count key `<field>:<value>` and the day. */
function moveOf(field: (typeof LIST_FIELDS)[number], key: string, by: number, row: string): ListMove {
  const cut = key.lastIndexOf('|d');
  return { countKey: `${field}:${key.slice(0, cut)}`, day: Number(key.slice(cut + 2)), by, row };
}

const rowsId = (countKey: string, day: number) => `${countKey}|d${day}`;
/** Newest first; of two created in the same millisecond, the smaller id first. */
const newestFirst = (a: string, b: string) => {
  const [atA = '', idA = ''] = a.split('|');
  const [atB = '', idB = ''] = b.split('|');
  return atA === atB ? (idA < idB ? -1 : 1) : atA < atB ? 1 : -1;
};

/**
 * A day's rows after these moves, in the order they were made. Presence is set-like (a row
 * added twice is there once), so moves a died fold had already applied can be applied again.
 */
function applyRows(rows: Iterable<string>, moves: { row: string; by: number }[]): Set<string> {
  const present = new Set(rows);
  for (const move of moves) {
    if (move.by > 0) present.add(move.row);
    else present.delete(move.row);
  }
  return present;
}

/** Pending changes oldest first: one interview's changes are recorded one after another by its single writer. */
const inOrder = (changes: ListMovesDocument[]) => [...changes].sort((a, b) => a.at.getTime() - b.at.getTime() || (a._id < b._id ? -1 : 1));

/** Records a change's moves once (`_id` is the change's own key, so a retry adds nothing). */
export async function recordListMoves(db: Pick<Database, 'listMoves'>, changeId: string, moves: ListMove[]): Promise<void> {
  if (moves.length === 0) return;
  await insertOnce(() => db.listMoves.create({ _id: changeId, at: new Date(), moves, folded: false }));
}

type DayCounts = Record<string, number>;

/** Interviews per day for one way of listing: its folded counts plus the moves not folded yet. */
function dayCounts(counts: ListCountsDocument | null, pending: ListMovesDocument[], countKey: string): Map<number, number> {
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
  db: Pick<Database, 'interviews' | 'listCounts' | 'listMoves' | 'listRows'>,
  filter: ListFilter,
  page: number,
  pageSize: number,
): Promise<{ items: InterviewDocument[]; total: number }> {
  // The scope's team (team-scope.ts): the interviews read below are filtered to it all the same.
  const countKey = way(filter, currentScope()?.team ?? DEFAULT_TEAM);
  const [counts, unfolded] = await Promise.all([db.listCounts.findById(countKey).lean(), db.listMoves.find({ folded: false }).lean()]);
  const pending = inOrder(unfolded);
  const days = [...dayCounts(counts, pending, countKey).entries()].filter(([, n]) => n > 0).sort(([a], [b]) => b - a);
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
  const rowsOfDays = await Promise.all(
    spanned.map(async ({ day, skip }) => {
      const stored = await db.listRows.findById(rowsId(countKey, day)).lean();
      const moves = pending.flatMap((change) => change.moves.filter((move) => move.countKey === countKey && move.day === day));
      return [...applyRows(stored?.rows ?? [], moves)].sort(newestFirst).slice(skip);
    }),
  );
  const ids = rowsOfDays.flat().slice(0, pageSize).map((row) => row.slice(row.indexOf('|') + 1));
  const docs = await Promise.all(ids.map((id) => db.interviews.findById(id).lean<InterviewDocument>()));
  return { items: docs.filter((doc): doc is InterviewDocument => doc !== null), total };
}

/**
 * Applies every move not folded yet to the counts and rows and marks it folded. Runs one at a
 * time (its Schedule skips overlaps). Each way's counts document lists the pending changes it
 * already holds (`lastFolded`) until they are marked folded, so a retry of a fold that died
 * between writing and marking adds none of them twice; rows are sets, so applying a move again
 * changes nothing. The counts collection holds one document per way of listing (a few dozen),
 * so it may be read by `$in`. Moves folded a day ago are deleted.
 */
export async function foldListMoves(db: Pick<Database, 'listCounts' | 'listMoves' | 'listRows'>, now = new Date()): Promise<{ folded: number }> {
  // A range on `at` reads the whole moves collection, which holds about a day of changes.
  await db.listMoves.deleteMany({ folded: true, at: { $lt: new Date(now.getTime() - FOLDED_KEPT_MS) } });
  const pending = inOrder(await db.listMoves.find({ folded: false }).lean());
  if (pending.length === 0) return { folded: 0 };
  const byKey = new Map<string, { ids: string[]; moves: (ListMove & { id: string })[] }>();
  for (const change of pending) {
    for (const move of change.moves) {
      const entry = byKey.get(move.countKey) ?? { ids: [], moves: [] };
      if (entry.ids.at(-1) !== change._id) entry.ids.push(change._id);
      entry.moves.push({ ...move, id: change._id });
      byKey.set(move.countKey, entry);
    }
  }
  const folded = new Set<string>();
  for (const [countKey, { ids, moves }] of byKey) {
    const counts = await db.listCounts.findById(countKey).lean();
    const already = new Set(counts?.lastFolded ?? []);
    const fresh = moves.filter((move) => !already.has(move.id));
    // Rows are written before counts: a way whose counts hold every change was folded whole by an
    // attempt that died later, so a retry goes on where it stopped instead of starting over.
    if (fresh.length === 0) continue;
    await foldRows(db, countKey, moves);
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

/** One way's moves into its days' rows, eight days at a time. */
async function foldRows(db: Pick<Database, 'listRows'>, countKey: string, moves: ListMove[]): Promise<void> {
  const byDay = new Map<number, ListMove[]>();
  for (const move of moves) byDay.set(move.day, [...(byDay.get(move.day) ?? []), move]);
  const days = [...byDay.entries()];
  for (let i = 0; i < days.length; i += 8) {
    await Promise.all(
      days.slice(i, i + 8).map(async ([day, dayMoves]) => {
        const _id = rowsId(countKey, day);
        const stored = await db.listRows.findById(_id).lean();
        const rows = [...applyRows(stored?.rows ?? [], dayMoves)].sort(newestFirst);
        if (rows.length === 0) await db.listRows.deleteOne({ _id });
        else await db.listRows.replaceOne({ _id }, { _id, rows }, { upsert: true });
      }),
    );
  }
}
