/**
 * What a workflow task costs the workflows worker when its lifecycle is not in the cache: the
 * recorded history of a booked, twice-rescheduled lifecycle (101 events) replayed on a workflow
 * thread, as the worker runs it, each setting in a process of its own: the SDK's defaults (the
 * stack-trace promise hook on, a 5 s deadlock guard on every call into the sandbox), the hook off
 * (WORKFLOW_STACK_TRACES=false; docs/adr/0004), and the hook and the guard off
 * (WORKFLOW_DEADLOCK_SECONDS=0, the service's defaults; docs/adr/0008).
 *
 *   node_modules/.bin/tsx --tsconfig bench/tsconfig.json bench/replay-cost.ts
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { DEV_PAYLOAD_KEYS, portalDataConverter } from '@portal/shared/payload-codec';
import { workflowBundlerOptions } from '@portal/workflows/workflow-bundle-options';

const ROUNDS = Number(process.env.BENCH_REPLAYS ?? 200);
const workflowsPath = fileURLToPath(import.meta.resolve('@portal/workflows/workflows'));
const historyPath = fileURLToPath(import.meta.resolve('@portal/workflows/histories/local-booking-steps.json'));
const history = JSON.parse(readFileSync(historyPath, 'utf8')) as { events: unknown[] };
const quiet = { log() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {} };
const workflowBundle = await bundleWorkflowCode({ workflowsPath, ...workflowBundlerOptions, logger: quiet as never });
const dataConverter = portalDataConverter(DEV_PAYLOAD_KEYS);

/** Replays on a workflow thread as the worker runs them; ms per replay after a warm-up. */
async function msPerReplay(): Promise<number> {
  const histories = (n: number) => Array.from({ length: n }, (_, i) => ({ workflowId: `replay-${i}`, history }));
  const replay = async (n: number) => {
    // The SDK reads isolateExecutionTimeout though its option types leave it out (docs/adr/0008).
    const options = { workflowBundle, dataConverter, isolateExecutionTimeout: Number(process.env.BENCH_DEADLOCK_MS) };
    for await (const result of Worker.runReplayHistories(options, histories(n))) if (result.error) throw result.error;
  };
  await replay(20); // warm-up: the thread, the bundle, V8's compilers
  const started = performance.now();
  await replay(ROUNDS);
  return (performance.now() - started) / ROUNDS;
}

// Each setting in a process of its own: the hook, once installed, stays for the process.
if (process.env.BENCH_REPLAY_CHILD === '1') {
  console.log((await msPerReplay()).toFixed(1));
} else {
  const run = (stackTraces: boolean, deadlockMs: number) =>
    Number(
      execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
        env: { ...process.env, BENCH_REPLAY_CHILD: '1', TEMPORAL_WORKFLOW_STACK_TRACES: String(stackTraces), BENCH_DEADLOCK_MS: String(deadlockMs) },
        stdio: ['ignore', 'pipe', 'ignore'],
      })
        .toString()
        .trim()
        .split('\n')
        .at(-1),
    );
  const sdkDefaults = run(true, 5000);
  const hookOff = run(false, 5000);
  const bothOff = run(false, 0);
  console.log(`replaying a ${history.events.length}-event lifecycle history on a workflow thread, ${ROUNDS} times each:
  the SDK's defaults (stack-trace hook on, 5 s deadlock guard)  ${sdkDefaults.toFixed(1)} ms per replay
  hook off (WORKFLOW_STACK_TRACES=false)                         ${hookOff.toFixed(1)} ms per replay  (${(sdkDefaults / hookOff).toFixed(2)}x less)
  hook and guard off (WORKFLOW_DEADLOCK_SECONDS=0, the service)  ${bothOff.toFixed(1)} ms per replay  (${(sdkDefaults / bothOff).toFixed(2)}x less than the SDK's defaults, ${(hookOff / bothOff).toFixed(2)}x less than the hook off alone)`);
}
