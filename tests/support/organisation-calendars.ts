import { afterAll, beforeAll, expect } from 'vitest';
import { createApiClient } from './api-client';
import { alwaysAvailableInterviewer, eventually, inviteAndReadLink } from './fixtures';
import { googleCalendarStandIn } from './google-calendar';
import { microsoftGraphStandIn } from './microsoft-graph';
import { createRestClient, type RestClient } from './rest-client';
import { sharedPortal } from './shared-portal';
import type { PortalUnderTest } from './portal-under-test';

export const HOUR = 3_600_000;
/** Issue 48's promise: a new busy event hides the slots it overlaps within 30 s through push. The shared portal polls every 60 s, so only a push makes it. */
export const PUSH_BOUND_MS = 30_000;

export type CalendarProvider = 'google' | 'microsoft';

/** An interviewer's `calendar` as the REST API answers it. */
export interface RestCalendar {
  provider: string;
  status: 'none' | 'pending' | 'ok' | 'failing';
  lastSyncAt: string | null;
  problem: { code: string; message: string } | null;
}

/** A whole UTC hour at least `leadHours` ahead. */
export const wholeHourAhead = (leadHours: number) => Math.ceil((Date.now() + leadHours * HOUR) / HOUR) * HOUR;
/** The hour-long slot starts among `starts` that overlap [from, to). */
export const overlapping = (starts: number[], from: number, to: number) => starts.filter((s) => s < to && s + HOUR > from);

const LABELS: Record<CalendarProvider, string> = { google: 'Google', microsoft: 'Microsoft 365' };

/**
 * How a provider's push starts for one calendar: taken before the interviewer is connected, the
 * function it gives answers whether the calendar's push channel (Google) or subscription (Graph,
 * whose handshakes name no mailbox, hence the count before) has been answered since.
 */
function pushOpened(provider: CalendarProvider): () => Promise<(email: string) => Promise<boolean>> {
  if (provider === 'google') {
    const google = googleCalendarStandIn();
    return async () => async (email) => (await google.deliveriesFor(email)).some((d) => d.state === 'sync' && d.status === 204);
  }
  const graph = microsoftGraphStandIn();
  const handshakes = async () => (await graph.deliveries()).filter((d) => d.kind === 'validation' && d.status === 200).length;
  return async () => {
    const before = await handshakes();
    return async () => (await handshakes()) > before;
  };
}

/**
 * A file's interviewers on `provider` through the organisation's connection, on the shared portal:
 * registers the file's beforeAll (an admin's session and a REST key of its own) and afterAll. Each
 * interviewer is always available, their address their calendar, connected with nothing but
 * `PUT /interviewers/{id} {calendar:{provider}}` and handed over once the calendar was first read
 * and its push opened. `run` keeps the file's names and addresses apart from every other file's.
 */
export function organisationCalendars(provider: CalendarProvider, run: number) {
  let portal: PortalUnderTest | undefined;
  let hr: ReturnType<typeof createApiClient> | undefined;
  let rest: RestClient | undefined;
  let apiKey = '';
  const opened = pushOpened(provider);
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('organisationCalendars is used before its beforeAll ran');
    return value;
  };

  beforeAll(async () => {
    portal = await sharedPortal();
    rest = createRestClient(portal.bookingUrl);
    const jar: { value?: string } = {};
    hr = createApiClient(portal.bookingUrl, jar);
    await hr.mutation('hr.auth.signIn', { email: 'admin@example.test', password: 'dev-admin-password' });
    const created = await rest<{ key: string }>('post', '/api-keys', { cookie: jar.value ?? '', body: { name: `${LABELS[provider]} calendars ${run}`, scopes: ['read', 'write'] } });
    apiKey = created.body.key;
  });

  afterAll(async () => {
    await portal?.stop();
  });

  const calendarOf = async (interviewerId: string) => (await ready(rest)<{ calendar: RestCalendar }>('get', `/interviewers/${interviewerId}`, { bearer: apiKey })).body.calendar;
  const slotsOf = async (token: string) => (await ready(portal).api.query<{ slots: { start: string }[] }>('candidate.slots', { token })).slots.map((s) => Date.parse(s.start));

  return {
    get portal() {
      return ready(portal);
    },
    get hr() {
      return ready(hr);
    },
    calendarOf,
    slotsOf,
    async interviewer(label: string): Promise<{ id: string; email: string }> {
      const email = `${provider}-${label}-${run}@example.test`;
      const { id } = await alwaysAvailableInterviewer(ready(hr), `${provider === 'google' ? 'Google' : 'Microsoft'} ${label} ${run}`, 24, email);
      const details = (await ready(rest)<Record<string, unknown>>('get', `/interviewers/${id}`, { bearer: apiKey })).body;
      const fields = Object.fromEntries(Object.entries(details).filter(([field]) => !['id', 'bookedNext14Days', 'calendar'].includes(field)));
      const pushed = await opened();
      const put = await ready(rest)<{ calendar: RestCalendar }>('put', `/interviewers/${id}`, { bearer: apiKey, body: { ...fields, calendar: { provider } } });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      expect(put.body.calendar.provider).toBe(provider);
      await eventually(async () => ((await calendarOf(id)).status === 'ok' ? true : undefined), 60_000, `the first read of the ${LABELS[provider]} calendar`);
      await eventually(async () => ((await pushed(email)) ? true : undefined), 60_000, provider === 'google' ? 'the push channel' : 'the subscription');
      return { id, email };
    },
    candidateFor: (interviewerId: string, label: string) =>
      inviteAndReadLink(ready(hr), ready(portal).sinkUrl, { name: `${label} Candidate`, email: `${provider}.${label.toLowerCase()}.${run}@example.test` }, [interviewerId]),
    /** A check for `eventually`: the hour at `at` has no slot left for the candidate. */
    closed: (token: string, at: number) => async () => (overlapping(await slotsOf(token), at, at + HOUR).length === 0 ? true : undefined),
  };
}
