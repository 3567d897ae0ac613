import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { testTaskQueue, testTemporalAddress } from '@portal/devstack/testing';
import { LIFECYCLE_UPDATES, LIFECYCLE_WORKFLOW_TYPE, type LifecycleInput, type LifecycleState } from '@portal/shared/lifecycle';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import type { PersistChangeInput } from './activities-api';
import { instantDatabaseSteps, sampleLifecycleInput } from '../lifecycle-testing';
import { answeredQuery, dataConverter, lifecycleSandbox, replayOf } from '../../testing/lifecycle-sandbox';

const HOUR = 3_600_000;
const taskQueue = testTaskQueue('refused-change');
let client: Client;
let workflowBundle: WorkflowBundle;

beforeAll(async () => {
  ({ client, workflowBundle } = await lifecycleSandbox());
}, 120_000);

const refusedByStore = () => ApplicationFailure.create({ type: 'STORE_REFUSED', message: 'The change could not be saved.', nonRetryable: true });

/** A lifecycle on a worker whose persisting activity refuses the changes `refuse` picks, as the store refuses them; `asked` lists every change it was sent. */
async function withLifecycle(input: LifecycleInput, refuse: (change: PersistChangeInput) => boolean, body: (handle: ReturnType<Client['workflow']['getHandle']>, asked: PersistChangeInput[]) => Promise<void>) {
  const asked: PersistChangeInput[] = [];
  const persistChange = async (change: PersistChangeInput) => {
    asked.push(change);
    if (refuse(change)) throw refusedByStore();
    return { persistedAt: new Date().toISOString() };
  };
  const connection = await NativeConnection.connect({ address: testTemporalAddress() });
  const worker = await Worker.create({ connection, taskQueue, workflowBundle, activities: { ...instantDatabaseSteps, persistChange }, dataConverter });
  const running = worker.run();
  const handle = await client.workflow.start(LIFECYCLE_WORKFLOW_TYPE, { taskQueue, workflowId: interviewWorkflowId(input.interviewId), args: [input] });
  try {
    while ((await answeredQuery(handle, 'candidateLink')) === null) await sleep(50);
    await body(handle, asked);
    expect(await replayOf(workflowBundle, handle)).toBe('replayed');
  } finally {
    await handle.terminate('test done').catch(() => undefined);
    worker.shutdown();
    await running;
    await connection.close();
  }
}

describe('a change the store refuses, in the lifecycle', () => {
  it('fails the update as STORE_REFUSED at once, leaves the state as it was, and the next cancel goes through', { timeout: 120_000 }, async () => {
    const input = sampleLifecycleInput(randomUUID(), `${taskQueue}-notifications`);
    const start = new Date(Math.ceil((Date.now() + 48 * HOUR) / HOUR) * HOUR).toISOString();
    await withLifecycle(input, (change) => change.event === 'CANCEL' && change.detail.includes('\u0000'), async (handle, asked) => {
      await handle.executeUpdate(LIFECYCLE_UPDATES.book, { args: [{ start }] });
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const refused = await handle.executeUpdate(LIFECYCLE_UPDATES.cancel, { args: [{ reason: 'why\u0000not', actor: 'candidate' }] }).catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
        expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'STORE_REFUSED' });
      }
      expect(await handle.query<LifecycleState>('state')).toMatchObject({ status: 'SCHEDULED', version: 1, cancelReason: null });
      const cancelled: LifecycleState = await handle.executeUpdate(LIFECYCLE_UPDATES.cancel, { args: [{ reason: 'changed my mind', actor: 'candidate' }] });
      expect(cancelled).toMatchObject({ status: 'CANCELLED', version: 2, cancelReason: 'changed my mind' });
      // Each cancel was sent to the store once (nothing retried), each on top of version 1.
      expect(asked.filter((change) => change.event === 'CANCEL').map((change) => change.version)).toEqual([1, 1, 1]);
    });
  });

  // A failed workflow task waits for its retry to be taken up; on a loaded machine that has taken over a minute.
  it("a refusal of a timer's own change fails neither the task nor the lifecycle: it waits, tries again, and goes on once the store takes it", { timeout: 240_000 }, async () => {
    const input = sampleLifecycleInput(randomUUID(), `${taskQueue}-notifications`);
    input.timings.invitationExpiryMs = 1_000;
    let refusals = 0;
    const refuseFirstExpiry = (change: PersistChangeInput) => change.event === 'EXPIRE' && (refusals += 1) === 1;
    await withLifecycle(input, refuseFirstExpiry, async (handle, asked) => {
      // While the task is failed and retried, a query waits for the worker to take it up again: on a
      // loaded machine that took over the query's default minute, for the first query (fresh-clone run
      // at 47f58ba) and for a later one (at b7a9c09). Every query may wait for what is left of 200 s.
      const deadline = Date.now() + 200_000;
      const stateNow = () => answeredQuery<LifecycleState>(handle, 'state', Math.max(0, deadline - Date.now()));
      let state = await stateNow();
      while (state.status !== 'EXPIRED' && Date.now() < deadline) {
        await sleep(100);
        state = await stateNow();
      }
      expect(state.status).toBe('EXPIRED');
      expect(asked.filter((change) => change.event === 'EXPIRE')).toHaveLength(2);
      const { events = [] } = await handle.fetchHistory();
      // The wait before trying again is a timer (named in the Web UI), not a failed task.
      expect((events ?? []).some((e) => e.workflowTaskFailedEventAttributes)).toBe(false);
      expect((events ?? []).some((e) => e.workflowExecutionFailedEventAttributes)).toBe(false);
    });
  });
});
