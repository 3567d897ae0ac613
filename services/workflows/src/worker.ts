import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from './activities/create-activities';

export const workflowsPath = fileURLToPath(new URL('./workflows/index.ts', import.meta.url));

/** The lifecycle worker; tests pass a pre-built bundle so each file does not re-bundle. */
export async function createLifecycleWorker(options: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  workflowBundle?: WorkflowBundleOption;
  /** The portal's payload codec: histories hold no candidate data in clear. */
  dataConverter: DataConverter;
}): Promise<Worker> {
  const source = options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath };
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    dataConverter: options.dataConverter,
    activities: createActivities(options.deps),
    ...source,
  });
}
