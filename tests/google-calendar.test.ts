import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from './support/api-client';
import { alwaysAvailableInterviewer, eventually, inviteAndReadLink } from './support/fixtures';
import { googleCalendarStandIn } from './support/google-calendar';
import { createRestClient, type RestClient } from './support/rest-client';
import { sharedPortal } from './support/shared-portal';
import type { PortalUnderTest } from './support/portal-under-test';

const HOUR = 3_600_000;
/** Issue 48's promise: a new busy event hides the slots it overlaps within 30 s through push. The shared portal polls every 60 s, so only a push makes it. */
const PUSH_BOUND_MS = 30_000;
const run = Date.now();

let portal: PortalUnderTest;
let hr: ReturnType<typeof createApiClient>;
let rest: RestClient;
let apiKey: string;
const google = googleCalendarStandIn();

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
  const created = await rest<{ key: string }>('post', '/api-keys', { cookie: jar.value ?? '', body: { name: `Google calendars ${run}`, scopes: ['read', 'write'] } });
  apiKey = created.body.key;
});

afterAll(async () => {
  await portal?.stop();
});

const calendarOf = async (interviewerId: string) => (await rest<{ calendar: Calendar }>('get', `/interviewers/${interviewerId}`, { bearer: apiKey })).body.calendar;

/**
 * An always-available interviewer whose address is their Workspace calendar, connected through the
 * organisation's Google connection with nothing but `PUT … {calendar:{provider:"google"}}`, once
 * their calendar was first read and its push channel opened (the channel's first message answered).
 */
async function googleInterviewer(label: string): Promise<{ id: string; email: string }> {
  const email = `google-${label}-${run}@example.test`;
  const { id } = await alwaysAvailableInterviewer(hr, `Google ${label} ${run}`, 24, email);
  const details = (await rest<Record<string, unknown>>('get', `/interviewers/${id}`, { bearer: apiKey })).body;
  const fields = Object.fromEntries(Object.entries(details).filter(([field]) => !['id', 'bookedNext14Days', 'calendar'].includes(field)));
  const put = await rest<{ calendar: Calendar }>('put', `/interviewers/${id}`, { bearer: apiKey, body: { ...fields, calendar: { provider: 'google' } } });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  expect(put.body.calendar.provider).toBe('google');
  await eventually(async () => ((await calendarOf(id)).status === 'ok' ? true : undefined), 60_000, 'the first read of the Google calendar');
  await eventually(async () => ((await google.deliveriesFor(email)).some((d) => d.state === 'sync' && d.status === 204) ? true : undefined), 60_000, 'the push channel');
  return { id, email };
}

const candidateFor = (interviewerId: string, label: string) =>
  inviteAndReadLink(hr, portal.sinkUrl, { name: `${label} Candidate`, email: `google.${label.toLowerCase()}.${run}@example.test` }, [interviewerId]);
const slotsOf = async (token: string) => (await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token })).slots.map((s) => Date.parse(s.start));
const overlapping = (starts: number[], from: number, to: number) => starts.filter((s) => s < to && s + HOUR > from);
/** A whole UTC hour at least `leadHours` ahead. */
const wholeHourAhead = (leadHours: number) => Math.ceil((Date.now() + leadHours * HOUR) / HOUR) * HOUR;
const closed = (token: string, at: number) => async () => (overlapping(await slotsOf(token), at, at + HOUR).length === 0 ? true : undefined);

describe('busy times in from Google Calendar', () => {
  it('an event created in the interviewer’s calendar hides the overlapping slots within 30 s by push; tentative counts, free and cancelled do not', async () => {
    const { id, email } = await googleInterviewer('push');
    const { token } = await candidateFor(id, 'Push');
    const [busy, tentative, free, cancelled] = [wholeHourAhead(5), wholeHourAhead(7), wholeHourAhead(9), wholeHourAhead(11)];
    expect(overlapping(await slotsOf(token), busy, busy + HOUR).length).toBeGreaterThan(0);

    const began = Date.now();
    await google.addEvent(email, { summary: 'Design review', start: new Date(busy), end: new Date(busy + HOUR) });
    await eventually(closed(token, busy), PUSH_BOUND_MS, 'the slots under the new event to close');
    console.log(`[google-calendar] push to hidden slot: ${Date.now() - began} ms`);
    expect((await google.deliveriesFor(email)).some((d) => d.state === 'exists' && d.status === 204)).toBe(true);

    await google.addEvent(email, { summary: 'Free focus time', start: new Date(free), end: new Date(free + HOUR), transparency: 'transparent' });
    await google.addEvent(email, { summary: 'Called off', start: new Date(cancelled), end: new Date(cancelled + HOUR), status: 'cancelled' });
    await google.addEvent(email, { summary: 'Maybe', start: new Date(tentative), end: new Date(tentative + HOUR), status: 'tentative' });
    await eventually(closed(token, tentative), PUSH_BOUND_MS, 'the slots under the tentative event to close');
    const starts = await slotsOf(token);
    expect(starts).toContain(busy + HOUR);
    expect(starts).toContain(free);
    expect(starts).toContain(cancelled);
    expect(await calendarOf(id)).toMatchObject({ provider: 'google', status: 'ok', problem: null, lastSyncAt: expect.any(String) });
  });
});

describe('faults at Google', () => {
  it('a revoked grant shows the connection failing (AUTH) to HR and the API; the busy times read before still count and the candidate books', async () => {
    const { id, email } = await googleInterviewer('revoked');
    const { token } = await candidateFor(id, 'Revoked');
    const busy = wholeHourAhead(6);
    await google.addEvent(email, { summary: 'Board meeting', start: new Date(busy), end: new Date(busy + HOUR) });
    await eventually(closed(token, busy), PUSH_BOUND_MS, 'the slots under the meeting to close');

    await google.revoke(email);
    // The next change is pushed as before; reading it now meets the revoked grant.
    await google.addEvent(email, { summary: 'Lunch', start: new Date(busy + 3 * HOUR), end: new Date(busy + 4 * HOUR) });
    const failing = await eventually(async () => {
      const calendar = await calendarOf(id);
      return calendar.status === 'failing' ? calendar : undefined;
    }, 60_000, 'the connection to show failing');
    expect(failing.problem?.code).toBe('AUTH');
    expect(failing.lastSyncAt).not.toBeNull();
    const status = await hr.query<{ provider: string; read: { failingSince: string | null; problem: { code: string } | null } }>('hr.calendars.status', { interviewerId: id });
    expect(status).toMatchObject({ provider: 'google', read: { failingSince: expect.any(String), problem: { code: 'AUTH' } } });

    const starts = await slotsOf(token);
    expect(overlapping(starts, busy, busy + HOUR)).toEqual([]);
    const chosen = wholeHourAhead(9);
    expect(starts).toContain(chosen);
    await portal.api.mutation('candidate.book', { token, start: new Date(chosen).toISOString() });
    await eventually(async () => ((await portal.api.query<{ status: string }>('candidate.view', { token })).status === 'SCHEDULED' ? true : undefined), 60_000, 'the booking');
  });

  it('in a storm of 429s no request goes out before Retry-After, the waits double, and the busy time counts once it is over', async () => {
    const { id, email } = await googleInterviewer('storm');
    const { token } = await candidateFor(id, 'Storm');
    const busy = wholeHourAhead(8);
    await google.fault(email, { status: 429, count: 3, retryAfterSeconds: 2 });
    const since = Date.now();
    const meeting = await google.addEvent(email, { summary: 'Storm meeting', start: new Date(busy), end: new Date(busy + HOUR) });
    // The calendar keeps changing meanwhile (a push every half second), and the portal still waits.
    const pushes = setInterval(() => void google.renameEvent(email, meeting.id, `Storm meeting ${Date.now()}`).catch(() => undefined), 500);
    try {
      await eventually(closed(token, busy), 90_000, 'the busy time once the storm is over');
    } finally {
      clearInterval(pushes);
    }
    const reads = (await google.callsFor(email)).filter((c) => c.method === 'GET' && Date.parse(c.at) >= since);
    const limited = reads.filter((c) => c.status === 429).map((c) => Date.parse(c.at));
    const answered = reads.find((c) => c.status === 200 && Date.parse(c.at) > (limited.at(-1) ?? Infinity));
    expect(limited).toHaveLength(3);
    const gaps = [...limited.slice(1), Date.parse(answered?.at ?? '')].map((at, i) => at - (limited[i] ?? 0));
    console.log(`[google-calendar] 429 storm: reads ${gaps.map((ms) => `${ms} ms`).join(', ')} after each refusal`);
    expect(gaps[0]).toBeGreaterThanOrEqual(2_000);
    expect(gaps[1]).toBeGreaterThanOrEqual(4_000);
    expect(gaps[2]).toBeGreaterThanOrEqual(8_000);
    expect(await calendarOf(id)).toMatchObject({ status: 'ok', problem: null });
  });
});
