import { createAccount, createObject, deleteObject, fetchCalendarObjects, fetchCalendars, getBasicAuthHeaders, propfind, updateObject } from 'tsdav';
import { stripControlCharacters } from '@portal/shared/text';
import { CalendarProblem, asCalendarProblem, problemForStatus } from './caldav-errors';

export { CalendarProblem, type CalendarProblemCode } from './caldav-errors';

export interface CalendarAccess {
  serverUrl: string;
  username: string;
  password: string;
  /** Every request gives up after this long (TIMEOUT). */
  timeoutMs: number;
}

export interface CalendarSummary {
  url: string;
  name: string;
}

export interface StoredEvent {
  etag: string | null;
  text: string;
}

/**
 * The password goes with every request, so every request goes to the origin of the server HR
 * entered, and nowhere else: a redirect, a principal or calendar href on another host is refused
 * before anything is sent there (OTHER_ORIGIN, naming that host, so HR can enter it as the server
 * if it is theirs). Redirects are followed here, one hop at a time, so each hop is checked.
 */
function fetchOnlyTo(origin: string): typeof globalThis.fetch {
  return async (input, init) => {
    let url = new URL(input instanceof Request ? input.url : input);
    let request = init;
    for (let hop = 0; ; hop += 1) {
      if (url.origin !== origin) throw new CalendarProblem('OTHER_ORIGIN', url.origin);
      const response = await globalThis.fetch(url, { ...request, redirect: 'manual' });
      const location = response.headers.get('location');
      if (init?.redirect === 'manual' || response.status < 300 || response.status >= 400 || location === null) return response;
      if (hop === MAX_REDIRECTS) throw new CalendarProblem('BAD_RESPONSE', 'too many redirects');
      url = new URL(location, url);
      // As fetch does: a 303 (and a POST moved by 301/302) continues as a GET without a body.
      if (response.status === 303 || (request?.method === 'POST' && response.status <= 302)) request = { ...request, method: 'GET', body: null };
    }
  };
}

const MAX_REDIRECTS = 5;

/** A server's text is cleaned of control characters before the portal shows or stores it (docs/adr/0012). */
const displayName = (value: unknown, url: string) =>
  stripControlCharacters(typeof value === 'string' && value.length > 0 ? value : (url.split('/').filter(Boolean).pop() ?? url));

/**
 * The CalDAV operations the portal needs, on tsdav with HTTP Basic (an app password). Every
 * call has a deadline, and every failure leaves as a CalendarProblem with a code HR can act on.
 */
export function calendarClient(access: CalendarAccess) {
  const headers = getBasicAuthHeaders({ username: access.username, password: access.password }) as Record<string, string>;
  const fetch = fetchOnlyTo(new URL(access.serverUrl).origin);
  const fetchOptions = () => ({ signal: AbortSignal.timeout(access.timeoutMs) });

  async function attempt<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw asCalendarProblem(error, what);
    }
  }

  return {
    /** Signs in (principal and calendar home discovery) and lists the calendars that hold events. */
    listCalendars: () =>
      attempt('list calendars', async () => {
        const account = await createAccount({
          account: { serverUrl: access.serverUrl, accountType: 'caldav', credentials: { username: access.username, password: access.password } },
          headers,
          fetchOptions: fetchOptions(),
          fetch,
        });
        const calendars = await fetchCalendars({ account, headers, fetchOptions: fetchOptions(), fetch });
        return calendars
          .filter((c) => !c.components || c.components.includes('VEVENT'))
          .map((c): CalendarSummary => ({ url: stripControlCharacters(c.url), name: displayName(c.displayName, c.url) }));
      }),

    /** The calendar's ctag (one PROPFIND): unchanged means nothing in it changed. */
    ctag: (calendarUrl: string) =>
      attempt('read the calendar tag', async () => {
        const [response] = await propfind({ url: calendarUrl, props: { 'cs:getctag': {} }, depth: '0', headers, fetchOptions: fetchOptions(), fetch });
        if (!response) throw new CalendarProblem('BAD_RESPONSE', 'no answer to PROPFIND');
        if (!response.ok) throw problemForStatus(response.status, 'read the calendar tag');
        const value: unknown = response.props?.getctag;
        return typeof value === 'string' ? stripControlCharacters(value) : value === undefined ? null : stripControlCharacters(JSON.stringify(value));
      }),

    /** The iCalendar text of every event overlapping [from, to) (a calendar-query REPORT with a time-range filter). */
    eventsBetween: (calendarUrl: string, from: Date, to: Date) =>
      attempt('read events', async () => {
        const objects = await fetchCalendarObjects({
          calendar: { url: calendarUrl },
          timeRange: { start: from.toISOString(), end: to.toISOString() },
          headers,
          fetchOptions: fetchOptions(),
          fetch,
        });
        return objects.map((o) => (typeof o.data === 'string' ? o.data : '')).filter((text) => text.length > 0);
      }),

    /** One event resource, or null when there is none. */
    getEvent: (url: string) =>
      attempt('read the event', async (): Promise<StoredEvent | null> => {
        const response = await fetch(url, { headers, ...fetchOptions() });
        if (response.status === 404) return null;
        if (!response.ok) throw problemForStatus(response.status, 'read the event');
        return { etag: response.headers.get('etag'), text: await response.text() };
      }),

    /** Creates (only if absent) or replaces (only if still at `etag`) one event: a lost race is a CONFLICT, retried by the caller. */
    putEvent: (url: string, text: string, etag: string | null) =>
      attempt('write the event', async () => {
        const init = { url, data: text, headers: { ...headers, 'content-type': 'text/calendar; charset=utf-8' }, fetchOptions: fetchOptions(), fetch };
        const response = etag === null ? await createObject(init) : await updateObject({ ...init, etag });
        if (!response.ok) throw problemForStatus(response.status, 'write the event');
        return response.headers.get('etag');
      }),

    /** Deletes one event if still at `etag`; already gone counts as done. */
    deleteEvent: (url: string, etag: string | null) =>
      attempt('delete the event', async () => {
        const response = await deleteObject({ url, ...(etag ? { etag } : {}), headers, fetchOptions: fetchOptions(), fetch });
        if (!response.ok && response.status !== 404) throw problemForStatus(response.status, 'delete the event');
      }),
  };
}

export type CalendarClient = ReturnType<typeof calendarClient>;
