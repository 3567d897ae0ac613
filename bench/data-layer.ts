import { openDatabase, type Database } from '@portal/db';
import type { InterviewDocument, InterviewerDocument } from '@portal/db/documents';
import { newInterviewDocument } from '@portal/db/new-interview';
import { listKeysOf, listMoves } from '@portal/db/interview-list';
import { activeInterviewers } from '@portal/db/interviewers';
import { readBusyTimes } from '@portal/db/busy-times';
import type { InterviewStatus, Outcome } from '@portal/shared/status';
import { inviteAndReadLink, signInAsAdmin } from '@portal/system-tests/fixtures';
import { startBenchPortal } from './harness';
import { closedLoop, row, type Figures } from './measure';

/**
 * The data layer at 0 and at 20,000 historical interviews (200 interviewers, a year), on each
 * FerretDB backend: candidate.slots for a 20-interviewer pool under 50 clients, and the HR list
 * (status filter, search, page 50) under 2 (BENCH_LIST_CLIENTS), each beside its floor, the same documents read
 * directly by `_id` or indexed equality. BENCH_BACKENDS picks backends (postgresql,sqlite).
 */
const HISTORY = Number(process.env.BENCH_HISTORY ?? 20_000);
const INTERVIEWERS = 200;
const POOL = 20;
const SLOT_CLIENTS = 50;
/** HR users at once: a few people use the console, not fifty. */
const LIST_CLIENTS = Number(process.env.BENCH_LIST_CLIENTS ?? 2);
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 8) * 1000;
/** How long the fold Schedule may take to absorb the seeded history (SQLite needs far longer: one write lock). */
const FOLD_WAIT_MS = Number(process.env.BENCH_FOLD_MINUTES ?? 15) * 60_000;
const ZONES = ['Europe/London', 'America/New_York', 'Asia/Kolkata', 'Europe/Berlin', 'America/Los_Angeles'];
const DAY_MS = 24 * 3_600_000;
const SURNAMES = Array.from({ length: 1000 }, (_, i) => `surname${i}`);

function interviewer(i: number): InterviewerDocument {
  return {
    _id: `bench-iv-${i}`,
    name: `Bench Interviewer ${i}`,
    email: `bench.interviewer.${i}@example.test`,
    timezone: ZONES[i % ZONES.length] ?? 'UTC',
    weekly: ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, ranges: [{ start: '09:00', end: '17:00' }] })),
    overrides: [],
    timeOff: [],
    bufferBeforeMinutes: 10,
    bufferAfterMinutes: 15,
    maxPerDay: 6,
    active: true,
    updatedAt: new Date(),
  };
}

/** A past interview as its lifecycle left it: finished, its claim released, its list moves recorded. */
function historical(i: number, now: number): InterviewDocument {
  const createdAt = new Date(now - 2 * DAY_MS - ((i * 7919) % 365) * DAY_MS - (i % 1000) * 60_000);
  const doc = newInterviewDocument(
    {
      _id: `hist-${i}`,
      candidateName: `Candidate${i} ${SURNAMES[i % SURNAMES.length]}`,
      candidateEmail: `hist.${i}@example.test`,
      candidateTimezone: ZONES[i % ZONES.length] ?? 'UTC',
      position: ['Backend Engineer', 'Frontend Engineer', 'Data Analyst', 'SRE'][i % 4] ?? 'SRE',
      kind: 'technical',
      durationMinutes: 60,
      interviewerIds: [`bench-iv-${i % INTERVIEWERS}`, `bench-iv-${(i + 1) % INTERVIEWERS}`],
      panelSize: 1,
      attempt: 1,
      previousInterviewId: null,
      rescheduleLimit: 3,
      meetingUrl: `https://meet.example.test/hist-${i}`,
    },
    createdAt,
  );
  const status: InterviewStatus = (['COMPLETED', 'COMPLETED', 'COMPLETED', 'CANCELLED', 'EXPIRED', 'NO_SHOW', 'ARCHIVED'] as const)[i % 7] ?? 'COMPLETED';
  const outcome: Outcome = status === 'COMPLETED' || status === 'NO_SHOW' ? ((['PASSED', 'FAILED', 'ON_HOLD'] as const)[i % 3] ?? 'PASSED') : 'PENDING';
  const start = new Date(createdAt.getTime() + 3 * DAY_MS);
  const booked = status !== 'EXPIRED';
  return {
    ...doc,
    status,
    outcome,
    ...listKeysOf({ status, outcome, createdAt }),
    slot: booked
      ? { start, end: new Date(start.getTime() + 3_600_000), interviewerId: doc.interviewerIds[0] ?? '', interviewerIds: doc.interviewerIds, claimId: `hist-${i}@x` }
      : null,
    slotDay: booked ? start.toISOString().slice(0, 10) : null,
    completedAt: status === 'COMPLETED' ? start : null,
    version: 3,
  };
}

/** SQLite's one write lock refuses a batch now and then under the services' own writes (SQLITE_BUSY): try it again. */
async function patiently(write: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await write();
      return;
    } catch (error) {
      if (attempt >= 20 || !String(error).includes('SQLITE_BUSY')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

async function seedHistory(db: Database): Promise<number> {
  const started = Date.now();
  const now = Date.now();
  for (let from = 0; from < HISTORY; from += 500) {
    const docs = Array.from({ length: Math.min(500, HISTORY - from) }, (_, k) => historical(from + k, now));
    // A retried batch meets the documents that landed before: duplicates are skipped, the rest inserted.
    const skipDuplicates = (write: Promise<unknown>) => write.catch((error: unknown) => {
      if (!String(error).includes('E11000') && !String(error).includes('duplicate')) throw error;
    });
    await patiently(() => skipDuplicates(db.interviews.insertMany(docs, { ordered: false })));
    await patiently(() =>
      skipDuplicates(
        db.listMoves.insertMany(
          docs.map((doc) => ({ _id: `${doc._id}:0`, at: doc.createdAt, moves: listMoves(doc, null, doc), folded: false })),
          { ordered: false },
        ),
      ),
    );
  }
  return (Date.now() - started) / 1000;
}

/**
 * Until the fold Schedule has taken every move (it runs every 30 s, and clears old folded ones the next
 * time): its seconds, or the moves still pending when BENCH_FOLD_MINUTES ran out.
 */
async function waitForFold(db: Database): Promise<{ seconds: number } | { pending: number }> {
  const started = Date.now();
  for (;;) {
    const pending = await db.listMoves.countDocuments({ folded: false });
    if (pending === 0 && (await db.listMoves.estimatedDocumentCount()) <= 1000) return { seconds: (Date.now() - started) / 1000 };
    if (Date.now() - started > FOLD_WAIT_MS) return { pending };
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

interface Phase {
  label: string;
  rows: Array<{ name: string; api: Figures; floor: Figures }>;
}

async function measure(label: string, db: Database, calls: {
  slots: () => Promise<unknown>;
  slotsFloor: () => Promise<unknown>;
  lists: Array<{ name: string; call: () => Promise<{ items: { interviewId: string }[] }> }>;
}): Promise<Phase> {
  const rows: Phase['rows'] = [];
  await closedLoop(SLOT_CLIENTS, 1000, calls.slots);
  const slots = await closedLoop(SLOT_CLIENTS, DURATION_MS, calls.slots);
  await closedLoop(SLOT_CLIENTS, 1000, calls.slotsFloor);
  rows.push({ name: 'candidate.slots (pool of 20)', api: slots, floor: await closedLoop(SLOT_CLIENTS, DURATION_MS, calls.slotsFloor) });
  for (const list of calls.lists) {
    // Keep-alive sockets idle through the floor's run may be closing as the first call reuses one.
    await list.call().catch(() => undefined);
    const { items } = await list.call();
    const ids = items.map((item) => item.interviewId);
    // The floor: the page's own documents, each read by `_id`.
    const floorReads = () => Promise.all(ids.map((id) => db.interviews.findById(id).lean()));
    await closedLoop(LIST_CLIENTS, 1000, list.call);
    const api = await closedLoop(LIST_CLIENTS, DURATION_MS, list.call);
    const floor = await closedLoop(LIST_CLIENTS, DURATION_MS, floorReads);
    rows.push({ name: `hr.interviews.list ${list.name} (${ids.length} rows)`, api, floor });
  }
  return { label, rows };
}

function print(backend: string, phases: Phase[]): void {
  for (const phase of phases) {
    console.log(`\n[${backend}] ${phase.label}`);
    for (const r of phase.rows) {
      console.log(row(r.name, r.api));
      console.log(row('  floor', r.floor));
      // At 0 history a list page has no rows, so its floor reads nothing: no ratio to speak of.
      console.log(r.floor.p50Ms > 0.05 ? `  ratio p50 ${(r.api.p50Ms / r.floor.p50Ms).toFixed(2)}x` : '  ratio p50 - (the floor has no documents to read)');
    }
  }
  const [empty, full] = phases;
  const slotsAt = (phase?: Phase) => phase?.rows[0]?.api.p50Ms ?? Number.NaN;
  console.log(`[${backend}] slots p50 at ${HISTORY} history / at 0: ${(slotsAt(full) / slotsAt(empty)).toFixed(2)}x (goal ≤ 1.2x); ` +
    `vs its floor: ${((full?.rows[0]?.api.p50Ms ?? NaN) / (full?.rows[0]?.floor.p50Ms ?? NaN)).toFixed(2)}x (goal ≤ 1.5x); ` +
    `HR list p50 at ${HISTORY}: ${full?.rows.slice(1).map((r) => `${r.api.p50Ms.toFixed(0)} ms`).join(', ') || 'not measured'} (goal ≤ 150 ms)`);
}

const results: Array<{ backend: string; phases: Phase[] }> = [];
for (const backend of (process.env.BENCH_BACKENDS ?? 'postgresql,sqlite').split(',')) {
  process.env.FERRETDB_BACKEND = backend;
  const portal = await startBenchPortal(`data_${backend}`);
  let db: Database | undefined;
  try {
    db = await openDatabase(portal.mongoUrl);
    const database = db;
    const hr = await signInAsAdmin(portal.api);
    await db.interviewers.insertMany(Array.from({ length: INTERVIEWERS }, (_, i) => interviewer(i)));
    const pool = Array.from({ length: POOL }, (_, i) => `bench-iv-${i}`);
    const candidate = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Bench Candidate', email: 'bench.candidate@example.test' }, pool);
    const { slots: offered } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token: candidate.token });
    for (let i = 0; i < 10; i += 1) {
      const other = await inviteAndReadLink(hr, portal.sinkUrl, { name: `Booked ${i}`, email: `bench.booked.${i}@example.test` }, pool);
      const start = offered[i * 37]?.start;
      if (start) await portal.api.mutation('candidate.book', { token: other.token, start });
    }
    const { interviewId } = candidate;
    const calls = {
      slots: () => portal.api.query('candidate.slots', { token: candidate.token }),
      // What listing reads: the interview (behind the link), the pool, each member's busy times.
      slotsFloor: () =>
        Promise.all([
          database.interviews.findById(interviewId).lean(),
          activeInterviewers(database, pool),
          readBusyTimes(database, pool, new Date(), new Date(Date.now() + 22 * DAY_MS)),
        ]),
      lists: [
        { name: 'status COMPLETED', input: { status: 'COMPLETED' } },
        { name: 'search "surname7"', input: { search: 'surname7' } },
        { name: 'page 50', input: { page: 50 } },
        { name: 'status COMPLETED page 50', input: { status: 'COMPLETED', page: 50 } },
      ].map(({ name, input }) => ({ name, call: () => hr.query<{ items: { interviewId: string }[] }>('hr.interviews.list', input) })),
    };
    const phases = [await measure('0 historical interviews', db, calls)];
    const seeded = await seedHistory(db);
    const fold = await waitForFold(db);
    const foldSaid = 'seconds' in fold
      ? `the fold Schedule took their list moves in ${fold.seconds.toFixed(1)} s`
      : `the fold Schedule had not taken their list moves after ${FOLD_WAIT_MS / 60_000} minutes (${fold.pending} changes pending): the HR list is not measured`;
    console.error(`[${backend}] seeded ${HISTORY} historical interviews in ${seeded.toFixed(1)} s; ${foldSaid}`);
    // Slot listing does not read the list's counts, so it is measured either way.
    phases.push(await measure(`${HISTORY} historical interviews`, db, 'seconds' in fold ? calls : { ...calls, lists: [] }));
    results.push({ backend, phases });
    print(backend, phases);
  } finally {
    await db?.close();
    await portal.stop();
  }
}

console.log('\nSide by side, p50 ms (api / floor):');
const names = results[0]?.phases[1]?.rows.map((r) => r.name) ?? [];
console.log(['', ...results.flatMap(({ backend }) => [`${backend} @0`, `${backend} @${HISTORY}`])].join(' | '));
for (const [i, name] of names.entries()) {
  const cells = results.flatMap(({ phases }) => phases.map((phase) => {
    const r = phase.rows[i];
    return r ? `${r.api.p50Ms.toFixed(1)} / ${r.floor.p50Ms.toFixed(1)}` : '-';
  }));
  console.log([name, ...cells].join(' | '));
}
