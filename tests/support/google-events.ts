import { STAND_IN_ADMIN_TOKEN } from '@portal/devstack/google-calendar-stand-in';
import { testGoogleCalendar } from '@portal/devstack/testing';
import { holdingProxy } from './holding-proxy';

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
    /** One event by its id, as Google answers it (a deleted one has status `cancelled`); null when Google has none. */
    byId: async (calendarId: string, eventId: string) => {
      const response = await fetch(`${eventsUrl(calendarId)}/${encodeURIComponent(eventId)}`, { headers: { authorization: `Bearer ${STAND_IN_ADMIN_TOKEN}` } });
      if (response.status === 404) return null;
      if (!response.ok) throw new Error(`Google stand-in GET ${calendarId}/${eventId}: ${response.status}`);
      return (await response.json()) as GoogleEvent & { hangoutLink?: string };
    },
    /** The calendar's owner answers the invitation in their calendar app (their own attendee's responseStatus). */
    answer: (calendarId: string, event: GoogleEvent, responseStatus: 'accepted' | 'declined') =>
      call<GoogleEvent>(`${eventsUrl(calendarId)}/${encodeURIComponent(event.id)}`, 'PATCH', {
        attendees: (event.attendees ?? []).map((a) => (a.email === calendarId.toLowerCase() ? { ...a, responseStatus } : a)),
      }),
  };
}

/** The holding proxy (./holding-proxy) in front of the run's Google stand-in. */
export const holdingGoogleProxy = () => holdingProxy(testGoogleCalendar().apiUrl);
