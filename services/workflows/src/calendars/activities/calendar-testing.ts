import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sealCalendarPassword } from '@portal/calendar/credentials';
import type { Database } from '@portal/db';
import type { CalendarDeps } from './calendar-access';

export const testCalendarDeps: CalendarDeps = { key: Buffer.alloc(32, 3), timeoutMs: 2_000, claimCheckMs: 500, syncDays: 30 };

export async function connectTestCalendar(
  db: Database,
  interviewerId: string,
  server: { serverUrl: string; username: string; password: string; calendarUrl: string },
): Promise<void> {
  await db.calendarConnections.replaceOne(
    { _id: interviewerId },
    {
      _id: interviewerId, serverUrl: server.serverUrl, username: server.username,
      secret: sealCalendarPassword(testCalendarDeps.key, server.password, { interviewerId, serverUrl: server.serverUrl }),
      readCalendarUrl: server.calendarUrl, writeCalendarUrl: server.calendarUrl, connectedBy: 'test', updatedAt: new Date(),
    },
    { upsert: true },
  );
}

/**
 * A pass-through proxy in front of a CalDAV server that counts requests, and can be switched to
 * drop connections (a server that is down), hold them unanswered (a server that hangs) or refuse
 * each with 401 a moment later (a password revoked, answered slowly).
 */
export async function countingProxy(target: string) {
  const upstream = new URL(target);
  let mode: 'pass' | 'down' | 'hang' | 'refuse' = 'pass';
  let count = 0;
  const server: Server = createServer((req, res) => {
    count += 1;
    if (mode === 'down') return void req.socket.destroy();
    if (mode === 'hang') return;
    if (mode === 'refuse') return void setTimeout(() => res.writeHead(401, { 'www-authenticate': 'Basic realm="test"' }).end(), 300);
    const forward = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests: () => count,
    reset: () => void (count = 0),
    set: (next: typeof mode) => void (mode = next),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
