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
/** gRPC's FAILED_PRECONDITION, which the server answers while the workflow task is failed and retried. */
const FAILED_PRECONDITION = 9;

/** Whether the server could not ask the workflow now, which says nothing of the workflow itself. */
function notAskedYet(error: unknown): boolean {
  if (!(error instanceof ServiceError)) return false;
  const cause = error.cause as { code?: unknown; details?: unknown } | undefined;
  if (cause?.code === DEADLINE_EXCEEDED) return true;
  return cause?.code === FAILED_PRECONDITION && String(cause.details).includes('Workflow Task in failed state');
}

/**
 * A query's answer, asked again while the server cannot put it to the workflow: when the test's
 * worker takes it too late (DEADLINE_EXCEEDED), which a busy machine does, or while the workflow
 * task is failed and waits for its retry (FAILED_PRECONDITION, "Workflow Task in failed state"),
 * as it is in a test that makes a task fail. Any other failure is thrown; so is the last refusal
 * after `withinMs`.
 */
export async function answeredQuery<T>(handle: WorkflowHandle, name: string, withinMs = 60_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return await handle.query<T>(name);
    } catch (error) {
      if (!notAskedYet(error) || Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}
