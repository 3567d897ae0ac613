import { performance } from 'node:perf_hooks';
import { openDatabase, type Database } from '@portal/db';
import { activeInterviewers } from '@portal/db/interviewers';
import { readBusyTimes } from '@portal/db/busy-times';
import { readInterviewChanges } from '@portal/db/interview-changes';
import { MOVES_PER_FOLD, seedYear, waitForListFold } from '@portal/devstack/year-of-data';
import { inviteAndReadLink, signInAsAdmin } from '@portal/system-tests/fixtures';
import { startBenchPortal } from './harness';
import { closedLoop, figures, row, type Figures } from './measure';

/**
 * The data layer empty and after a year (`seedYear`: BENCH_HISTORY past interviews, 200,000, with
 * loops, retakes, scorecards, messages and audit lines, over 2,000 interviewers), on each FerretDB
 * backend in BENCH_BACKENDS (postgresql; sqlite on request): candidate.slots for a 20-interviewer
 * pool under 50 clients, the HR list (status filter, search, page 50) under 2 (BENCH_LIST_CLIENTS),
 * and the REST change feed with 50 pollers at once, each beside its floor measured in the same run
 * (the same documents read directly by `_id` or indexed equality; the feed's own store read).
 * Goals (issue 49): HR list p50 ≤ 50 ms, slots ≤ 1.5x floor, feed page p99 ≤ 150 ms with 50
 * pollers, and one key's crowd of calls does not slow the others' feed.
 */
const HISTORY = Number(process.env.BENCH_HISTORY ?? 200_000);
const INTERVIEWERS = Number(process.env.BENCH_INTERVIEWERS ?? 2_000);
const POOL = 20;
const SLOT_CLIENTS = 50;
/** HR users at once: a few people use the console, not fifty. */
const LIST_CLIENTS = Number(process.env.BENCH_LIST_CLIENTS ?? 2);
const POLLERS = 50;
/** How often each poller asks for the next page: all fifty at the same moment. */
const POLL_PERIOD_MS = 1000;
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 8) * 1000;
/** How long the fold Schedule may take to absorb the seeded history (SQLite needs far longer: one write lock). */
const FOLD_WAIT_MS = Number(process.env.BENCH_FOLD_MINUTES ?? 20) * 60_000;
const DAY_MS = 24 * 3_600_000;

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

/** `clients` pollers that each call once every `periodMs`, all at the same moment, for `durationMs`. */
async function paced(clients: number, periodMs: number, durationMs: number, call: (client: number) => Promise<unknown>): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let tick = 0; tick * periodMs < durationMs; tick += 1) {
        const due = started + tick * periodMs;
        if (due > performance.now()) await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
        const at = performance.now();
        try {
          await call(client);
          latencies.push(performance.now() - at);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  return figures(latencies, errors, performance.now() - started);
}

interface FeedPage {
  items: { interviewId: string }[];
  nextCursor: string | null;
}

/**
 * The REST change feed on the seeded year: POLLERS integrations, each with its own key, walking the
 * feed page by page from a different day of the year, all asking at the same moment once a second;
 * the same at saturation (each asks again as soon as it is answered); and one key's crowd of 50
 * calls at once beside 49 keys polling, whose figures should not move. Floors: the feed's own
 * store read (`readInterviewChanges`), and the page's 50 interviews read by `_id`.
 */
async function measureFeed(db: Database, bookingUrl: string, keys: string[]): Promise<string[]> {
  const cursors: (string | null)[] = keys.map(() => null);
  const sinceOf = (client: number) => new Date(Date.now() - ((client * 7) % 360) * DAY_MS).toISOString();
  const page = async (client: number) => {
    const cursor = cursors[client];
    const query = cursor ? `cursor=${encodeURIComponent(cursor)}` : `updatedSince=${encodeURIComponent(sinceOf(client))}`;
    const response = await fetch(`${bookingUrl}/api/v1/interviews?limit=50&${query}`, { headers: { authorization: `Bearer ${keys[client] ?? ''}` } });
    if (!response.ok) throw new Error(`the feed answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
    const body = (await response.json()) as FeedPage;
    // A poller that reached the present starts again from its day, so every call reads a full page.
    cursors[client] = body.items.length < 50 ? null : body.nextCursor;
    return body;
  };
  const lines: string[] = [];
  await paced(POLLERS, POLL_PERIOD_MS, 2000, page);
  const pacedFigures = await paced(POLLERS, POLL_PERIOD_MS, DURATION_MS, page);
  lines.push(row(`feed page, ${POLLERS} pollers at once, 1/s each`, pacedFigures));
  let next = 0;
  // Each asks again as soon as it is answered, the calls spread over the fifty keys.
  const saturated = await closedLoop(POLLERS, DURATION_MS, () => page(next++ % POLLERS));
  lines.push(row(`feed page, ${POLLERS} pollers back to back`, saturated));
  const sample = await readInterviewChanges(db, { limit: 50, updatedSince: sinceOf(3) });
  const ids = sample.items.map((item) => item._id);
  const storeFloor = await paced(POLLERS, POLL_PERIOD_MS, DURATION_MS, (client) => readInterviewChanges(db, { limit: 50, updatedSince: sinceOf(client) }));
  lines.push(row('  floor: the store read, 50 at once', storeFloor));
  lines.push(row('  floor: 50 reads by _id, 50 at once', await paced(POLLERS, POLL_PERIOD_MS, DURATION_MS, () => Promise.all(ids.map((id) => db.interviews.findById(id).lean())))));
  lines.push(`  ratio p99 against the store read: ${(pacedFigures.p99Ms / storeFloor.p99Ms).toFixed(2)}x; goal p99 ≤ 150 ms: ${pacedFigures.p99Ms <= 150 ? 'met' : 'not met'}`);

  // One integration's 50 calls at once, again and again, beside 49 others polling once a second.
  const greedyKey = keys[POLLERS] ?? '';
  const statuses = new Map<number, number>();
  let greedyUntil = 0;
  const greedy = async () => {
    while (performance.now() < greedyUntil) {
      const response = await fetch(`${bookingUrl}/api/v1/interviews?limit=50&updatedSince=${encodeURIComponent(sinceOf(11))}`, { headers: { authorization: `Bearer ${greedyKey}` } });
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status === 429) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  greedyUntil = performance.now() + DURATION_MS + 500;
  const [others] = await Promise.all([
    paced(POLLERS - 1, POLL_PERIOD_MS, DURATION_MS, (client) => page(client + 1)),
    Promise.all(Array.from({ length: 50 }, greedy)),
  ]);
  lines.push(row(`feed page, ${POLLERS - 1} pollers beside one key's 50 at once`, others));
  lines.push(`  that key's answers: ${[...statuses].map(([status, n]) => `${n}× ${status}`).join(', ')}; the others' p99 ${(others.p99Ms / pacedFigures.p99Ms).toFixed(2)}x their p99 without it`);
  return lines;
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
    `HR list p50 at ${HISTORY}: ${full?.rows.slice(1).map((r) => `${r.api.p50Ms.toFixed(0)} ms`).join(', ') || 'not measured'} (goal ≤ 50 ms)`);
}

const results: Array<{ backend: string; phases: Phase[] }> = [];
for (const backend of (process.env.BENCH_BACKENDS ?? 'postgresql').split(',')) {
  process.env.FERRETDB_BACKEND = backend;
  const portal = await startBenchPortal(`data_${backend}`);
  let db: Database | undefined;
  try {
    db = await openDatabase(portal.mongoUrl);
    const database = db;
    const hr = await signInAsAdmin(portal.api);
    // The year's interviewers first, so the empty run lists the same pool.
    await seedYear(db, { interviews: 0, interviewers: INTERVIEWERS });
    const pool = Array.from({ length: POOL }, (_, i) => `year-iv-${i}`);
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
    const say = (line: string) => console.error(`[${backend}] ${line}`);
    // The fold's waits added up, or the moves it left pending when one wait ran out.
    const folding = { seconds: 0, pending: 0 };
    const untilFolded = async () => {
      if (folding.pending > 0) return;
      const step = await waitForListFold(database, FOLD_WAIT_MS, say);
      if ('seconds' in step) folding.seconds += step.seconds;
      else folding.pending = step.pending;
    };
    const written = await seedYear(db, { interviews: HISTORY, interviewers: INTERVIEWERS, say, untilFolded });
    const fold: { seconds: number } | { pending: number } = folding.pending > 0 ? { pending: folding.pending } : { seconds: folding.seconds };
    const foldSaid = 'seconds' in fold
      ? `the fold Schedule took their list moves, ${MOVES_PER_FOLD} at a time, in ${fold.seconds.toFixed(1)} s of waiting`
      : `the fold Schedule had not taken their list moves after ${FOLD_WAIT_MS / 60_000} minutes (${fold.pending} changes pending): the HR list is not measured`;
    console.log(
      `[${backend}] seeded ${written.interviews} past interviews (${written.loops} loops, ${written.retakes} retakes), ${written.scorecards} scorecards, ` +
        `${written.messages} messages, ${written.auditEvents} audit lines over ${INTERVIEWERS} interviewers in ${written.seconds.toFixed(0)} s; ${foldSaid}`,
    );
    // Slot listing does not read the list's counts, so it is measured either way.
    phases.push(await measure(`${HISTORY} historical interviews`, db, 'seconds' in fold ? calls : { ...calls, lists: [] }));
    results.push({ backend, phases });
    print(backend, phases);
    const keys: string[] = [];
    for (let i = 0; i <= POLLERS; i += 1) keys.push((await hr.mutation<{ key: string }>('hr.apiKeys.create', { name: `Feed poller ${i}`, scopes: ['read'] })).key);
    console.log(`\n[${backend}] REST change feed at ${HISTORY} historical interviews, pages of 50`);
    for (const line of await measureFeed(db, portal.bookingUrl, keys)) console.log(line);
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
