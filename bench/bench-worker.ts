import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { repoRoot } from '@portal/devstack/paths';

/**
 * A worker in the bench's own process for bare workflows (the floors): `workflowsPath` is a file
 * in bench/, bundled with the workflows service's packages. Defaults throughout; the caller runs
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
    bundlerOptions: {
      // bench/ is no package: the workflow's import resolves from the workflows service's packages.
      webpackConfigHook: (config) => ({
        ...config,
        resolve: { ...config.resolve, modules: [`${repoRoot}/services/workflows/node_modules`, 'node_modules'] },
      }),
    },
  });
  return { worker, connection };
}
