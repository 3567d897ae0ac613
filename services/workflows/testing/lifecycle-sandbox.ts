import { readFile } from 'node:fs/promises';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
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
