import { Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { eventually, inviteAndReadLink, linkToken, signInAsAdmin, sinkMessages } from '@portal/system-tests/fixtures';
import { portalTemporalClient } from '@portal/system-tests/temporal-client';
import { startBenchPortal } from './harness';
import { bookingBreakdown, type TimedBooking } from './loop-breakdown';
import { closedLoop, closedLoopInto, figures, row, type Figures, type Samples } from './measure';
import { officeHours } from '@portal/devstack/year-of-data';

/**
 * Itineraries for a four-session loop (pools of 20, panels of 1 and 2, 0–30 minute breaks, 21-day
 * horizon) under 50 clients, beside the single-session slot listing in the same run (the two take
 * turns), with per-member database reads as floors; then booking a loop beside booking a single
 * interview, one of each in turn.
 */
const POOL = 20;
const SESSIONS = 4;
const PANELS = [1, 2, 1, 2];
const CLIENTS = 50;
const DURATION_MS = 10_000;
/** Each call's time is cut into this many turns, taken in turn with the call it is read against. */
const TURNS = 4;
const BOOKINGS = 8;
const ZONES = ['Europe/London', 'America/New_York', 'Asia/Kolkata', 'Europe/Berlin', 'America/Los_Angeles'];

/**
 * Closed loops of `clients` over each call, for `durationMs` each in all, in `TURNS` alternating
 * turns: on a shared machine whose load moves by the minute, both sides of a ratio then see the same
 * minutes, where one block after the other compared two different machines.
 */
async function inTurns(clients: number, durationMs: number, calls: (() => Promise<unknown>)[]): Promise<Figures[]> {
  const times: Samples[] = calls.map(() => ({ latencies: [], errors: 0, elapsedMs: 0 }));
  for (let turn = 0; turn < TURNS; turn += 1) {
    for (const [i, call] of calls.entries()) {
      const into = times[i];
      if (into !== undefined) await closedLoopInto(into, clients, durationMs / TURNS, call);
    }
  }
  return times.map((t) => figures(t.latencies, t.errors, t.elapsedMs));
}

const portal = await startBenchPortal('loops');
try {
  const hr = await signInAsAdmin(portal.api);
  const pools: string[][] = [];
  for (let p = 0; p < SESSIONS; p += 1) {
    const pool: string[] = [];
    for (let i = 0; i < POOL; i += 1) {
      const { id } = await hr.mutation<{ id: string }>('hr.interviewers.upsert', {
        name: `Loop Pool ${p} Interviewer ${i}`,
        email: `loop.pool.${p}.${i}@example.test`,
        ...officeHours(ZONES[i % ZONES.length] ?? 'UTC'),
      });
      pool.push(id);
    }
    pools.push(pool);
  }
  const sessions = pools.map((ids, i) => ({ title: `Session ${i + 1}`, kind: 'technical', durationMinutes: 45, interviewerIds: ids, panelSize: PANELS[i] }));
  let invited = 0;
  async function inviteLoop(): Promise<{ token: string; loopId: string; interviewIds: string[] }> {
    invited += 1;
    const email = `bench.loop.${invited}@example.test`;
    const { loopId, interviewIds } = await hr.mutation<{ loopId: string; interviewIds: string[] }>('hr.loops.invite', {
      candidateName: `Loop Candidate ${invited}`,
      candidateEmail: email,
      candidateTimezone: 'Europe/London',
      position: 'Bench Onsite',
      sessions,
      rules: { order: 'fixed', minBreakMinutes: 0, maxBreakMinutes: 30, days: 1, maxSessionsPerDay: SESSIONS },
    });
    const message = await eventually(
      async () => (await sinkMessages(portal.sinkUrl, { to: email })).find((m) => m.Metadata.interviewId === interviewIds[0]),
      60_000,
      `invitation to ${email}`,
    );
    return { token: linkToken(message), loopId, interviewIds };
  }
  const single = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Single Candidate', email: 'bench.single@example.test' }, pools[0] ?? []);
  const { token: loopToken } = await inviteLoop();

  const listSlots = () => portal.api.query<{ slots: unknown[] }>('candidate.slots', { token: single.token });
  const listItineraries = () => portal.api.query<{ day: string; days: string[]; itineraries: unknown[] }>('candidate.itineraries', { token: loopToken });
  const sample = await listItineraries();
  const { slots } = await listSlots();

  const connection = await mongoose.createConnection(portal.mongoUrl).asPromise();
  const db = connection.db;
  if (db === undefined) throw new Error('no database handle');
  // The listing's reads (slot-listing.ts): each member's document and busy times, one equality read each.
  const readsFor = (ids: string[]) => () =>
    Promise.all(ids.flatMap((id) => [db.collection('interviewers').findOne({ _id: id as never }), db.collection('day_claims').find({ interviewerId: id }).toArray()]));

  await closedLoop(CLIENTS, 1_000, listSlots);
  await closedLoop(CLIENTS, 1_000, listItineraries);
  const [slotFigures, loopFigures] = (await inTurns(CLIENTS, DURATION_MS, [listSlots, listItineraries])) as [Figures, Figures];
  const [singleFloor, loopFloor] = (await inTurns(CLIENTS, DURATION_MS / 2, [readsFor(pools[0] ?? []), readsFor(pools.flat())])) as [Figures, Figures];

  console.log(
    `loops: ${SESSIONS} sessions, pools of ${POOL} in ${ZONES.length} zones, panels ${PANELS.join('/')}, breaks 0–30 min, 21-day horizon; ` +
      `${sample.itineraries.length} itineraries on ${sample.day} (${sample.days.length} days open); single listing ${slots.length} slots; ${CLIENTS} clients, ${DURATION_MS / 1000} s each in ${TURNS} turns taken in turn`,
  );
  console.log(row('candidate.slots (one session)', slotFigures));
  console.log(row('candidate.itineraries (loop)', loopFigures));
  console.log(row(`floor: reads for ${POOL} interviewers`, singleFloor));
  console.log(row(`floor: reads for ${POOL * SESSIONS} interviewers`, loopFloor));
  console.log(`itineraries / slots: p50 ${(loopFigures.p50Ms / slotFigures.p50Ms).toFixed(2)}x (goal ≤ 2x), p99 ${(loopFigures.p99Ms / slotFigures.p99Ms).toFixed(2)}x`);

  // Booking: one at a time, so each figure is one booking's latency, not a queue's.
  const timedBookings: TimedBooking[] = [];
  const timed = async (of: Omit<TimedBooking, 'sentAt' | 'answeredAt'>, book: () => Promise<unknown>) => {
    const at = performance.now();
    const sentAt = Date.now();
    await book();
    timedBookings.push({ ...of, sentAt, answeredAt: Date.now() });
    return performance.now() - at;
  };
  const singleTimes: number[] = [];
  const loopTimes: number[] = [];
  for (let i = 0; i < BOOKINGS; i += 1) {
    const one = await inviteAndReadLink(hr, portal.sinkUrl, { name: `Single ${i}`, email: `bench.single.${i}@example.test` }, pools[0] ?? [], `Bench single ${i}`);
    const offered = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token: one.token });
    const start = offered.slots[i * 7]?.start;
    singleTimes.push(await timed({ loopId: null, interviewIds: [one.interviewId] }, () => portal.api.mutation('candidate.book', { token: one.token, start, timezone: 'Europe/London' })));
    const { token, loopId, interviewIds } = await inviteLoop();
    const listed = await portal.api.query<{ itineraries: { itineraryId: string }[] }>('candidate.itineraries', { token });
    const itineraryId = listed.itineraries[(i * 3) % Math.max(1, listed.itineraries.length)]?.itineraryId;
    loopTimes.push(await timed({ loopId, interviewIds }, () => portal.api.mutation('candidate.bookItinerary', { token, itineraryId })));
  }
  await connection.close();
  const singleBook: Figures = figures(singleTimes, 0, singleTimes.reduce((a, b) => a + b, 0));
  const loopBook: Figures = figures(loopTimes, 0, loopTimes.reduce((a, b) => a + b, 0));

  console.log(row(`candidate.book, ${BOOKINGS} one at a time`, singleBook));
  console.log(row(`candidate.bookItinerary, ${BOOKINGS}`, loopBook));
  console.log(`loop booking / single booking: p50 ${(loopBook.p50Ms / singleBook.p50Ms).toFixed(2)}x (goal ≤ 2x), p99 ${(loopBook.p99Ms / singleBook.p99Ms).toFixed(2)}x`);
  const temporal = await Connection.connect({ address: portal.temporalAddress });
  try {
    for (const line of await bookingBreakdown(portalTemporalClient(temporal), timedBookings)) console.log(line);
  } finally {
    await temporal.close();
  }
} finally {
  await portal.stop();
}
