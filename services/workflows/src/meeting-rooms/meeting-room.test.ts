import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDailyStandIn, type CallRecord, type RunningDailyStandIn } from '@portal/devstack/daily-stand-in';
import { testTaskQueue, testTemporalAddress } from '@portal/devstack/testing';
import { LIFECYCLE_UPDATES, LIFECYCLE_WORKFLOW_TYPE, type LifecycleState } from '@portal/shared/lifecycle';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import type { PersistChangeInput } from '../changes/activities-api';
import { dailyRooms } from './activities/daily-rooms';
import { createMeetingRoomActivities } from './activities/meeting-room-activities';
import { instantDatabaseSteps, sampleLifecycleInput } from '../lifecycle-testing';
import { dataConverter, lifecycleSandbox, replayOf } from '../../testing/lifecycle-sandbox';

const HOUR = 3_600_000;
const taskQueue = testTaskQueue('meeting-room');
const apiKey = `key-${randomUUID()}`;
let client: Client;
let workflowBundle: WorkflowBundle;
let standIn: RunningDailyStandIn;

beforeAll(async () => {
  [{ client, workflowBundle }, standIn] = await Promise.all([lifecycleSandbox(), startDailyStandIn({ port: 0 })]);
}, 120_000);
afterAll(() => standIn?.close());

const control = (path: string, init: RequestInit = {}) =>
  fetch(`${standIn.origin}/_stand-in${path}`, { ...init, headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' } });
const calls = async (room: string) => ((await (await control('/calls')).json()) as CallRecord[]).filter((call) => call.room === room);

describe('a Daily room in the lifecycle', () => {
  it('cancelled while Daily is down: the room is created once Daily is back, then deleted, and nobody is given its link', { timeout: 120_000 }, async () => {
    const room = `interview-${randomUUID().replace(/-/g, '').slice(0, 24)}`;
    const input = sampleLifecycleInput(randomUUID(), `${taskQueue}-notifications`);
    delete input.meetingUrl;
    input.meeting = { provider: 'daily', room, url: null };
    input.timings.meetingRoomWaitMs = 500;
    const persisted: PersistChangeInput[] = [];
    const activities = {
      ...instantDatabaseSteps,
      persistChange: async (change: PersistChangeInput) => {
        persisted.push(change);
        return { persistedAt: new Date().toISOString() };
      },
      ...createMeetingRoomActivities({ rooms: { daily: dailyRooms({ baseUrl: standIn.apiUrl, apiKey, timeoutMs: 2_000 }) } }),
    };
    const connection = await NativeConnection.connect({ address: testTemporalAddress() });
    const worker = await Worker.create({ connection, taskQueue, workflowBundle, activities, dataConverter });
    const running = worker.run();
    const handle = await client.workflow.start(LIFECYCLE_WORKFLOW_TYPE, { taskQueue, workflowId: interviewWorkflowId(input.interviewId), args: [input] });
    try {
      // Down until the test brings Daily back: a window of seconds could close, on a loaded machine,
      // before the room's first call reached it, and the test would not be about an outage at all.
      await control('/outage', { method: 'POST', body: JSON.stringify({ seconds: 600 }) });
      const start = new Date(Math.ceil((Date.now() + 48 * HOUR) / HOUR) * HOUR).toISOString();
      const booked: LifecycleState = await handle.executeUpdate(LIFECYCLE_UPDATES.book, { args: [{ start }] });
      expect(booked).toMatchObject({ status: 'SCHEDULED', meetingUrl: null });
      // Up to a minute each: the room's retries back off to 30 s.
      await expect.poll(async () => (await calls(room)).some((c) => c.status === 503), { timeout: 60_000, message: 'the room refused while Daily is down' }).toBe(true);
      await handle.executeUpdate(LIFECYCLE_UPDATES.cancel, { args: [{ actor: 'candidate' }] });
      await control('/outage', { method: 'DELETE' });
      await expect.poll(async () => (await calls(room)).some((c) => c.method === 'DELETE'), { timeout: 60_000, message: 'the room deleted once Daily is back' }).toBe(true);

      const answered = (await calls(room)).filter((c) => c.status !== 503).map((c) => `${c.method} ${c.path} ${c.status}`);
      expect(answered).toEqual(['POST /rooms 200', `DELETE /rooms/${room} 200`]);
      expect((await calls(room)).some((c) => c.status === 503)).toBe(true);
      expect((await handle.query<LifecycleState>('state')).meetingUrl).toBeNull();
      expect(persisted.map((change) => change.detail)).not.toContain('meeting link ready');
      expect(await replayOf(workflowBundle, handle)).toBe('replayed');
    } finally {
      await handle.terminate('test done').catch(() => undefined);
      worker.shutdown();
      await running;
      await connection.close();
    }
  });
});
