import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, type WorkerOptions, type WorkflowBundleOption } from '@temporalio/worker';
import { webhookTaskQueue } from '@portal/shared/webhook-events';
import { createActivities, type ActivityDeps } from './create-activities';
import { workflowBundlerOptions } from './workflow-bundle-options';

export const workflowsPath = fileURLToPath(new URL('./workflows.ts', import.meta.url));

/**
 * The workflow bundle, built by a child process (bundle-workflows.ts) with this process's own
 * runtime flags (tsx's loader): the worker then starts from the file, without webpack in its heap.
 */
export async function workflowBundleApart(): Promise<{ codePath: string }> {
  const codePath = join(await mkdtemp(join(tmpdir(), 'portal-workflows-')), 'workflows.js');
  const script = fileURLToPath(new URL('./bundle-workflows.ts', import.meta.url));
  await promisify(execFile)(process.execPath, [...process.execArgv, script, codePath], { maxBuffer: 16 * 1024 * 1024 });
  return { codePath };
}

/** What every worker of this service is given; tests pass a pre-built bundle so each file does not re-bundle. */
interface WorkerBasics {
  connection: NativeConnection;
  namespace: string;
  /** The lifecycle's task queue (the webhooks' is named after it). */
  taskQueue: string;
  deps: ActivityDeps;
  workflowBundle?: WorkflowBundleOption;
  /** The portal's payload codec: histories hold no candidate data in clear. */
  dataConverter: DataConverter;
}

/** The workflow code: the bundle given, or one built from the sources. */
const workflowCode = (bundle: WorkflowBundleOption | undefined) =>
  bundle ? { workflowBundle: bundle } : { workflowsPath, bundlerOptions: workflowBundlerOptions };

/** The lifecycle worker. */
export async function createLifecycleWorker(options: WorkerBasics & {
  /** Bounds on the workflow cache and the sandbox's deadlock guard (env.ts, workflowSandboxOptions); the SDK's defaults when absent. */
  sandbox?: Pick<WorkerOptions, 'maxCachedWorkflows' | 'maxConcurrentWorkflowTaskExecutions' | 'reuseV8Context'> & {
    /** The SDK reads this option (ms; 0 = no per-call guard, with the patch) though its type leaves it out: "not exposed at the moment". */
    isolateExecutionTimeout?: number;
  };
}): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    dataConverter: options.dataConverter,
    activities: createActivities(options.deps),
    ...options.sandbox,
    ...workflowCode(options.workflowBundle),
  });
}

/**
 * The endpoint workflows and their deliveries (docs/adr/0022), on their own task queue beside the
 * lifecycle's, in their own slots: a slow or failing receiver, or a burst of events, fills these
 * slots and this worker's workflow thread, never the ones a booking's tasks run in.
 */
export async function createWebhookWorker(options: WorkerBasics & {
  /** Deliveries at once, all endpoints together. */
  slots: number;
}): Promise<Worker> {
  const { deliverWebhook, failWebhookDelivery, webhookDeliverySettings } = createActivities(options.deps);
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: webhookTaskQueue(options.taskQueue),
    dataConverter: options.dataConverter,
    activities: { deliverWebhook, failWebhookDelivery, webhookDeliverySettings },
    maxConcurrentActivityTaskExecutions: options.slots,
    // One workflow per endpoint: a few cached, one task at a time is plenty, one thread.
    maxCachedWorkflows: 100,
    maxConcurrentWorkflowTaskExecutions: 4,
    workflowThreadPoolSize: 1,
    ...workflowCode(options.workflowBundle),
  });
}
