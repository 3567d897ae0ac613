import { createServer, type Server } from 'node:net';
import { afterAll, expect, it, vi } from 'vitest';
import { startPortalProcesses } from './portal-processes';
import { testDailyApiKey, testDailyApiUrl, testDatabaseUrl, testSinkUrl, testTaskQueue, testTemporalAddress, testWorkflowBundlePath } from './per-file';

// The booking service's port (the first answer) is taken by another socket before it listens.
// Its connections (a readiness probe) are closed at once, as nothing here answers them.
const taken: Server = createServer((socket) => socket.destroy());
const takenPort = await new Promise<number>((resolve) => taken.listen(0, () => resolve((taken.address() as { port: number }).port)));
vi.mock('../stack/free-port', async (original) => {
  const real = await original<typeof import('../stack/free-port')>();
  let first = true;
  return {
    ...real,
    freePort: async () => {
      if (!first) return real.freePort();
      first = false;
      return takenPort;
    },
  };
});

afterAll(() => new Promise((resolve) => taken.close(resolve)));

it('starts a service again on another port when its port was taken before it could listen', { timeout: 240_000 }, async () => {
  const file = import.meta.url;
  const portal = await startPortalProcesses({
    mongoUrl: testDatabaseUrl(file),
    temporalAddress: testTemporalAddress(),
    sinkUrl: testSinkUrl(),
    workflowBundlePath: testWorkflowBundlePath(),
    dailyApiUrl: testDailyApiUrl(),
    dailyApiKey: testDailyApiKey(file),
    lifecycleTaskQueue: testTaskQueue(`${file}-lifecycle`),
    notificationsTaskQueue: testTaskQueue(`${file}-notifications`),
  });
  try {
    expect(portal.bookingUrl).not.toContain(`:${takenPort}`);
    expect((await fetch(`${portal.bookingUrl}/readyz`)).status).toBe(200);
  } finally {
    await portal.stop();
  }
});
