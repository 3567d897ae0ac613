/**
 * Replacement latency over many panel conflicts (docs/adr/0032): `BENCH_CONFLICTS` (100)
 * interviews booked with panels of two from a pool of `BENCH_POOL` (20) always-free members, each
 * interview at its own time, so every member off its panel is a free alternate. Then one conflict
 * per interview: the busiest member deactivated (every interview they hold), then, `BENCH_CONCURRENCY`
 * (4) at a time, a decline by link or time off over the interview. Per conflict: the change sent →
 * the interview's document naming a replacement at the same time (polled every POLL_MS). Printed
 * beside the floor (a bare update round trip to the same lifecycles, refused by its validator, and
 * the poll's own read), never asserted.
 *
 *   pnpm bench:repair                 # BENCH_CONFLICTS=20 for a quicker look
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import { portalTemporalClient } from '@portal/system-tests/temporal-client';
import { alwaysAvailableInterviewer, eventually, inviteAndReadLink, signInAsAdmin, spacedStarts } from '@portal/system-tests/fixtures';
import { startBenchPortal } from './harness';
import { figures, inPool, runMark, workflowsWorkerRssMiB, type Figures } from './measure';
import { repairBreakdown, type TimedRepair } from './repair-breakdown';
import { createChangeMaker, declineTokens, planConflicts, type BookedPanel, type ConflictKind, type PanelChange } from './panel-conflicts';

const CONFLICTS = Number(process.env.BENCH_CONFLICTS ?? 100);
const POOL = Number(process.env.BENCH_POOL ?? 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const PANEL = 2;
const POLL_MS = 25;
const REPAIR_TIMEOUT_MS = 120_000;
const HOUR = 3_600_000;

const log = (line: string) => console.error(`[bench] ${line}`);
const rss = () => workflowsWorkerRssMiB('repair');

const portal = await startBenchPortal('repair', { ...runMark('repair'), MIN_NOTICE_MINUTES: '0' });
const connection = await mongoose.createConnection(portal.mongoUrl).asPromise();
try {
  const interviews = connection.collection<{ _id: string; status: string; slot: { start: Date; end: Date; interviewerIds: string[] } | null }>('interviews');
  const hr = await signInAsAdmin(portal.api);
  const members = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < POOL; i += 1) await alwaysAvailableInterviewer(hr, `Repair Bench ${i}`);
  for (const doc of await hr.query<(Record<string, unknown> & { id: string; name: string })[]>('hr.interviewers.list')) {
    if (doc.name.startsWith('Repair Bench ')) members.set(doc.id, doc);
  }
  const pool = [...members.keys()];
  const emails = new Map([...members].map(([id, doc]) => [id, String(doc.email)]));

  log(`inviting ${CONFLICTS} candidates, panels of ${PANEL} from a pool of ${pool.length}`);
  const invited: { interviewId: string; token: string }[] = [];
  for (let from = 0; from < CONFLICTS; from += 10) {
    const batch = Array.from({ length: Math.min(10, CONFLICTS - from) }, (_, i) =>
      inviteAndReadLink(hr, portal.sinkUrl, { name: `Repair ${from + i}`, email: `repair.${from + i}@example.test` }, pool, 'Bench Panel', { kind: 'panel', panelSize: PANEL }),
    );
    invited.push(...(await Promise.all(batch)));
  }
  const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token: invited[0]?.token });
  // Two hours apart, the first two hours ahead: no two interviews overlap, whatever their length.
  const starts = spacedStarts(slots, CONFLICTS, 2 * HOUR, 2 * HOUR);
  if (starts.length < CONFLICTS) throw new Error(`only ${starts.length} starts two hours apart in the horizon`);
  await inPool(invited, 8, (c, i) => portal.api.mutation('candidate.book', { token: c.token, start: starts[i] }));
  const booked = await Promise.all(
    invited.map(async ({ interviewId }): Promise<BookedPanel> => {
      const doc = await interviews.findOne({ _id: interviewId });
      if (!doc?.slot || doc.slot.interviewerIds.length !== PANEL) throw new Error(`interview ${interviewId} is not booked with a whole panel`);
      return { interviewId, start: doc.slot.start.toISOString(), end: doc.slot.end.toISOString(), panel: doc.slot.interviewerIds };
    }),
  );
  const { first, rest } = planConflicts(booked, 1);
  const tokens = await eventually(async () => {
    const found = await declineTokens(portal.sinkUrl, emails, rest);
    return found.size === rest.filter((c) => c.kind === 'decline').length ? found : undefined;
  }, 120_000, 'every declining member\'s invitation');
  const makeChange = createChangeMaker(hr, members, tokens, new Map(booked.map((b) => [b.interviewId, b])));
  // The bookings' trailing work (invitations, calendar writes) settles before the clock starts.
  await sleep(5_000);

  const idleRss = rss();
  let peakRss = idleRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rss())), 1_000);
  const latencies: { kind: ConflictKind; ms: number }[] = [];
  const timed: TimedRepair[] = [];
  const unrepaired: string[] = [];
  const bookedById = new Map(booked.map((b) => [b.interviewId, b]));
  /** Makes the change, then waits for each of its interviews to name a whole panel without the member, at the same time. */
  const repair = async (change: PanelChange) => {
    const changedAt = performance.now();
    const changedAtWall = Date.now();
    await makeChange(change);
    await Promise.all(change.interviewIds.map(async (interviewId) => {
      const before = bookedById.get(interviewId);
      while (performance.now() - changedAt < REPAIR_TIMEOUT_MS) {
        const slot = (await interviews.findOne({ _id: interviewId }, { projection: { 'slot.interviewerIds': 1, 'slot.start': 1 } }))?.slot;
        if (slot && slot.interviewerIds.length === PANEL && !slot.interviewerIds.includes(change.memberId) && slot.start.toISOString() === before?.start) {
          latencies.push({ kind: change.kind, ms: performance.now() - changedAt });
          timed.push({ interviewId, changedAt: changedAtWall, repairedAt: Date.now() });
          return;
        }
        await sleep(POLL_MS);
      }
      unrepaired.push(`${interviewId} (${change.kind})`);
    }));
  };
  log(`${first.length} deactivation(s) over ${first.flatMap((c) => c.interviewIds).length} interviews, then ${rest.length} conflicts ${CONCURRENCY} at a time`);
  const startedAt = performance.now();
  await Promise.all(first.map(repair));
  await inPool(rest, CONCURRENCY, repair);
  const elapsedMs = performance.now() - startedAt;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, rss());

  // The floor: the least a lifecycle can be asked, an update refused by its validator (`join`:
  // no window is open), on the same lifecycles at the same concurrency; beside it the poll's read.
  const temporal = await Connection.connect({ address: portal.temporalAddress });
  const client = portalTemporalClient(temporal);
  const time = async (call: () => Promise<unknown>, into: number[]) => {
    const at = performance.now();
    await call().catch(() => undefined);
    into.push(performance.now() - at);
  };
  const updates: number[] = [];
  const reads: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    const intoUpdates = round === 0 ? [] : updates;
    await inPool(booked, CONCURRENCY, (b) => time(() => client.workflow.getHandle(interviewWorkflowId(b.interviewId)).executeUpdate('join'), intoUpdates));
    await inPool(booked, CONCURRENCY, (b) => time(() => interviews.findOne({ _id: b.interviewId }, { projection: { 'slot.interviewerIds': 1 } }), reads));
  }
  const breakdown = await repairBreakdown(client, timed);
  await temporal.close();

  // HR's detail page agrees with the document: each interview names a whole new panel, still scheduled.
  const details = await Promise.all(booked.map((b) => hr.query<{ status: string; slot: { start: string; panel: { interviewerId: string }[] } | null }>('hr.interviews.get', { interviewId: b.interviewId })));
  const leavers = new Map([...first, ...rest].flatMap((c) => c.interviewIds.map((id) => [id, c.memberId] as const)));
  const agreeing = details.filter((d, i) => {
    const b = booked[i];
    return b && d.status === 'SCHEDULED' && d.slot?.start === b.start && d.slot.panel.length === PANEL && !d.slot.panel.some((m) => m.interviewerId === leavers.get(b.interviewId));
  }).length;

  const all = figures(latencies.map((l) => l.ms), unrepaired.length, elapsedMs);
  const max = (values: number[]) => Math.max(...values).toFixed(0);
  const line = (label: string, f: Figures, values: number[]) =>
    `${label.padEnd(30)} p50 ${f.p50Ms.toFixed(0).padStart(6)} ms   p99 ${f.p99Ms.toFixed(0).padStart(6)} ms   max ${max(values).padStart(6)} ms   n=${f.count}`;
  const floorUpdate = figures(updates, 0, 1);
  const floorRead = figures(reads, 0, 1);
  console.log(`panel repair: ${CONFLICTS} interviews, panels of ${PANEL} from ${pool.length} always-free members; ${first.length} member deactivated (${first.flatMap((c) => c.interviewIds).length} interviews at once), then ${rest.length} conflicts ${CONCURRENCY} at a time; polled every ${POLL_MS} ms`);
  console.log(line('change → replacement (all)', all, latencies.map((l) => l.ms)));
  for (const kind of ['deactivated', 'decline', 'time-off'] as const) {
    const mine = latencies.filter((l) => l.kind === kind).map((l) => l.ms);
    if (mine.length > 0) console.log(line(`  ${kind}`, figures(mine, 0, 1), mine));
  }
  for (const stage of breakdown) console.log(stage);
  console.log(`throughput                     ${all.perSecond.toFixed(2)} repairs/s (${latencies.length} in ${(elapsedMs / 1000).toFixed(1)} s); not repaired in ${REPAIR_TIMEOUT_MS / 1000} s: ${unrepaired.length ? unrepaired.join(', ') : 'none'}`);
  console.log(`HR detail names a new whole panel at the same time: ${agreeing} of ${booked.length}`);
  console.log(`workflows worker RSS           idle ${idleRss.toFixed(0)} MiB, peak ${peakRss.toFixed(0)} MiB, end ${rss().toFixed(0)} MiB`);
  console.log(line('floor: update refused (join)', floorUpdate, updates));
  console.log(line('floor: the poll\'s document read', floorRead, reads));
  console.log(`ratio (replacement / bare update): p50 ${(all.p50Ms / floorUpdate.p50Ms).toFixed(1)}x, p99 ${(all.p99Ms / floorUpdate.p99Ms).toFixed(1)}x`);
} finally {
  await connection.close();
  await portal.stop();
}
