import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from './support/api-client';
import { alwaysAvailableInterviewer, eventually, inviteAndReadLink } from './support/fixtures';
import { microsoftGraphStandIn } from './support/microsoft-graph';
import { createRestClient, type RestClient } from './support/rest-client';
import { sharedPortal } from './support/shared-portal';
import type { PortalUnderTest } from './support/portal-under-test';

const HOUR = 3_600_000;
/** Issue 48's promise: a new busy event hides the slots it overlaps within 30 s through push. The shared portal polls every 60 s, so only a notification makes it. */
const PUSH_BOUND_MS = 30_000;
const run = Date.now();

let portal: PortalUnderTest;
let hr: ReturnType<typeof createApiClient>;
let rest: RestClient;
let apiKey: string;
const graph = microsoftGraphStandIn();

interface Calendar {
  provider: string;
  status: 'none' | 'pending' | 'ok' | 'failing';
  lastSyncAt: string | null;
  problem: { code: string; message: string } | null;
}

beforeAll(async () => {
  portal = await sharedPortal();
  rest = createRestClient(portal.bookingUrl);
  const jar: { value?: string } = {};
  hr = createApiClient(portal.bookingUrl, jar);
  await hr.mutation('hr.auth.signIn', { email: 'admin@example.test', password: 'dev-admin-password' });
  const created = await rest<{ key: string }>('post', '/api-keys', { cookie: jar.value ?? '', body: { name: `Microsoft calendars ${run}`, scopes: ['read', 'write'] } });
  apiKey = created.body.key;
});

afterAll(async () => {
  await portal?.stop();
});

const calendarOf = async (interviewerId: string) => (await rest<{ calendar: Calendar }>('get', `/interviewers/${interviewerId}`, { bearer: apiKey })).body.calendar;
const subscriptionsAnswered = async () => (await graph.deliveries()).filter((d) => d.kind === 'validation' && d.status === 200).length;

/**
 * An always-available interviewer whose address is their Microsoft 365 mailbox, connected through
 * the organisation's app registration with nothing but `PUT … {calendar:{provider:"microsoft"}}`,
 * once their calendar was first read and a subscription opened (its handshake answered).
 */
async function microsoftInterviewer(label: string): Promise<{ id: string; email: string }> {
  const email = `microsoft-${label}-${run}@example.test`;
  const { id } = await alwaysAvailableInterviewer(hr, `Microsoft ${label} ${run}`, 24, email);
  const details = (await rest<Record<string, unknown>>('get', `/interviewers/${id}`, { bearer: apiKey })).body;
  const fields = Object.fromEntries(Object.entries(details).filter(([field]) => !['id', 'bookedNext14Days', 'calendar'].includes(field)));
  const handshakes = await subscriptionsAnswered();
  const put = await rest<{ calendar: Calendar }>('put', `/interviewers/${id}`, { bearer: apiKey, body: { ...fields, calendar: { provider: 'microsoft' } } });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  expect(put.body.calendar.provider).toBe('microsoft');
  await eventually(async () => ((await calendarOf(id)).status === 'ok' ? true : undefined), 60_000, 'the first read of the Microsoft 365 calendar');
  await eventually(async () => ((await subscriptionsAnswered()) > handshakes ? true : undefined), 60_000, 'the subscription');
  return { id, email };
}

const candidateFor = (interviewerId: string, label: string) =>
  inviteAndReadLink(hr, portal.sinkUrl, { name: `${label} Candidate`, email: `microsoft.${label.toLowerCase()}.${run}@example.test` }, [interviewerId]);
const slotsOf = async (token: string) => (await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token })).slots.map((s) => Date.parse(s.start));
const overlapping = (starts: number[], from: number, to: number) => starts.filter((s) => s < to && s + HOUR > from);
/** A whole UTC hour at least `leadHours` ahead. */
const wholeHourAhead = (leadHours: number) => Math.ceil((Date.now() + leadHours * HOUR) / HOUR) * HOUR;
const closed = (token: string, at: number) => async () => (overlapping(await slotsOf(token), at, at + HOUR).length === 0 ? true : undefined);

describe('busy times in from Microsoft 365', () => {
  it('an event created in the interviewer’s mailbox hides the overlapping slots within 30 s by a change notification; tentative counts, free does not', async () => {
    const { id, email } = await microsoftInterviewer('push');
    const { token } = await candidateFor(id, 'Push');
    const [busy, tentative, free] = [wholeHourAhead(5), wholeHourAhead(7), wholeHourAhead(9)];
    expect(overlapping(await slotsOf(token), busy, busy + HOUR).length).toBeGreaterThan(0);

    const began = Date.now();
    await graph.addEvent(email, { subject: 'Design review', start: new Date(busy), end: new Date(busy + HOUR) });
    await eventually(closed(token, busy), PUSH_BOUND_MS, 'the slots under the new event to close');
    console.log(`[microsoft-calendar] change notification to hidden slot: ${Date.now() - began} ms`);
    expect((await graph.deliveries()).some((d) => d.kind === 'notification' && d.status === 202)).toBe(true);

    await graph.addEvent(email, { subject: 'Focus time', start: new Date(free), end: new Date(free + HOUR), showAs: 'free' });
    await graph.addEvent(email, { subject: 'Maybe', start: new Date(tentative), end: new Date(tentative + HOUR), showAs: 'tentative' });
    await eventually(closed(token, tentative), PUSH_BOUND_MS, 'the slots under the tentative event to close');
    const starts = await slotsOf(token);
    expect(starts).toContain(busy + HOUR);
    expect(starts).toContain(free);
    expect(await calendarOf(id)).toMatchObject({ provider: 'microsoft', status: 'ok', problem: null, lastSyncAt: expect.any(String) });
  });
});

describe('interviews out to Microsoft 365', () => {
  it('booking puts one event with the portal’s iCalUID (in its extended property) into the member’s calendar', async () => {
    const { id, email } = await microsoftInterviewer('events');
    const { interviewId, token } = await candidateFor(id, 'Events');
    const chosen = wholeHourAhead(6);
    expect(await slotsOf(token)).toContain(chosen);
    await portal.api.mutation('candidate.book', { token, start: new Date(chosen).toISOString() });
    const uid = `${interviewId}@interview-portal`;
    const found = await eventually(async () => {
      const events = (await graph.portalEvents(email)).filter((e) => e.uid === uid);
      return events.length > 0 ? events : undefined;
    }, 60_000, 'the event in the member’s calendar');
    expect(found).toHaveLength(1);
    expect(found[0]?.attendees?.map((a) => a.emailAddress?.address?.toLowerCase())).toContain(email);
    // The interview's own event is not a clash: the slot stays the candidate's and the calendar reads ok.
    await eventually(async () => ((await calendarOf(id)).status === 'ok' ? true : undefined), 60_000, 'the calendar read after the booking');
    expect((await portal.api.query<{ status: string }>('candidate.view', { token })).status).toBe('SCHEDULED');
  });
});

describe('faults at Microsoft', () => {
  it('the app’s secret removed shows the connection failing (AUTH) to HR and the API; the busy times read before still count and the candidate books', async () => {
    const { id, email } = await microsoftInterviewer('revoked');
    const { token } = await candidateFor(id, 'Revoked');
    const busy = wholeHourAhead(6);
    await graph.addEvent(email, { subject: 'Board meeting', start: new Date(busy), end: new Date(busy + HOUR) });
    await eventually(closed(token, busy), PUSH_BOUND_MS, 'the slots under the meeting to close');

    await graph.revokeApp();
    try {
      // The next change is notified as before; reading it now meets the refused app.
      await graph.addEvent(email, { subject: 'Lunch', start: new Date(busy + 3 * HOUR), end: new Date(busy + 4 * HOUR) });
      const failing = await eventually(async () => {
        const calendar = await calendarOf(id);
        return calendar.status === 'failing' ? calendar : undefined;
      }, 90_000, 'the connection to show failing');
      expect(failing.problem?.code).toBe('AUTH');
      expect(failing.lastSyncAt).not.toBeNull();
      const status = await hr.query<{ provider: string; read: { failingSince: string | null; problem: { code: string } | null } }>('hr.calendars.status', { interviewerId: id });
      expect(status).toMatchObject({ provider: 'microsoft', read: { failingSince: expect.any(String), problem: { code: 'AUTH' } } });

      const starts = await slotsOf(token);
      expect(overlapping(starts, busy, busy + HOUR)).toEqual([]);
      const chosen = wholeHourAhead(9);
      expect(starts).toContain(chosen);
      await portal.api.mutation('candidate.book', { token, start: new Date(chosen).toISOString() });
      await eventually(async () => ((await portal.api.query<{ status: string }>('candidate.view', { token })).status === 'SCHEDULED' ? true : undefined), 60_000, 'the booking');
    } finally {
      await graph.restoreApp();
    }
  });

  it('in a storm of 429s no request goes out before Retry-After, the waits double, and the busy time counts once it is over', async () => {
    const { id, email } = await microsoftInterviewer('storm');
    const { token } = await candidateFor(id, 'Storm');
    const busy = wholeHourAhead(8);
    await graph.fault(email, { status: 429, count: 3, retryAfterSeconds: 2 });
    const since = Date.now();
    await graph.addEvent(email, { subject: 'Storm meeting', start: new Date(busy), end: new Date(busy + HOUR) });
    // The mailbox keeps changing meanwhile (a notification every half second), and the portal still waits.
    const pushes = setInterval(() => void graph.addEvent(email, { subject: 'Free', start: new Date(busy + 2 * HOUR), end: new Date(busy + 3 * HOUR), showAs: 'free' }).catch(() => undefined), 500);
    try {
      await eventually(closed(token, busy), 90_000, 'the busy time once the storm is over');
    } finally {
      clearInterval(pushes);
    }
    const reads = (await graph.callsFor(email)).filter((c) => c.method === 'GET' && Date.parse(c.at) >= since);
    const limited = reads.filter((c) => c.status === 429).map((c) => Date.parse(c.at));
    const answered = reads.find((c) => c.status === 200 && Date.parse(c.at) > (limited.at(-1) ?? Infinity));
    expect(limited).toHaveLength(3);
    const gaps = [...limited.slice(1), Date.parse(answered?.at ?? '')].map((at, i) => at - (limited[i] ?? 0));
    console.log(`[microsoft-calendar] 429 storm: reads ${gaps.map((ms) => `${ms} ms`).join(', ')} after each refusal`);
    expect(gaps[0]).toBeGreaterThanOrEqual(2_000);
    expect(gaps[1]).toBeGreaterThanOrEqual(4_000);
    expect(gaps[2]).toBeGreaterThanOrEqual(8_000);
    expect(await calendarOf(id)).toMatchObject({ status: 'ok', problem: null });
  });
});
