/**
 * Heap per cached lifecycle in the workflow sandbox: N lifecycles started and booked on a worker
 * that runs its workflows on this thread (debugMode, with the reused V8 context the service
 * uses), so a full collection and `heapUsed` measure them exactly. The activities are stand-ins
 * that answer at once (`instantDatabaseSteps`): this measures the lifecycles the worker keeps,
 * not the database. Runs itself twice, with the SDK's stack-trace promise hook on and off (docs/adr/0004).
 *
 *   node_modules/.bin/tsx --tsconfig bench/tsconfig.json bench/worker-memory.ts   # BENCH_CACHED=300
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { DEV_PAYLOAD_KEYS, portalDataConverter } from '@portal/shared/payload-codec';
import { HEAP_MB_PER_CACHED_LIFECYCLE } from '@portal/workflows/env';
import { instantDatabaseSteps, sampleLifecycleInput } from '@portal/workflows/lifecycle-testing';
import { workflowBundlerOptions } from '@portal/workflows/workflow-bundle-options';
import { startTestInfra } from '@portal/devstack/test-infra';
import { inPool } from './measure';

const CACHED = Number(process.env.BENCH_CACHED ?? 300);
const self = fileURLToPath(import.meta.url);

if (process.env.BENCH_WORKER_MEMORY_CHILD === undefined) {
  for (const hook of ['true', 'false']) {
    execFileSync(process.execPath, [...process.execArgv, '--expose-gc', self], {
      env: { ...process.env, BENCH_WORKER_MEMORY_CHILD: '1', TEMPORAL_WORKFLOW_STACK_TRACES: hook },
      stdio: ['ignore', 'inherit', 'ignore'],
    });
  }
  process.exit(0);
}

const MINUTE = 60_000;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');
const heapUsed = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

process.env.TEST_INFRA ??= 'native';
const infra = await startTestInfra(() => undefined);
try {
  const quiet = { log() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {} };
  const workflowsPath = fileURLToPath(import.meta.resolve('@portal/workflows/workflows'));
  const workflowBundle = await bundleWorkflowCode({ workflowsPath, ...workflowBundlerOptions, logger: quiet as never });
  const dataConverter = portalDataConverter(DEV_PAYLOAD_KEYS);
  const taskQueue = `bench-memory-${process.pid}`;
  const connection = await NativeConnection.connect({ address: infra.temporalAddress });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowBundle,
    activities: instantDatabaseSteps,
    dataConverter,
    debugMode: true,
    reuseV8Context: true,
    maxCachedWorkflows: CACHED + 50,
  });
  const running = worker.run();
  const client = new Client({ connection: await Connection.connect({ address: infra.temporalAddress }), dataConverter });
  await sleep(500);
  const before = heapUsed();
  const start = new Date(Math.ceil((Date.now() + 3 * 1440 * MINUTE) / (60 * MINUTE)) * 60 * MINUTE).toISOString();
  await inPool(Array.from({ length: CACHED }, (_, i) => i), 16, async (i) => {
    const input = sampleLifecycleInput(`memory-${process.pid}-${i}`, `${taskQueue}-notifications`);
    const handle = await client.workflow.start('interviewLifecycle', { taskQueue, workflowId: `interview-${input.interviewId}`, args: [input] });
    // As a candidate books: after the invitation's link exists.
    while ((await handle.query('candidateLink')) === null) await sleep(50);
    await handle.executeUpdate('book', { args: [{ start }] });
  });
  await sleep(1_000);
  const after = heapUsed();
  const hook = process.env.TEMPORAL_WORKFLOW_STACK_TRACES === 'false' ? 'off' : 'on ';
  const perLifecycleKiB = (after - before) / CACHED / 1024;
  // The heap the service gives each cached lifecycle when WORKFLOW_HEAP_MB is unset (services/workflows/src/env.ts): below 1x a full cache fails the thread.
  const allowedKiB = HEAP_MB_PER_CACHED_LIFECYCLE * 1024;
  console.log(
    `stack-trace hook ${hook}: ${CACHED} booked lifecycles cached, heap ${(before / 2 ** 20).toFixed(1)} -> ${(after / 2 ** 20).toFixed(1)} MiB, ${perLifecycleKiB.toFixed(1)} KiB per lifecycle; the default heap allows ${allowedKiB.toFixed(0)} KiB each (${(allowedKiB / perLifecycleKiB).toFixed(2)}x)`,
  );
  worker.shutdown();
  await running;
} finally {
  await infra.stop();
}
