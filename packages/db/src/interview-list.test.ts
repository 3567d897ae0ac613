import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InterviewStatus, Outcome } from '@portal/shared/status';
import type { Database } from './database';
import type { InterviewDocument } from './documents';
import { foldListMoves, listKeysOf, listMoves, readListPage, recordListMoves } from './interview-list';
import { openTestDatabase, sampleInterview } from './testing';

const DAY_MS = 24 * 3_600_000;
const STATUSES: InterviewStatus[] = ['COMPLETED', 'CANCELLED', 'SCHEDULED', 'COMPLETED', 'EXPIRED'];
const OUTCOMES: Outcome[] = ['PASSED', 'FAILED', 'PENDING'];
let db: Database;
let all: InterviewDocument[];

/** An interview as its writers leave it: created `daysAgo`, now in `status`, its moves recorded. */
async function seed(i: number, daysAgo: number, status: InterviewStatus, outcome: Outcome): Promise<InterviewDocument> {
  const createdAt = new Date(Date.UTC(2026, 10, 20) - daysAgo * DAY_MS - i * 1000);
  const invited = sampleInterview(`iv-${String(i).padStart(3, '0')}`, { candidateName: `Candidate ${i}`, candidateEmail: `c${i}@example.test` }, createdAt);
  await recordListMoves(db, `${invited._id}:0`, listMoves(invited, null, invited));
  const now = { ...invited, status, outcome, ...listKeysOf({ status, outcome, createdAt }) };
  await recordListMoves(db, `${invited._id}:1`, listMoves(invited, invited, now));
  await db.interviews.create(now);
  return now;
}

/** What the list must show: every matching interview, newest first. */
function expected(filter: { status?: InterviewStatus; outcome?: Outcome }, page: number, pageSize: number) {
  const matching = all
    .filter((doc) => (!filter.status || doc.status === filter.status) && (!filter.outcome || doc.outcome === filter.outcome))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return { ids: matching.slice((page - 1) * pageSize, page * pageSize).map((doc) => doc._id), total: matching.length };
}

async function actual(filter: { status?: InterviewStatus; outcome?: Outcome }, page: number, pageSize: number) {
  const { items, total } = await readListPage(db, filter, page, pageSize);
  return { ids: items.map((doc) => doc._id), total };
}

beforeAll(async () => {
  db = await openTestDatabase('db_interview_list');
  all = [];
  for (let i = 0; i < 120; i += 1) {
    all.push(await seed(i, (i * 3) % 90, STATUSES[i % STATUSES.length] ?? 'COMPLETED', OUTCOMES[i % OUTCOMES.length] ?? 'PENDING'));
  }
});

afterAll(async () => {
  await db?.close();
});

const FILTERS = [{}, { status: 'COMPLETED' as const }, { outcome: 'FAILED' as const }, { status: 'COMPLETED' as const, outcome: 'PASSED' as const }];

describe('the HR list pages through kept counts and day rows', () => {
  it('every page and total equals the newest-first list, before any fold (moves read as they are)', async () => {
    for (const filter of FILTERS) {
      for (const page of [1, 2, 4, 9]) expect(await actual(filter, page, 7)).toEqual(expected(filter, page, 7));
    }
  });

  it('the same after a fold, which leaves no move behind', async () => {
    expect(await foldListMoves(db)).toEqual({ folded: 240 });
    expect(await db.listMoves.countDocuments({ folded: false })).toBe(0);
    // Every page reads its way's counts: they keep no list of folded changes behind.
    expect((await db.listCounts.find({}).lean()).filter((counts) => counts.lastFolded.length > 0)).toEqual([]);
    for (const filter of FILTERS) {
      for (const page of [1, 3, 12]) expect(await actual(filter, page, 10)).toEqual(expected(filter, page, 10));
    }
  });

  it('a change after the fold moves the interview between lists at once', async () => {
    const target = all.find((doc) => doc.status === 'SCHEDULED');
    if (!target) throw new Error('seed has no SCHEDULED interview');
    const after = { ...target, status: 'CANCELLED' as const, ...listKeysOf({ status: 'CANCELLED', outcome: target.outcome, createdAt: target.createdAt }) };
    await recordListMoves(db, `${target._id}:2`, listMoves(target, target, after));
    await db.interviews.replaceOne({ _id: target._id }, after);
    all = all.map((doc) => (doc._id === target._id ? after : doc));
    expect(await actual({ status: 'CANCELLED' }, 1, 50)).toEqual(expected({ status: 'CANCELLED' }, 1, 50));
    expect(await actual({ status: 'SCHEDULED' }, 1, 50)).toEqual(expected({ status: 'SCHEDULED' }, 1, 50));
  });

  it('a fold that died after writing the counts, retried, adds nothing twice', async () => {
    const countsNow = async () => (await db.listCounts.find({}).lean()).map(({ _id, byDay }) => ({ _id, byDay })).sort((a, b) => (a._id < b._id ? -1 : 1));
    const before = await countsNow();
    await foldListMoves(db);
    const folded = await countsNow();
    expect(await db.listMoves.countDocuments({ folded: false })).toBe(0);
    // Replay the crash: the counts already hold this pending change, which was never marked folded.
    await db.listMoves.create({ _id: 'iv-000:2', at: new Date(), moves: [{ countKey: 'listAll:all', day: 1, by: 1, row: '1970-01-02T00:00:00.000Z|iv-000' }], folded: false });
    await db.listCounts.updateOne({ _id: 'listAll:all' }, { $set: { lastFolded: ['iv-000:2'] } });
    expect(await foldListMoves(db)).toEqual({ folded: 0 });
    expect(await countsNow()).toEqual(folded);
    expect(before).not.toEqual(folded);
    for (const filter of FILTERS) expect(await actual(filter, 2, 10)).toEqual(expected(filter, 2, 10));
  });

  it('recording the same change again after it was folded (a retried activity) counts it once', async () => {
    const doc = all[0];
    if (!doc) throw new Error('no seed');
    await recordListMoves(db, `${doc._id}:1`, listMoves(doc, null, doc));
    await foldListMoves(db);
    expect(await actual({}, 1, 200)).toEqual(expected({}, 1, 200));
  });
});
