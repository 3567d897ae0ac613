import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection, ServiceError, type WorkflowHandle } from '@temporalio/client';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { testTemporalAddress, testWorkflowBundlePath } from '@portal/devstack/testing';
import { DEV_PAYLOAD_KEYS, portalDataConverter } from '@portal/shared/payload-codec';

export const dataConverter = portalDataConverter(DEV_PAYLOAD_KEYS);

/** The lifecycle bundle the test run built as the service builds it (global setup), and a client of the test server with the portal's codec. */
export async function lifecycleSandbox(): Promise<{ client: Client; workflowBundle: WorkflowBundle }> {
  const workflowBundle = { code: await readFile(testWorkflowBundlePath(), 'utf8') };
  const client = new Client({ connection: await Connection.connect({ address: testTemporalAddress() }), dataConverter });
  return { client, workflowBundle };
}

/** 'replayed', or why the workflow's history does not replay (as after a cache eviction or a restart). */
export async function replayOf(workflowBundle: WorkflowBundle, handle: WorkflowHandle): Promise<string> {
  return Worker.runReplayHistory({ workflowBundle, dataConverter }, await handle.fetchHistory(), handle.workflowId).then(
    () => 'replayed',
    (error: unknown) => String(error),
  );
}

/** gRPC's DEADLINE_EXCEEDED: the server gave up waiting for a worker to take the query. */
const DEADLINE_EXCEEDED = 4;

/**
 * A query's answer, asked again when the server gave up waiting for a worker to take it. On a
 * loaded machine the test's worker can poll late (most of all while it retries a failed workflow
 * task) and the server then answers DEADLINE_EXCEEDED: that says nothing about the workflow, so it
 * is not the test's answer. Any other failure is thrown; so is the last timeout after `withinMs`.
 */
export async function answeredQuery<T>(handle: WorkflowHandle, name: string, withinMs = 60_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return await handle.query<T>(name);
    } catch (error) {
      const timedOut = error instanceof ServiceError && (error.cause as { code?: unknown } | undefined)?.code === DEADLINE_EXCEEDED;
      if (!timedOut || Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}
