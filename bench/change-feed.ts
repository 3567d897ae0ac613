import mongoose from 'mongoose';
import { databaseOn, type Database } from '@portal/db';
import type { InterviewDocument } from '@portal/db/documents';
import { changedDayOf, changedMinuteOf } from '@portal/db/interview-changes';
import { encodeCursor, readInterviewChanges } from '@portal/db/interview-changes';
import { newInterviewDocument } from '@portal/db/new-interview';
import { startTestInfra } from '@portal/devstack/test-infra';
import type { InterviewStatus } from '@portal/shared/status';
import { benchDatabaseUrl } from './harness';
import { closedLoop, row } from './measure';

/**
 * The REST API's change feed (`GET /api/v1/interviews`, @portal/db/interview-changes) at
 * BENCH_HISTORY interviews (20,000) on the test infrastructure's database (FerretDB on PostgreSQL
 * natively): the first page, a page from the middle, the steady state of a sync (the page after
 * the last change), and a status filter, each 50 interviews, beside the floor of reading 50
 * interviews by `_id`. The history spans about 280 days, so the first page walks its day budget. One client: a sync polls, it does not crowd (docs/adr/0023).
 */
const HISTORY = Number(process.env.BENCH_HISTORY ?? 20_000);
/** Changes so far today for the pollers at the tip: a year of 200,000 interviews writes about 550 a day. */
const TODAY = Number(process.env.BENCH_TODAY ?? 550);
const POLLERS = Number(process.env.BENCH_POLLERS ?? 50);
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const PAGE = 50;
const STATUSES: InterviewStatus[] = ['COMPLETED', 'COMPLETED', 'CANCELLED', 'EXPIRED', 'NO_SHOW', 'SCHEDULED', 'INVITED'];

function interview(i: number, now: number): InterviewDocument {
  const createdAt = new Date(now - (HISTORY - i) * 20 * 60_000);
  const doc = newInterviewDocument(
    {
      _id: `feed-${String(i).padStart(6, '0')}`,
      candidateName: `Candidate ${i}`,
      candidateEmail: `feed.${i}@example.test`,
      candidateTimezone: 'Europe/London',
      position: 'Backend Engineer',
      kind: 'technical',
      durationMinutes: 60,
      interviewerIds: [`iv-${i % 200}`],
      panelSize: 1,
      attempt: 1,
      previousInterviewId: null,
      rescheduleLimit: 3,
      meetingUrl: `https://meet.example.test/feed-${i}`,
    },
    createdAt,
  );
  // Changed a while after it was created, in a different order from creation; never later than an
  // hour ago, so the pages below walk days (the tip is measured on its own, after them).
  const updatedAt = new Date(Math.min(createdAt.getTime() + ((i * 7919) % 500) * 60_000, now - 3_600_000));
  return { ...doc, status: STATUSES[i % STATUSES.length] ?? 'COMPLETED', updatedAt, changedDay: changedDayOf(updatedAt), changedMinute: changedMinuteOf(updatedAt) };
}

/** Today's changes, spread over the hours of today gone by, the last a few seconds ago; answers the newest's position. */
async function seedToday(db: Database): Promise<{ at: number; id: string }> {
  const now = Date.now();
  const midnight = Math.floor(now / 86_400_000) * 86_400_000;
  const span = now - 5_000 - midnight;
  const docs = Array.from({ length: TODAY }, (_, k) => {
    const doc = interview(k, now);
    const updatedAt = new Date(midnight + Math.floor((span * (k + 1)) / TODAY));
    return { ...doc, _id: `today-${String(k).padStart(6, '0')}`, updatedAt, changedDay: changedDayOf(updatedAt), changedMinute: changedMinuteOf(updatedAt) };
  });
  await db.interviews.collection.insertMany(docs as never[], { ordered: false });
  const newest = docs.at(-1);
  return { at: newest?.updatedAt.getTime() ?? now, id: newest?._id ?? '' };
}

/** Seeds the history; answers the feed's order (updatedAt, then id) of what it wrote. */
async function seed(db: Database): Promise<{ at: number; id: string }[]> {
  const now = Date.now();
  const order: { at: number; id: string }[] = [];
  for (let from = 0; from < HISTORY; from += 500) {
    const docs = Array.from({ length: Math.min(500, HISTORY - from) }, (_, k) => interview(from + k, now));
    await db.interviews.collection.insertMany(docs as never[], { ordered: false });
    order.push(...docs.map((doc) => ({ at: doc.updatedAt.getTime(), id: doc._id })));
  }
  return order.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}

process.env.TEST_INFRA ??= 'native';
const infra = await startTestInfra((line) => console.error(`[infra] ${line}`));
try {
  const connection = await mongoose.createConnection(benchDatabaseUrl(infra.mongoUrl, 'feed'), { autoIndex: false }).asPromise();
  const db = await databaseOn(connection);
  await db.interviews.deleteMany({});
  const seeding = Date.now();
  const order = await seed(db);
  console.log(`seeded ${HISTORY} interviews in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);
  const positionAt = (index: number) => encodeCursor(order[Math.min(index, order.length - 1)] ?? { at: 0, id: '' });
  const middle = positionAt(Math.floor(HISTORY / 2));
  const last = positionAt(HISTORY - 1);
  const oldest = new Date(order[0]?.at ?? 0).toISOString();
  const ids = order.slice(0, PAGE).map((position) => position.id);

  const cases: [string, () => Promise<unknown>][] = [
    ['first page (updatedSince the oldest)', () => readInterviewChanges(db, { limit: PAGE, updatedSince: oldest })],
    ['a page from the middle', () => readInterviewChanges(db, { limit: PAGE, cursor: middle })],
    ['after the last change', () => readInterviewChanges(db, { limit: PAGE, cursor: last })],
    ['status=SCHEDULED from the middle', () => readInterviewChanges(db, { limit: PAGE, status: 'SCHEDULED', cursor: middle })],
    ['  floor: 50 reads by _id', () => Promise.all(ids.map((id) => db.interviews.findById(id).lean()))],
  ];
  console.log(`\nchange feed at ${HISTORY} interviews, pages of ${PAGE}, one client`);
  for (const [label, call] of cases) {
    await call();
    console.log(row(label, await closedLoop(1, DURATION_MS, call)));
  }

  // A sync keeping up polls from the newest change it has seen: POLLERS of them at once, with
  // TODAY changes written so far today (docs/adr/0078). The floor: one read by `_id` each.
  const tip = encodeCursor(await seedToday(db));
  const newest = order.at(-1)?.id ?? '';
  const tipCases: [string, () => Promise<unknown>][] = [
    [`${POLLERS} pollers at the tip (${TODAY} changes today)`, () => readInterviewChanges(db, { limit: PAGE, cursor: tip })],
    ['  floor: one read by _id each', () => db.interviews.findById(newest).lean()],
  ];
  console.log(`\nchange feed at the tip, ${POLLERS} pollers back to back`);
  for (const [label, call] of tipCases) {
    await call();
    console.log(row(label, await closedLoop(POLLERS, DURATION_MS, call)));
  }
  await connection.close();
} finally {
  await infra.stop();
}
