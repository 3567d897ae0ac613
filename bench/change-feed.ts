import mongoose from 'mongoose';
import { databaseOn, type Database } from '@portal/db';
import type { InterviewDocument } from '@portal/db/documents';
import { readInterviewChanges } from '@portal/db/interview-changes';
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
 * interviews by `_id`. One client: a sync polls, it does not crowd (docs/adr/0023).
 */
const HISTORY = Number(process.env.BENCH_HISTORY ?? 20_000);
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
  // Changed a while after it was created, in a different order from creation.
  return { ...doc, status: STATUSES[i % STATUSES.length] ?? 'COMPLETED', updatedAt: new Date(createdAt.getTime() + ((i * 7919) % 500) * 60_000) };
}

async function seed(db: Database): Promise<void> {
  const now = Date.now();
  for (let from = 0; from < HISTORY; from += 500) {
    const docs = Array.from({ length: Math.min(500, HISTORY - from) }, (_, k) => interview(from + k, now));
    await db.interviews.collection.insertMany(docs as never[], { ordered: false });
  }
}

process.env.TEST_INFRA ??= 'native';
const infra = await startTestInfra((line) => console.error(`[infra] ${line}`));
try {
  const connection = await mongoose.createConnection(benchDatabaseUrl(infra.mongoUrl, 'feed'), { autoIndex: false }).asPromise();
  const db = await databaseOn(connection);
  await db.interviews.deleteMany({});
  const seeding = Date.now();
  await seed(db);
  console.log(`seeded ${HISTORY} interviews in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);

  const first = await readInterviewChanges(db, { limit: PAGE });
  let middle = first.nextCursor;
  for (let page = 0; page < HISTORY / PAGE / 2 && middle !== null; page += 1) middle = (await readInterviewChanges(db, { limit: PAGE, cursor: middle })).nextCursor;
  let last = middle;
  for (let more = true; more && last !== null; ) ({ nextCursor: last, hasMore: more } = await readInterviewChanges(db, { limit: PAGE, cursor: last }));
  const ids = first.items.map((doc) => doc._id);

  const cases: [string, () => Promise<unknown>][] = [
    ['first page (no cursor)', () => readInterviewChanges(db, { limit: PAGE })],
    ['a page from the middle', () => readInterviewChanges(db, { limit: PAGE, cursor: middle ?? undefined })],
    ['after the last change', () => readInterviewChanges(db, { limit: PAGE, cursor: last ?? undefined })],
    ['status=SCHEDULED', () => readInterviewChanges(db, { limit: PAGE, status: 'SCHEDULED' })],
    ['  floor: 50 reads by _id', () => Promise.all(ids.map((id) => db.interviews.findById(id).lean()))],
  ];
  console.log(`\nchange feed at ${HISTORY} interviews, pages of ${PAGE}, one client`);
  for (const [label, call] of cases) {
    await call();
    console.log(row(label, await closedLoop(1, DURATION_MS, call)));
  }
  await connection.close();
} finally {
  await infra.stop();
}
