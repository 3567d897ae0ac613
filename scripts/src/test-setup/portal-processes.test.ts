import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection, ScheduleNotFoundError } from '@temporalio/client';
import { afterAll, expect, it } from 'vitest';
import { scheduleIdsOf } from '@portal/shared/schedule-ids';
import { freePort } from '../stack/free-port';
import { startPortalProcesses } from './portal-processes';
import { testDailyApiKey, testDailyApiUrl, testZoomAccountId, testZoomStandIn, testDatabaseUrl, testDeleteSchedules, testGoogleCalendar, testMicrosoftGraph, testSinkUrl, testTaskQueue, testTemporalAddress, testWorkflowBundlePath } from './per-file';

// The booking service's port (the first answer) is taken by another socket before it listens; its
// connections (a readiness probe) are closed at once, as nothing here answers them.
const taken: Server = createServer((socket) => socket.destroy());
const takenPort = await new Promise<number>((resolve) => taken.listen(0, () => resolve((taken.address() as { port: number }).port)));
/** The run's free ports, but the first one asked for (the booking service's) is the taken one. */
let first = true;
const portFor = async () => {
  if (!first) return freePort();
  first = false;
  return takenPort;
};

afterAll(() => new Promise((resolve) => taken.close(resolve)));

/** The process listening on `port`, from the kernel's socket tables. */
function listenerOf(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set(
    ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((table) =>
      readFileSync(table, 'utf8').split('\n').slice(1).map((line) => line.trim().split(/\s+/))
        .filter((fields) => fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A')
        .map((fields) => `socket:[${fields[9]}]`),
    ),
  );
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (readdirSync(`/proc/${pid}/fd`).some((fd) => inodes.has(readlinkSync(`/proc/${pid}/fd/${fd}`)))) return Number(pid);
    } catch {
      // a process that ended or is not ours to read
    }
  }
  throw new Error(`nothing listens on ${port}`);
}

/** Which of the lifecycle task queue's Schedules the Temporal server holds. */
async function schedulesOf(taskQueue: string): Promise<string[]> {
  const connection = await Connection.connect({ address: testTemporalAddress() });
  try {
    const client = new Client({ connection });
    const held = await Promise.all(scheduleIdsOf(taskQueue).map((id) => client.schedule.getHandle(id).describe().then(
      () => id,
      // Its memo is sealed with the portal's key, which this client lacks: a payload it cannot read is still a Schedule held.
      (error: unknown) => (error instanceof ScheduleNotFoundError ? null : id),
    )));
    return held.filter((id) => id !== null);
  } finally {
    await connection.close();
  }
}

it('starts a service again on another port when its port was taken before it listened, and again when it exits on its own; its Schedules go when it stops', { timeout: 240_000 }, async () => {
  const file = import.meta.url;
  const taskQueue = testTaskQueue(`${file}-lifecycle`);
  const reports: string[] = [];
  const portal = await startPortalProcesses(
    {
      mongoUrl: testDatabaseUrl(file),
      temporalAddress: testTemporalAddress(),
      sinkUrl: testSinkUrl(),
      workflowBundlePath: testWorkflowBundlePath(),
      dailyApiUrl: testDailyApiUrl(),
      dailyApiKey: testDailyApiKey(file),
      zoom: { origin: testZoomStandIn(), accountId: testZoomAccountId(file) },
      google: testGoogleCalendar(),
      microsoft: testMicrosoftGraph(),
      lifecycleTaskQueue: taskQueue,
      notificationsTaskQueue: testTaskQueue(`${file}-notifications`),
    },
    {},
    // As a test file's own portal: its Schedules deleted by the run's main process (the shared portals' path, deleteSchedulesHere, in that process).
    { onUnexpectedExit: (report) => reports.push(report), deleteSchedules: testDeleteSchedules, portFor },
  );
  try {
    expect(portal.bookingUrl).not.toContain(`:${takenPort}`);
    expect((await fetch(`${portal.bookingUrl}/readyz`)).status).toBe(200);

    const crashed = listenerOf(Number(new URL(portal.bookingUrl).port));
    process.kill(crashed, 'SIGKILL');
    const answering = async () => (await fetch(`${portal.bookingUrl}/readyz`).then((r) => r.status, () => 0)) === 200 && listenerOf(Number(new URL(portal.bookingUrl).port)) !== crashed;
    await expect.poll(answering, { timeout: 120_000, interval: 200, message: 'booking back after its crash' }).toBe(true);
    expect(reports).toEqual([expect.stringMatching(/^booking exited on its own \(code \S+, signal \S+\); starting it again/)]);
    expect((await schedulesOf(taskQueue)).sort()).toEqual(scheduleIdsOf(taskQueue).sort());
  } finally {
    await portal.stop();
  }
  // Stopped on purpose: nothing more reported, and nothing left to wake the Temporal server for the rest of the run.
  await sleep(500);
  expect(reports).toHaveLength(1);
  expect(await schedulesOf(taskQueue)).toEqual([]);
});
