import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Worker } from '@temporalio/worker';
// The SDK's own module: the class the patch changes (ADR 0004). Not part of its public API.
import { GlobalHandlers } from '@temporalio/worker/lib/workflow/vm-shared';
import { DEV_PAYLOAD_KEYS, portalDataConverter } from '@portal/shared/payload-codec';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { workflowsPath } from './worker';
import { workflowBundlerOptions } from './workflow-bundle-options';

/**
 * `patches/@temporalio__worker@1.24.0.patch` has two halves (docs/adr/0004, docs/adr/0008). A
 * later install that stops applying either (an SDK upgrade, a lockfile without the patch hash)
 * turns one of these red instead of silently bringing the cost back.
 */
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('the stack-trace hook half (ADR 0004)', () => {
  function hooksCreatedBy(setting: string): number {
    const createHook = vi.spyOn(v8.promiseHooks, 'createHook');
    vi.stubEnv('TEMPORAL_WORKFLOW_STACK_TRACES', setting);
    const handlers = new GlobalHandlers();
    handlers.install();
    const created = createHook.mock.calls.length;
    (handlers as unknown as { stopPromiseHook(): void }).stopPromiseHook();
    createHook.mockRestore();
    return created;
  }

  it('leaves the promise hook off when the service says so', () => {
    expect(hooksCreatedBy('false')).toBe(0);
  });

  it('keeps the SDK behaviour otherwise, so the check above can see a hook', () => {
    expect(hooksCreatedBy('true')).toBe(1);
    expect(hooksCreatedBy('')).toBe(1);
  });
});

describe('the deadlock-guard half (ADR 0008)', () => {
  const historyPath = fileURLToPath(new URL('./histories/local-booking-steps.json', import.meta.url));
  const history = JSON.parse(readFileSync(historyPath, 'utf8')) as unknown;
  // The bundle the whole suite's setup built from this code when there is one; its own otherwise.
  const bundled = process.env.WORKFLOW_BUNDLE_PATH;
  const code = bundled ? { workflowBundle: { codePath: bundled } } : { workflowsPath, bundlerOptions: workflowBundlerOptions };

  /** Every `timeout` the sandbox passed to node:vm while replaying a booked lifecycle in this thread. */
  async function timeoutsPassed(isolateExecutionTimeout: number, reuseV8Context: boolean): Promise<unknown[]> {
    const timeouts: unknown[] = [];
    const seen = (options: unknown) => timeouts.push((options as { timeout?: unknown } | undefined)?.timeout);
    const scriptRun = vm.Script.prototype.runInContext;
    vi.spyOn(vm.Script.prototype, 'runInContext').mockImplementation(function (this: vm.Script, context, options) {
      seen(options);
      return scriptRun.call(this, context, options);
    });
    const run = vm.runInContext;
    vi.spyOn(vm, 'runInContext').mockImplementation((source, context, options) => {
      seen(options);
      return run(source, context, options);
    });
    // Replays run in this thread (the SDK's debug mode), where the spies see the sandbox's calls.
    // The SDK reads isolateExecutionTimeout though its option types leave it out.
    const options = { ...code, dataConverter: portalDataConverter(DEV_PAYLOAD_KEYS), isolateExecutionTimeout, reuseV8Context } as never;
    const result = await Worker.runReplayHistory(options, history, 'sdk-patch');
    expect(result).toBeUndefined();
    return timeouts;
  }

  for (const reuseV8Context of [true, false]) {
    const sandbox = reuseV8Context ? 'reused context (reusable-vm.js)' : 'context per workflow (vm.js)';
    it(`calls into the ${sandbox} without a watchdog when the timeout is 0`, { timeout: 120_000 }, async () => {
      const timeouts = await timeoutsPassed(0, reuseV8Context);
      expect(timeouts.length).toBeGreaterThan(10);
      expect(timeouts.filter((timeout) => timeout !== undefined)).toEqual([]);
    });

    it(`keeps the SDK's guard in the ${sandbox} for any other timeout`, { timeout: 120_000 }, async () => {
      const timeouts = await timeoutsPassed(5_000, reuseV8Context);
      expect(timeouts.length).toBeGreaterThan(10);
      // The SDK passes its guard on every call into a workflow (a few set-up calls never had one).
      expect(timeouts.filter((timeout) => timeout === 5_000).length).toBeGreaterThan(10);
    });
  }
});
