import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import { encodeTimeoutType, TimeoutType } from '@temporalio/common';
import { NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { testTaskQueue, testTemporalAddress } from '@portal/devstack/testing';
import { emailIdempotencyKey, type SendEmailInput, type SendEmailResult } from '@portal/shared/email';
import { LIFECYCLE_WORKFLOW_TYPE } from '@portal/shared/lifecycle';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import { instantDatabaseSteps, sampleLifecycleInput } from '../lifecycle-testing';
import { dataConverter, lifecycleSandbox, replayOf } from '../../testing/lifecycle-sandbox';

const taskQueue = testTaskQueue('mail-queue-timeout');
/** The time-out type as history events carry it (the proto enum's number). */
const TIMEOUT_TYPE_SCHEDULE_TO_START = encodeTimeoutType(TimeoutType.SCHEDULE_TO_START);

let client: Client;
let workflowBundle: WorkflowBundle;

beforeAll(async () => {
  ({ client, workflowBundle } = await lifecycleSandbox());
}, 120_000);

describe('an email no notifications worker picks up in time', () => {
  it('is scheduled again with the same key, and once a worker polls it is sent once', { timeout: 120_000 }, async () => {
    const connection = await NativeConnection.connect({ address: testTemporalAddress() });
    const lifecycleWorker = await Worker.create({ connection, taskQueue, workflowBundle, activities: instantDatabaseSteps, dataConverter });
    const lifecycleRunning = lifecycleWorker.run();
    const interviewId = randomUUID();
    const input = sampleLifecycleInput(interviewId, `${taskQueue}-notifications`);
    input.timings.mailQueueTimeoutMs = 1_000;
    const handle = await client.workflow.start(LIFECYCLE_WORKFLOW_TYPE, { taskQueue, workflowId: interviewWorkflowId(interviewId), args: [input] });
    const sends: SendEmailInput[] = [];
    let notificationsWorker: Worker | undefined;
    let notificationsRunning: Promise<void> | undefined;
    try {
      // Nobody polls the notifications queue yet: the invitation's send times out in its queue, twice.
      const events = async () => (await handle.fetchHistory()).events ?? [];
      type Event = Awaited<ReturnType<typeof events>>[number];
      const leftInQueue = (all: Event[]) =>
        all.filter((e) => e.activityTaskTimedOutEventAttributes?.failure?.timeoutFailureInfo?.timeoutType === TIMEOUT_TYPE_SCHEDULE_TO_START);
      for (let tries = 0; leftInQueue(await events()).length < 2 && tries < 200; tries += 1) await sleep(100);
      expect(leftInQueue(await events()).length).toBeGreaterThanOrEqual(2);

      // A notifications worker comes up: only the copy scheduled last runs; the timed-out ones never start.
      const sendEmail = async (request: SendEmailInput): Promise<SendEmailResult> => {
        sends.push(request);
        return { status: 'SENT', messageId: `message-${sends.length}` };
      };
      notificationsWorker = await Worker.create({ connection, taskQueue: `${taskQueue}-notifications`, activities: { sendEmail }, dataConverter });
      notificationsRunning = notificationsWorker.run();
      const completed = async () => (await events()).filter((e) => e.activityTaskCompletedEventAttributes).length;
      for (let tries = 0; (await completed()) < 1 && tries < 200; tries += 1) await sleep(100);
      // Time enough for a stray copy to run, were one still queued.
      await sleep(2_000);
      expect(sends.map((s) => [s.kind, s.idempotencyKey])).toEqual([['invitation', emailIdempotencyKey(interviewId, 'invitation')]]);
      const all = await events();
      const scheduled = all.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'sendEmail');
      expect(scheduled.length).toBe(leftInQueue(all).length + 1);

      expect(await replayOf(workflowBundle, handle)).toBe('replayed');
    } finally {
      await handle.terminate('test done').catch(() => undefined);
      notificationsWorker?.shutdown();
      lifecycleWorker.shutdown();
      await Promise.all([lifecycleRunning, notificationsRunning]);
      await connection.close();
    }
  });
});
