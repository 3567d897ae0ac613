import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';

/**
 * A worker in the bench's own process for bare workflows (the floors): `workflowsPath` is a file
 * in bench/, bundled with bench's own `@temporalio/workflow`. Defaults throughout; the caller runs
 * it and shuts it down, then closes the connection returned with it.
 */
export async function benchWorker(temporalAddress: string, taskQueue: string, workflowsPath: string, activities: object) {
  // Before any connection or worker: the SDK's state-change lines would bury the figures.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address: temporalAddress });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath,
    activities,
  });
  return { worker, connection };
}
