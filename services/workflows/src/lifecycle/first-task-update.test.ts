import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { testTaskQueue, testTemporalAddress } from '@portal/devstack/testing';
import { LIFECYCLE_UPDATES, LIFECYCLE_WORKFLOW_TYPE, type LifecycleState } from '@portal/shared/lifecycle';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import { instantDatabaseSteps, sampleLifecycleInput } from '../lifecycle-testing';
import { dataConverter, lifecycleSandbox, replayOf } from '../../testing/lifecycle-sandbox';

const MINUTE = 60_000;
const taskQueue = testTaskQueue('first-task-update');
// The emails stay scheduled, which is all this test needs of them.
const notificationsNobodyPolls = `${taskQueue}-notifications`;

let client: Client;
let workflowBundle: WorkflowBundle;

beforeAll(async () => {
  ({ client, workflowBundle } = await lifecycleSandbox());
}, 120_000);

/** A worker for the queue, running while `work` runs. */
async function withWorker<T>(work: () => Promise<T>): Promise<T> {
  const connection = await NativeConnection.connect({ address: testTemporalAddress() });
  const worker = await Worker.create({ connection, taskQueue, workflowBundle, activities: instantDatabaseSteps, dataConverter });
  const running = worker.run();
  try {
    return await work();
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
  }
}

describe('an update that reaches a lifecycle in its very first workflow task', () => {
  it('is booked after the link is issued, and the history replays (as after a cache eviction)', { timeout: 120_000 }, async () => {
    const interviewId = randomUUID();
    const start = new Date(Math.ceil((Date.now() + 2 * 1440 * MINUTE) / (60 * MINUTE)) * 60 * MINUTE).toISOString();
    // Start and update in one breath, as HR's tools or a retried request can: the update can be
    // delivered with the start, before the lifecycle has issued its link.
    const handle = await client.workflow.start(LIFECYCLE_WORKFLOW_TYPE, { taskQueue, workflowId: interviewWorkflowId(interviewId), args: [sampleLifecycleInput(interviewId, notificationsNobodyPolls)] });
    const update = handle.executeUpdate<LifecycleState, [{ start: string }]>(LIFECYCLE_UPDATES.book, { args: [{ start }] });
    // No worker polls yet: the workflow's first task, when one does, carries the start and the update together.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const booked = await withWorker(() => update);
    expect(booked).toMatchObject({ status: 'SCHEDULED', linkIssued: true, slot: { start } });

    const history = await handle.fetchHistory();
    expect(await replayOf(workflowBundle, handle)).toBe('replayed');
    // Among the first task's commands (after its completion, before the next task starts); a patch marker may come first.
    const events = history.events ?? [];
    const accepted = events.findIndex((event) => event.workflowExecutionUpdateAcceptedEventAttributes);
    const secondTask = events.findIndex((event, index) => index > 2 && event.workflowTaskStartedEventAttributes);
    expect(accepted, 'the update was accepted').toBeGreaterThan(3);
    expect(secondTask === -1 || accepted < secondTask, 'the update was accepted in the first task').toBe(true);
  });
});
