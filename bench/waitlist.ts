/**
 * The waitlist's offer latency (docs/adr/0072): a pool of `BENCH_POOL` (12) interviewers, each free
 * one hour a day, filled to the last seat of the horizon: `BENCH_WAITING` (200) candidates booked
 * on the latest seats and waiting for an earlier time, the seats before them booked by others. Then
 * `BENCH_ROUNDS` (40) rounds, one at a time: one of the earlier bookings is cancelled, and the clock
 * runs until the hold's offer for the first candidate still waiting is at the email sink. Beside it,
 * in the same round, the floor: the same cancellation's own email to the cancelling candidate (the
 * lifecycle's shortest way to the sink). Printed, never asserted.
 *
 * Booking's cost with waitlists present: `BENCH_PROBES` (30) book-and-cancel rounds on a pool of
 * their own, before anyone waits and again with every candidate waiting; the ratio of the two.
 *
 *   pnpm bench:waitlist                    # BENCH_WAITING=50 BENCH_ROUNDS=10 for a quicker look
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { alwaysAvailableInterviewer, inviteAndReadLink, signInAsAdmin, sinkMessages } from '@portal/system-tests/fixtures';
import { startBenchPortal } from './harness';
import { figures, inPool, runMark, type Figures } from './measure';

const WAITING = Number(process.env.BENCH_WAITING ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const POOL = Number(process.env.BENCH_POOL ?? 12);
const PROBES = Number(process.env.BENCH_PROBES ?? 30);
const HORIZON_DAYS = 21;
const POLL_MS = 25;
const ROUND_TIMEOUT_MS = 60_000;

const log = (line: string) => console.error(`[bench] ${line}`);

const portal = await startBenchPortal('waitlist', {
  ...runMark('waitlist'),
  MIN_NOTICE_MINUTES: '0',
  CHANGE_CUTOFF_MINUTES: '0',
  HORIZON_DAYS: String(HORIZON_DAYS),
  INTERVIEW_DURATION_MINUTES: '60',
  // Holds outlast the run: each round's offer stays open, so the next round's goes to the next in line.
  HOLD_MINUTES: '240',
});
try {
  const hr = await signInAsAdmin(portal.api);
  const pool: string[] = [];
  for (let i = 0; i < POOL; i += 1) {
    const { id } = await hr.mutation<{ id: string }>('hr.interviewers.upsert', {
      name: `Waitlist Bench ${i}`,
      email: `waitlist.bench.${i}@example.test`,
      timezone: 'UTC',
      weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, ranges: [{ start: '09:00', end: '10:00' }] })),
      overrides: [],
      timeOff: [],
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      maxPerDay: 24,
      active: true,
    });
    pool.push(id);
  }
  const probePool = [(await alwaysAvailableInterviewer(hr, 'Waitlist Probe A')).id, (await alwaysAvailableInterviewer(hr, 'Waitlist Probe B')).id];

  const invite = (label: string, interviewerIds: string[]) =>
    inviteAndReadLink(hr, portal.sinkUrl, { name: `Waitlist ${label}`, email: `waitlist.${label}@example.test` }, interviewerIds, 'Bench Waitlist');
  const slotsOf = async (token: string) => (await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token })).slots.map((s) => s.start);
  /** Books the latest (or earliest) free seat, listing again when a racer took it. */
  const bookAt = async (token: string, pick: 'latest' | 'earliest'): Promise<string | null> => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const starts = await slotsOf(token);
      const start = pick === 'latest' ? starts.at(-1) : starts[0];
      if (start === undefined) return null;
      try {
        await portal.api.mutation('candidate.book', { token, start });
        return start;
      } catch {
        // Taken between the listing and the booking: list again.
      }
    }
    return null;
  };

  // Booking's cost before anyone waits: the floor of the ratio.
  const probeRounds = async (label: string) => {
    const book: number[] = [];
    const cancel: number[] = [];
    const probes = await inPool(Array.from({ length: PROBES }, (_, i) => i), 6, (i) => invite(`probe.${label}.${i}`, probePool));
    for (const probe of probes) {
      // Not one starting within minutes: it would be under way (and not cancellable) before the round ends.
      const start = (await slotsOf(probe.token)).find((at) => Date.parse(at) > Date.now() + 15 * 60_000);
      let at = performance.now();
      await portal.api.mutation('candidate.book', { token: probe.token, start });
      book.push(performance.now() - at);
      at = performance.now();
      await portal.api.mutation('candidate.cancel', { token: probe.token });
      cancel.push(performance.now() - at);
    }
    return { book: figures(book, 0, 1), cancel: figures(cancel, 0, 1) };
  };
  log(`booking ${WAITING} candidates on the latest seats of a pool of ${POOL}, one hour a day over ${HORIZON_DAYS} days`);
  const waiters = await inPool(Array.from({ length: WAITING }, (_, i) => i), 8, (i) => invite(`waiting.${i}`, pool));
  const waiterStarts: string[] = [];
  for (const waiter of waiters) {
    const start = await bookAt(waiter.token, 'latest');
    if (start === null) throw new Error(`no seat left for waiting candidate ${waiterStarts.length}: widen BENCH_POOL`);
    waiterStarts.push(start);
  }
  const firstWaiting = Math.min(...waiterStarts.map((s) => Date.parse(s)));

  log('filling every seat before theirs');
  const early: { interviewId: string; token: string; start: string }[] = [];
  for (let i = 0; ; i += 1) {
    const candidate = await invite(`early.${i}`, pool);
    const [earliest] = await slotsOf(candidate.token);
    if (earliest === undefined || Date.parse(earliest) >= firstWaiting) break;
    const start = await bookAt(candidate.token, 'earliest');
    if (start === null) break;
    early.push({ ...candidate, start });
  }
  if (early.length === 0) throw new Error('no seat before the waiting candidates’: shorten BENCH_WAITING or widen BENCH_POOL');

  // Booking's floor on the same data, nobody waiting yet: the ratio below is the waitlists' alone.
  log(`booking's floor: ${PROBES} book-and-cancel rounds with nobody waiting`);
  const before = await probeRounds('before');

  log(`${WAITING} candidates join the waitlist, in order`);
  for (const waiter of waiters) await portal.api.mutation('candidate.joinWaitlist', { token: waiter.token });
  const waiterIds = new Map(waiters.map((w, i) => [w.interviewId, i]));

  log('booking with everyone waiting');
  const during = await probeRounds('during');

  const rounds = Math.min(ROUNDS, early.length);
  log(`${rounds} rounds: an earlier booking cancelled, then the first waiting candidate’s offer`);
  const offers: number[] = [];
  const floor: number[] = [];
  const outOfTurn: string[] = [];
  const missed: number[] = [];
  // A seat left free beside the first waiting booking may have been held already, for the first to join.
  const offered = new Set((await sinkMessages(portal.sinkUrl, { tag: 'hold_offer' })).map((m) => m.Metadata.interviewId));
  log(`${offered.size} offer(s) made as the candidates joined`);
  for (let round = 0; round < rounds; round += 1) {
    const cancelled = early[round];
    if (!cancelled) break;
    const waitingBefore = waiters.map((w, i) => [w.interviewId, i] as const).filter(([id]) => !offered.has(id)).map(([, i]) => i);
    const at = performance.now();
    await portal.api.mutation('candidate.cancel', { token: cancelled.token });
    let offerMs: number | null = null;
    let floorMs: number | null = null;
    const turns: number[] = [];
    const take = (holds: Awaited<ReturnType<typeof sinkMessages>>) => {
      for (const m of holds.filter((h) => !offered.has(h.Metadata.interviewId ?? ''))) {
        offered.add(m.Metadata.interviewId ?? '');
        turns.push(waiterIds.get(m.Metadata.interviewId ?? '') ?? -1);
      }
    };
    while ((offerMs === null || floorMs === null) && performance.now() - at < ROUND_TIMEOUT_MS) {
      const [holds, cancels] = await Promise.all([sinkMessages(portal.sinkUrl, { tag: 'hold_offer' }), floorMs === null ? sinkMessages(portal.sinkUrl, { tag: 'cancelled' }) : []]);
      take(holds);
      if (offerMs === null && turns.length > 0) offerMs = performance.now() - at;
      if (floorMs === null && cancels.some((m) => m.Metadata.interviewId === cancelled.interviewId)) floorMs = performance.now() - at;
      await sleep(POLL_MS);
    }
    // Offers of the round that arrive late (a time freed beside it) are its too.
    await sleep(500);
    take(await sinkMessages(portal.sinkUrl, { tag: 'hold_offer' }));
    // However many times this round freed, they went to as many candidates, the first still waiting first.
    const inLine = waitingBefore.slice(0, turns.length);
    if ([...turns].sort((a, b) => a - b).join() !== inLine.join()) outOfTurn.push(`round ${round}: offered to ${turns.join(', ')}, first in line ${inLine.join(', ')}`);
    if (offerMs === null) missed.push(round);
    else offers.push(offerMs);
    if (floorMs !== null) floor.push(floorMs);
  }

  const line = (label: string, f: Figures) => `${label.padEnd(40)} p50 ${f.p50Ms.toFixed(0).padStart(6)} ms   p99 ${f.p99Ms.toFixed(0).padStart(6)} ms   n=${f.count}`;
  const offerFigures = figures(offers, missed.length, 1);
  const floorFigures = figures(floor, 0, 1);
  console.log(`waitlist: ${WAITING} candidates waiting on a pool of ${POOL} (one hour a day, ${HORIZON_DAYS} days, every seat booked); ${early.length} earlier bookings; ${rounds} rounds; sink polled every ${POLL_MS} ms`);
  console.log(line('cancellation → hold offer at the sink', offerFigures));
  console.log(line('floor: the same cancellation’s own email', floorFigures));
  console.log(`ratio (offer / floor): p50 ${(offerFigures.p50Ms / floorFigures.p50Ms).toFixed(2)}x, p99 ${(offerFigures.p99Ms / floorFigures.p99Ms).toFixed(2)}x; goal p99 ≤ 5000 ms`);
  console.log(`offers out of turn: ${outOfTurn.length ? outOfTurn.join('; ') : 'none'}; rounds with no offer in ${ROUND_TIMEOUT_MS / 1000} s: ${missed.length ? missed.join(', ') : 'none'}`);
  console.log(line('book, nobody waiting', before.book));
  console.log(line(`book, ${WAITING} waiting`, during.book));
  console.log(line('cancel, nobody waiting', before.cancel));
  console.log(line(`cancel, ${WAITING} waiting`, during.cancel));
  console.log(
    `ratio (with waitlists / without): book p50 ${(during.book.p50Ms / before.book.p50Ms).toFixed(2)}x p99 ${(during.book.p99Ms / before.book.p99Ms).toFixed(2)}x; cancel p50 ${(during.cancel.p50Ms / before.cancel.p50Ms).toFixed(2)}x p99 ${(during.cancel.p99Ms / before.cancel.p99Ms).toFixed(2)}x`,
  );
} finally {
  await portal.stop();
}
