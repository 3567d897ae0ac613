/**
 * What one invitation and one booking cost, counted rather than only timed: HR invites
 * BENCH_COSTS (20) lifecycles, BENCH_CONCURRENCY (1) at a time, each to its invitation email, then
 * each is booked. Per invitation and per booking it prints the answers' latency, the CPU each
 * process of the stack spent (this run's processes only), the database calls of each service
 * (mongoose's, counted by bench/db-call-counter.cjs preloaded into the services), and from one
 * lifecycle's history the workflow tasks, activities, local activities and markers each phase
 * added. BENCH_TAIL_READS=1 also times one tick of the booking process's change tail. Printed,
 * never asserted (docs/adr/0046).
 *
 *   node_modules/.bin/tsx --tsconfig bench/tsconfig.json bench/lifecycle-costs.ts
 *   BENCH_COSTS=200 BENCH_CONCURRENCY=16 node_modules/.bin/tsx --tsconfig bench/tsconfig.json bench/lifecycle-costs.ts
 */
import { performance } from 'node:perf_hooks';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { portalTemporalClient } from '@portal/system-tests/temporal-client';
import { alwaysAvailableInterviewer, signInAsAdmin, type SinkMessage } from '@portal/system-tests/fixtures';
import { workflowsNodeOptions } from '@portal/devstack/portal-services';
import { MINUTE_LIFECYCLES, startBenchPortal } from './harness';
import { cpuMsByPart, eventTimeMs, grownBetween, inPool } from './measure';

const COUNT = Number(process.env.BENCH_COSTS ?? 20);
const LEAD_MS = 4 * 60_000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 1);
const countDir = mkdtempSync(join(tmpdir(), 'bench-db-calls-'));
const counter = `--import ${fileURLToPath(new URL('./db-call-counter.mjs', import.meta.url))}`;
// The workflows worker is started with these flags instead of NODE_OPTIONS (bench/harness.ts).
process.env.WORKFLOWS_NODE_OPTIONS = `${workflowsNodeOptions()} ${counter}`;
const log = (line: string) => console.error(`[bench] ${line}`);

/** Database calls so far, by `service collection.method(filter keys)`, from the preload's files. */
function dbCalls(): Map<string, number> {
  const calls = new Map<string, number>();
  for (const file of readdirSync(countDir).filter((name) => name.endsWith('.json'))) {
    const service = file.replace(/-\d+\.json$/, '');
    for (const [key, n] of Object.entries(JSON.parse(readFileSync(join(countDir, file), 'utf8')) as Record<string, number>)) {
      calls.set(`${service} ${key}`, (calls.get(`${service} ${key}`) ?? 0) + n);
    }
  }
  return calls;
}

const diff = (after: Map<string, number>, before: Map<string, number>) => grownBetween(before, after);

function report(phase: string, cpu: [Map<string, number>, Map<string, number>], calls: [Map<string, number>, Map<string, number>], latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(`\n== ${phase}: ${COUNT}, ${CONCURRENCY} at once; latency p50 ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms, mean ${(sorted.reduce((a, b) => a + b, 0) / sorted.length).toFixed(0)} ms`);
  const cpuDiff = diff(cpu[1], cpu[0]);
  console.log(`cpu ms per ${phase}: ${cpuDiff.map(([k, n]) => `${k} ${(n / COUNT).toFixed(1)}`).join(', ')}; total ${(cpuDiff.reduce((a, [, n]) => a + n, 0) / COUNT).toFixed(1)}`);
  const callDiff = diff(calls[1], calls[0]);
  const byService = new Map<string, number>();
  for (const [key, n] of callDiff) byService.set(key.split(' ')[0] ?? '', (byService.get(key.split(' ')[0] ?? '') ?? 0) + n);
  console.log(`db calls per ${phase}: ${[...byService].map(([k, n]) => `${k} ${(n / COUNT).toFixed(2)}`).join(', ')}`);
  for (const [key, n] of callDiff) console.log(`  ${(n / COUNT).toFixed(2).padStart(6)}  ${key}`);
}

const portal = await startBenchPortal('costs', {
  NODE_OPTIONS: counter,
  BENCH_DB_CALLS_DIR: countDir,
  ...MINUTE_LIFECYCLES,
});
try {
  const hr = await signInAsAdmin(portal.api);
  const ids = Array.from({ length: COUNT }, (_, i) => i);
  const interviewers = await inPool([...ids, COUNT], 4, (i) => alwaysAvailableInterviewer(hr, `Cost Interviewer ${i}`));
  // Warm-up: one lifecycle invited and booked, so first-call costs (bundles, connections) stay out of the counts.
  const warm = await hr.mutation<{ interviewId: string }>('hr.interviews.invite', {
    candidateName: 'Warm Candidate', candidateEmail: 'warm@example.test', candidateTimezone: 'Europe/London',
    position: 'Backend Engineer', kind: 'technical', interviewerIds: [interviewers[COUNT]?.id],
  });
  const tokenOf = async (interviewId: string) => {
    for (let tries = 0; tries < 600; tries += 1) {
      const response = await fetch(`${portal.sinkUrl}/api/messages?interviewId=${interviewId}&tag=invitation`);
      const [message] = ((await response.json()) as { messages: SinkMessage[] }).messages;
      const token = /\/b\/([A-Za-z0-9_\-.]+)/.exec(message?.TextBody ?? '')?.[1];
      if (token) return token;
      await sleep(100);
    }
    throw new Error(`no invitation for ${interviewId}`);
  };
  await portal.api.mutation('candidate.book', { token: await tokenOf(warm.interviewId), start: new Date(Math.ceil((Date.now() + LEAD_MS) / 60_000) * 60_000).toISOString() });
  await sleep(5_000);

  const quiet = [cpuMsByPart(), dbCalls()] as const;
  await sleep(10_000);
  const idle = [cpuMsByPart(), dbCalls()] as const;
  console.log(`\n== idle 10 s: cpu ${diff(idle[0], quiet[0]).map(([k, n]) => `${k} ${n}`).join(', ')}; db ${diff(idle[1], quiet[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);

  const invited: string[] = [];
  const tokens: string[] = [];
  const inviteLatencies: number[] = [];
  const inviteStarted = performance.now();
  await inPool(ids, CONCURRENCY, async (i) => {
    const asked = performance.now();
    const { interviewId } = await hr.mutation<{ interviewId: string }>('hr.interviews.invite', {
      candidateName: `Cost Candidate ${i}`,
      candidateEmail: `cost.${i}@example.test`,
      candidateTimezone: 'Europe/London',
      position: 'Backend Engineer',
      kind: 'technical',
      interviewerIds: [interviewers[i]?.id],
    });
    inviteLatencies.push(performance.now() - asked);
    invited[i] = interviewId;
    if (CONCURRENCY === 1) tokens[i] = await tokenOf(interviewId);
  });
  const inviteSeconds = (performance.now() - inviteStarted) / 1000;
  if (CONCURRENCY > 1) await inPool(ids, CONCURRENCY, async (i) => (tokens[i] = await tokenOf(invited[i] ?? '')));
  console.log(`\ninvites: ${(COUNT / inviteSeconds).toFixed(1)} /s at ${CONCURRENCY}; to the last invitation email ${((performance.now() - inviteStarted) / 1000).toFixed(1)} s`);
  await sleep(3_000);
  const afterInvites = [cpuMsByPart(), dbCalls()] as const;
  report('invitation (to its email)', [idle[0], afterInvites[0]], [idle[1], afterInvites[1]], inviteLatencies);

  const bookLatencies: number[] = [];
  const connection = await Connection.connect({ address: portal.temporalAddress });
  const client = portalTemporalClient(connection);
  const bookedAt: number[] = [];
  const bookStarted = performance.now();
  await inPool(ids, CONCURRENCY, async (i) => {
    const start = Math.ceil((Date.now() + LEAD_MS) / 60_000) * 60_000;
    const asked = performance.now();
    bookedAt[i] = Date.now();
    await portal.api.mutation('candidate.book', { token: tokens[i], start: new Date(start).toISOString() });
    bookLatencies.push(performance.now() - asked);
  });
  console.log(`\nbookings: ${(COUNT / ((performance.now() - bookStarted) / 1000)).toFixed(1)} /s at ${CONCURRENCY}`);
  await sleep(3_000);
  const afterBooks = [cpuMsByPart(), dbCalls()] as const;
  report('booking', [afterInvites[0], afterBooks[0]], [afterInvites[1], afterBooks[1]], bookLatencies);

  if (process.env.BENCH_TAIL_READS === '1') {
    // What one tick of the booking process's change tail costs now: the last two minutes' changed interviews.
    const mongo = await mongoose.createConnection(portal.mongoUrl).asPromise();
    const minute = Math.floor(Date.now() / 60_000);
    const cpuBefore = cpuMsByPart();
    const at = performance.now();
    let docs = 0;
    for (let i = 0; i < 10; i += 1) {
      for (const m of [minute - 1, minute]) docs += (await mongo.db?.collection('interviews').find({ changedMinute: m }, { projection: { status: 1, interviewerIds: 1, updatedAt: 1 } }).toArray())?.length ?? 0;
    }
    const cpu = diff(cpuMsByPart(), cpuBefore);
    console.log(`\nchange tail tick (two minutes read): ${(docs / 10).toFixed(0)} interviews, ${((performance.now() - at) / 10).toFixed(0)} ms, cpu per tick ${cpu.map(([k, n]) => `${k} ${(n / 10).toFixed(0)}`).join(', ')} ms`);
    await mongo.close();
  }

  // One lifecycle's history so far, split at its booking.
  const events = (await client.workflow.getHandle(`interview-${invited[1]}`).fetchHistory()).events ?? [];
  const split = bookedAt[1] ?? 0;
  for (const [phase, part] of [
    ['invitation', events.filter((e) => eventTimeMs(e.eventTime) < split)],
    ['booking', events.filter((e) => eventTimeMs(e.eventTime) >= split)],
  ] as const) {
    const types = new Map<string, number>();
    for (const e of part) {
      const type = Object.keys(e).find((key) => key.endsWith('EventAttributes') && (e as Record<string, unknown>)[key])?.replace('EventAttributes', '') ?? String(e.eventType);
      const name = e.activityTaskScheduledEventAttributes?.activityType?.name ?? e.markerRecordedEventAttributes?.markerName ?? '';
      const key = name ? `${type}:${name}` : type;
      types.set(key, (types.get(key) ?? 0) + 1);
    }
    const tasks: string[] = [];
    for (const [index, e] of part.entries()) {
      if (!e.workflowTaskStartedEventAttributes) continue;
      const done = part.slice(index).find((x) => x.workflowTaskCompletedEventAttributes);
      if (done) tasks.push(`${(eventTimeMs(done.eventTime) - eventTimeMs(e.eventTime)).toFixed(0)}`);
    }
    console.log(`\n== one lifecycle's history, ${phase}: ${part.length} events; workflow tasks (started to completed, ms): ${tasks.join(', ')}`);
    for (const [key, n] of [...types].sort()) console.log(`  ${String(n).padStart(3)}  ${key}`);
  }
  log(`history of interview-${invited[1]}: ${events.length} events`);
  await connection.close();
} finally {
  await portal.stop();
}
