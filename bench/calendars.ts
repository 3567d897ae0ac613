import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '@portal/db';
import { inviteAndReadLink, signInAsAdmin } from '@portal/system-tests/fixtures';
import { googleCalendarStandIn } from '@portal/system-tests/google-calendar';
import { microsoftGraphStandIn } from '@portal/system-tests/microsoft-graph';
import { startBenchPortal } from './harness';
import { closedLoopInto, figures, inPool, row, type Figures, type Samples } from './measure';

/**
 * Issue 48's bench: 20 interviewers on Google Workspace and 20 on Microsoft 365, each through the
 * organisation's connection at the run's stand-ins (as tests/google-calendar.test.ts and
 * tests/microsoft-calendar.test.ts connect them), their calendars holding ~100 meetings over the
 * horizon, and 20 with working hours only: the floor.
 *
 * 1. `candidate.slots` for a pool of each under 50 clients, in alternating turns: listing reads the
 *    busy times the sync keeps (`calendar_busy`), never a provider, so a provider's pool should cost
 *    what the pool without calendars costs (goal: p50 ≤ 1.5x).
 * 2. Push to hidden slot: a busy event made in one member's calendar through the stand-in's API,
 *    then that member's candidate's listing read until the slot under it is gone (the provider's
 *    push, the sync it triggers, the cached busy times). One sample at a time, one per member.
 */
const POOL = 20;
const CLIENTS = 50;
const TURN_MS = Number(process.env.BENCH_SECONDS ?? 8) * 1000;
const TURNS = 2;
const MEETINGS = 100;
const POLL_MS = 20;
const PUSH_TIMEOUT_MS = 60_000;
const DAY_MS = 24 * 3_600_000;
const HOUR = 3_600_000;
const ZONES = ['Europe/London', 'America/New_York', 'Asia/Kolkata', 'Europe/Berlin', 'America/Los_Angeles'];
const run = Date.now();

type Pool = 'hours' | 'google' | 'microsoft';
const POOLS: Pool[] = ['hours', 'google', 'microsoft'];
const LABEL: Record<Pool, string> = { hours: 'working hours only (floor)', google: 'Google Workspace', microsoft: 'Microsoft 365' };

// The sync polls once a minute here: only a push hides a slot within the bench's wait.
const portal = await startBenchPortal('calendars', { CALENDAR_SYNC_SECONDS: '60' }, { calendarStandIns: true });
const google = googleCalendarStandIn(portal.google.apiUrl);
const graph = microsoftGraphStandIn(portal.microsoft);
const db = await openDatabase(portal.mongoUrl);
try {
  const hr = await signInAsAdmin(portal.api);
  const emailOf = (pool: Pool, i: number) => `bench-${pool}-${i}-${run}@example.test`;
  const members = {} as Record<Pool, string[]>;
  for (const pool of POOLS) {
    members[pool] = [];
    for (let i = 0; i < POOL; i += 1) {
      const { id } = await hr.mutation<{ id: string }>('hr.interviewers.upsert', {
        name: `Bench ${pool} ${i}`, email: emailOf(pool, i), timezone: ZONES[i % ZONES.length],
        weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, ranges: [{ start: '09:00', end: '17:00' }] })),
        overrides: [], timeOff: [], bufferBeforeMinutes: 10, bufferAfterMinutes: 15, maxPerDay: 6, active: true,
      });
      members[pool].push(id);
    }
  }

  // The meetings each calendar holds before it is connected, read by its first sync.
  const base = Math.ceil(Date.now() / HOUR) * HOUR;
  const meetings = Array.from({ length: MEETINGS }, (_, i) => {
    const start = base + Math.floor((i * 21 * DAY_MS) / MEETINGS) + (i % 8) * HOUR;
    return { start: new Date(start), end: new Date(start + (30 + (i % 3) * 15) * 60_000) };
  });
  const seeding = performance.now();
  await inPool(Array.from({ length: POOL * MEETINGS }, (_, n) => n), 8, async (n) => {
    const [i, m] = [Math.floor(n / MEETINGS), n % MEETINGS];
    const meeting = meetings[m];
    if (!meeting) return;
    await google.addEvent(emailOf('google', i), { summary: `Meeting ${m}`, ...meeting });
    await graph.addEvent(emailOf('microsoft', i), { subject: `Meeting ${m}`, ...meeting });
  });
  console.error(`[bench] ${2 * POOL * MEETINGS} meetings put into the stand-ins in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);

  const handshakes = async () => (await graph.deliveries()).filter((d) => d.kind === 'validation' && d.status === 200).length;
  const handshakesBefore = await handshakes();
  for (const id of members.google) await hr.mutation('hr.calendars.connectGoogle', { interviewerId: id });
  for (const id of members.microsoft) await hr.mutation('hr.calendars.connectMicrosoft', { interviewerId: id });
  const connected = [...members.google, ...members.microsoft];
  const waitFor = async (what: string, done: () => Promise<boolean>) => {
    const started = Date.now();
    while (!(await done())) {
      if (Date.now() - started > 180_000) throw new Error(`${what} did not happen within 3 minutes`);
      await sleep(500);
    }
  };
  await waitFor('the first read of every calendar', async () => (await db.calendarBusy.countDocuments({ _id: { $in: connected }, lastSyncedAt: { $ne: null } })) >= connected.length);
  await waitFor('every Google push channel', async () => {
    const answered = await Promise.all(Array.from({ length: POOL }, async (_, i) => (await google.deliveriesFor(emailOf('google', i))).some((d) => d.state === 'sync' && d.status === 204)));
    return answered.every(Boolean);
  });
  await waitFor('every Microsoft subscription', async () => (await handshakes()) - handshakesBefore >= POOL);
  const busyPerMember = Object.fromEntries(
    await Promise.all((['google', 'microsoft'] as const).map(async (pool) => [pool, (await db.calendarBusy.findById(members[pool][0]).lean())?.busyCount ?? 0])),
  ) as Record<'google' | 'microsoft', number>;

  // 1. Listing, each pool's candidate under 50 clients, the pools in alternating turns.
  const tokens = {} as Record<Pool, string>;
  for (const pool of POOLS) {
    tokens[pool] = (await inviteAndReadLink(hr, portal.sinkUrl, { name: `Bench ${pool} Candidate`, email: `bench.${pool}.${run}@example.test` }, members[pool])).token;
  }
  const listOnce = (token: string) => portal.api.query<{ slots: { start: string; end: string }[] }>('candidate.slots', { token });
  const slotCounts = Object.fromEntries(await Promise.all(POOLS.map(async (pool) => [pool, (await listOnce(tokens[pool])).slots.length]))) as Record<Pool, number>;
  const samples = Object.fromEntries(POOLS.map((pool): [Pool, Samples] => [pool, { latencies: [], errors: 0, elapsedMs: 0 }])) as Record<Pool, Samples>;
  for (let turn = 0; turn < TURNS; turn += 1) {
    for (const pool of turn % 2 === 0 ? POOLS : [...POOLS].reverse()) {
      const call = () => listOnce(tokens[pool]);
      await closedLoopInto({ latencies: [], errors: 0, elapsedMs: 0 }, CLIENTS, 1_000, call);
      await closedLoopInto(samples[pool], CLIENTS, TURN_MS, call);
    }
  }
  const listing = Object.fromEntries(POOLS.map((pool) => [pool, figures(samples[pool].latencies, samples[pool].errors, samples[pool].elapsedMs)])) as Record<Pool, Figures>;

  // 2. Push to hidden slot: one member's candidate, a slot of theirs, a busy event over it.
  const push = {} as Record<'google' | 'microsoft', { latencies: number[]; missed: number }>;
  for (const provider of ['google', 'microsoft'] as const) {
    push[provider] = { latencies: [], missed: 0 };
    for (let i = 0; i < POOL; i += 1) {
      const id = members[provider][i] ?? '';
      const { token } = await inviteAndReadLink(hr, portal.sinkUrl, { name: `Bench Push ${provider} ${i}`, email: `bench.push.${provider}.${i}.${run}@example.test` }, [id]);
      const { slots } = await listOnce(token);
      // A slot a few days ahead, a different one for each member.
      const slot = slots[Math.min(slots.length - 1, 10 + i * 3)];
      if (!slot) throw new Error(`no slot listed for ${emailOf(provider, i)}`);
      const [start, end] = [new Date(slot.start), new Date(slot.end)];
      const began = performance.now();
      await (provider === 'google'
        ? google.addEvent(emailOf(provider, i), { summary: 'Pushed meeting', start, end })
        : graph.addEvent(emailOf(provider, i), { subject: 'Pushed meeting', start, end }));
      for (;;) {
        if (!(await listOnce(token)).slots.some((s) => s.start === slot.start)) {
          push[provider].latencies.push(performance.now() - began);
          break;
        }
        if (performance.now() - began > PUSH_TIMEOUT_MS) {
          push[provider].missed += 1;
          break;
        }
        await sleep(POLL_MS);
      }
    }
  }

  console.log(`candidate.slots: pools of ${POOL} (weekdays 09:00–17:00 in five zones), 21-day horizon, ${CLIENTS} clients, ${TURNS} turns of ${TURN_MS / 1000} s each`);
  console.log(`calendar busy periods per member: Google ${busyPerMember.google}, Microsoft 365 ${busyPerMember.microsoft}`);
  for (const pool of POOLS) console.log(row(`  ${LABEL[pool]} (${slotCounts[pool]} slots)`, listing[pool]));
  for (const pool of ['google', 'microsoft'] as const) {
    const [p50, p99] = [listing[pool].p50Ms / listing.hours.p50Ms, listing[pool].p99Ms / listing.hours.p99Ms];
    console.log(`${LABEL[pool]} vs its floor: p50 ${p50.toFixed(2)}x, p99 ${p99.toFixed(2)}x (goal: p50 ≤ 1.5x, ${p50 <= 1.5 ? 'met' : 'NOT met'})`);
  }
  console.log(`push to hidden slot: a busy event made through the stand-in's API until the slot is gone from the listing (polled every ${POLL_MS} ms; one member at a time)`);
  for (const provider of ['google', 'microsoft'] as const) {
    const f = figures(push[provider].latencies, push[provider].missed, 1);
    const max = Math.max(...push[provider].latencies);
    console.log(`  ${LABEL[provider].padEnd(32)} p50 ${f.p50Ms.toFixed(0).padStart(6)} ms   p99 ${f.p99Ms.toFixed(0).padStart(6)} ms   max ${max.toFixed(0).padStart(6)} ms   n=${f.count}${f.errors ? `   not hidden within ${PUSH_TIMEOUT_MS / 1000} s: ${f.errors}` : ''}`);
  }
} finally {
  await db.close();
  await portal.stop();
}
