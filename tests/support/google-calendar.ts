import { STAND_IN_ADMIN_TOKEN, type CallRecord, type Delivery } from '@portal/devstack/google-calendar-stand-in';
import { testGoogleCalendar } from '@portal/devstack/testing';

/** What the stand-in answers for an event (Google's shape; the fields read here). */
interface StandInEvent {
  id: string;
  status: string;
}

/**
 * The run's Google Calendar stand-in, driven as an interviewer's own calendar app and as a test
 * would (the admin bearer, development only): events put straight into a calendar, grants revoked,
 * faults switched on, and what the portal asked and was pushed. Files keep apart by calendars
 * (interviewers' addresses) of their own. `root`: another stand-in's API root (a bench's).
 */
export function googleCalendarStandIn(root = testGoogleCalendar().apiUrl) {
  const origin = new URL(root).origin;
  async function call<T>(url: string, method: string, body?: unknown): Promise<T> {
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${STAND_IN_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`Google stand-in ${method} ${url}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? null : await response.json()) as T;
  }
  const events = (calendarId: string) => `${root}calendar/v3/calendars/${encodeURIComponent(calendarId)}/events`;
  const control = <T>(method: string, path: string, body?: unknown) => call<T>(`${origin}/_stand-in${path}`, method, body);
  return {
    /** A timed event put into the calendar as its owner's calendar app would. */
    addEvent: (calendarId: string, event: { summary: string; start: Date; end: Date; status?: string; transparency?: string }) =>
      call<StandInEvent>(events(calendarId), 'POST', {
        summary: event.summary,
        start: { dateTime: event.start.toISOString() },
        end: { dateTime: event.end.toISOString() },
        ...(event.status ? { status: event.status } : {}),
        ...(event.transparency ? { transparency: event.transparency } : {}),
      }),
    renameEvent: (calendarId: string, eventId: string, summary: string) => call<StandInEvent>(`${events(calendarId)}/${encodeURIComponent(eventId)}`, 'PATCH', { summary }),
    /** The user's grants and the organisation's delegation for them revoked: their tokens stop working. */
    revoke: (email: string) => control('POST', '/revocations', { email }),
    /** The next `count` requests of the portal about the calendar answer `status` (the admin bearer's pass). */
    fault: (calendarId: string, fault: { status: 429 | 403 | 500 | 503; count: number; retryAfterSeconds?: number }) =>
      control('POST', '/faults', { ...fault, calendarId, spareAdmin: true }),
    /** What the API answered about this calendar's events, oldest first (the admin bearer's calls included). */
    callsFor: async (calendarId: string) => (await control<CallRecord[]>('GET', '/calls')).filter((c) => c.path.startsWith(`/calendars/${encodeURIComponent(calendarId)}/events`)),
    deliveriesFor: async (calendarId: string) => (await control<Delivery[]>('GET', '/deliveries')).filter((d) => d.calendarId === calendarId.toLowerCase()),
  };
}
