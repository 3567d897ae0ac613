import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import { NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { testTaskQueue, testTemporalAddress } from '@portal/devstack/testing';
import { LIFECYCLE_UPDATES, LIFECYCLE_WORKFLOW_TYPE } from '@portal/shared/lifecycle';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import type { PersistChangeInput } from '../changes/activities-api';
import { instantDatabaseSteps, sampleLifecycleInput } from '../lifecycle-testing';
import { answeredQuery, dataConverter, lifecycleSandbox, replayOf } from '../../testing/lifecycle-sandbox';

const MINUTE = 60_000;
const taskQueue = testTaskQueue('timer-clock');

let client: Client;
let workflowBundle: WorkflowBundle;

beforeAll(async () => {
  ({ client, workflowBundle } = await lifecycleSandbox());
}, 120_000);

describe('a reminder planned by a booking whose write was slow', () => {
  it('counts down from when the booking was written, not from when its workflow task began', { timeout: 120_000 }, async () => {
    const written = new Map<string, string>();
    // A database that takes 1.5 s to write the change, as one under load can.
    const slowWrite = async (change: PersistChangeInput) => {
      await sleep(1_500);
      const persistedAt = new Date().toISOString();
      written.set(change.event, persistedAt);
      return { persistedAt };
    };
    const connection = await NativeConnection.connect({ address: testTemporalAddress() });
    const worker = await Worker.create({ connection, taskQueue, workflowBundle, activities: { ...instantDatabaseSteps, persistChange: slowWrite }, dataConverter });
    const running = worker.run();
    const interviewId = randomUUID();
    const input = sampleLifecycleInput(interviewId, `${taskQueue}-notifications`);
    const start = new Date(Math.ceil((Date.now() + 2 * 1440 * MINUTE) / (60 * MINUTE)) * 60 * MINUTE).toISOString();
    const handle = await client.workflow.start(LIFECYCLE_WORKFLOW_TYPE, { taskQueue, workflowId: interviewWorkflowId(interviewId), args: [input] });
    try {
      while ((await answeredQuery(handle, 'candidateLink')) === null) await sleep(50);
      await handle.executeUpdate(LIFECYCLE_UPDATES.book, { args: [{ start }] });
      // The next deadline is the hour-before reminder; wait until its timer is started.
      const reminderDue = Date.parse(start) - (input.timings.reminderOffsetsMs[0] ?? 0);
      let fireInMs: number | undefined;
      let taskStartedAt: number | undefined;
      for (let tries = 0; fireInMs === undefined && tries < 100; tries += 1) {
        const { events = [] } = await handle.fetchHistory();
        // The booking's own task started the reminder's timer, in the batch of events its completion
        // wrote (before or after the update's completion in it). On a loaded machine that task can
        // end before planning it; then the first timer after the booking is one a later task planned
        // for the same deadline, with a timer as much shorter as the time that passed since.
        const all = events ?? [];
        const lastBefore = (end: number, found: (e: (typeof all)[number]) => unknown) => {
          for (let i = end - 1; i >= 0; i -= 1) if (found(all[i] ?? {})) return i;
          return -1;
        };
        const bookedAt = all.findIndex((e) => e.workflowExecutionUpdateCompletedEventAttributes);
        const batchFrom = bookedAt < 0 ? -1 : lastBefore(bookedAt, (e) => e.workflowTaskCompletedEventAttributes);
        const inBatch = batchFrom < 0 ? -1 : all.findIndex((e, i) => i > batchFrom && e.timerStartedEventAttributes);
        const batchEnd = all.findIndex((e, i) => i > bookedAt && e.workflowTaskScheduledEventAttributes);
        const afterBooking = bookedAt < 0 ? -1 : all.findIndex((e, i) => i > bookedAt && e.timerStartedEventAttributes);
        const timerAt = inBatch >= 0 && (batchEnd < 0 || inBatch < batchEnd) ? inBatch : afterBooking;
        const timer = all[timerAt]?.timerStartedEventAttributes?.startToFireTimeout;
        // The workflow's own clock during a task is the moment the task started.
        const taskStarted = timerAt < 0 ? undefined : all[lastBefore(timerAt, (e) => e.workflowTaskStartedEventAttributes)]?.eventTime;
        if (timer && taskStarted) {
          fireInMs = Number(timer.seconds) * 1000 + (timer.nanos ?? 0) / 1e6;
          taskStartedAt = Number(taskStarted.seconds) * 1000 + Math.floor((taskStarted.nanos ?? 0) / 1e6);
        } else await sleep(100);
      }
      const bookWritten = Date.parse(written.get('BOOK') ?? '');
      // A task that began before the write counts from the write (the rule); one that began after
      // it, from its own start, which is later still. Either way the timer fires at the moment due.
      const countedFrom = Math.max(bookWritten, taskStartedAt ?? 0);
      // Counted from a task start before the write, it would land the write's 1.5 s after the moment
      // due. A clock read a little later still (a loaded run's later activation: 204 ms in one fresh
      // clone) lands it a little before; never after, and never by a second.
      const landsAt = countedFrom + (fireInMs ?? 0);
      expect(landsAt).toBeLessThanOrEqual(reminderDue);
      expect(landsAt).toBeGreaterThan(reminderDue - 1_000);

      expect(await replayOf(workflowBundle, handle)).toBe('replayed');
    } finally {
      await handle.terminate('test done').catch(() => undefined);
      worker.shutdown();
      await running;
      await connection.close();
    }
  });
});
