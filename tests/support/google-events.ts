import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { STAND_IN_ADMIN_TOKEN } from '@portal/devstack/google-calendar-stand-in';
import { testGoogleCalendar } from '@portal/devstack/testing';

/** The interview's event as the stand-in answers it (Google's shape; the fields read here). */
export interface GoogleEvent {
  id: string;
  iCalUID: string;
  status: string;
  start: { dateTime: string };
  end: { dateTime: string };
  summary: string;
  description?: string;
  location?: string;
  organizer: { email: string };
  attendees?: { email: string; responseStatus: string; self?: boolean }[];
}

/**
 * The portal's events in the run's Google Calendar stand-in, read and answered as the interviewer's
 * calendar app would, with the admin bearer (development only).
 */
export function googleEvents() {
  const root = testGoogleCalendar().apiUrl;
  const eventsUrl = (calendarId: string) => `${root}calendar/v3/calendars/${encodeURIComponent(calendarId)}/events`;
  async function call<T>(url: string, method = 'GET', body?: unknown): Promise<T> {
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${STAND_IN_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`Google stand-in ${method} ${url}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }
  return {
    /** Every event of the calendar carrying the iCalUID, deleted ones (status `cancelled`) included. */
    withICalUID: async (calendarId: string, iCalUID: string) =>
      (await call<{ items?: GoogleEvent[] }>(`${eventsUrl(calendarId)}?iCalUID=${encodeURIComponent(iCalUID)}&showDeleted=true`)).items ?? [],
    /** The calendar's owner answers the invitation in their calendar app (their own attendee's responseStatus). */
    answer: (calendarId: string, event: GoogleEvent, responseStatus: 'accepted' | 'declined') =>
      call<GoogleEvent>(`${eventsUrl(calendarId)}/${encodeURIComponent(event.id)}`, 'PATCH', {
        attendees: (event.attendees ?? []).map((a) => (a.email === calendarId.toLowerCase() ? { ...a, responseStatus } : a)),
      }),
  };
}

/**
 * A pass-through proxy in front of the Google stand-in that can hold the first request matching
 * `hold` unanswered (its body read) until told to pass it on: a write the stand-in has not yet seen
 * while the worker that sent it dies.
 */
export async function holdingGoogleProxy() {
  const upstream = new URL(testGoogleCalendar().apiUrl);
  let rule: ((req: IncomingMessage) => boolean) | null = null;
  let held: { release: () => void } | null = null;
  let onHeld: (() => void) | null = null;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const forward = () => {
        const out = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        out.on('error', () => res.destroy());
        out.end(Buffer.concat(chunks));
      };
      if (rule?.(req)) {
        rule = null;
        held = { release: forward };
        onHeld?.();
        return;
      }
      forward();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    /** Holds the next request `matches` accepts; resolves once one is held. */
    hold(matches: (req: IncomingMessage) => boolean): Promise<void> {
      rule = matches;
      return new Promise((resolve) => {
        onHeld = resolve;
      });
    },
    /** Passes the held request on to the stand-in (its sender may be gone by now). */
    release(): void {
      held?.release();
      held = null;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
