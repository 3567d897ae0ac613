import { fileURLToPath } from 'node:url';
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
}): Promise<Worker> {
  const source = options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath };
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: createActivities(options.deps),
    ...source,
  });
}
