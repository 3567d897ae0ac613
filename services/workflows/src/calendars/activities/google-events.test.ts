import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/activity';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { sealOrganisationSecret } from '@portal/calendar/credentials';
import { createGoogleClients, parseServiceAccountKey } from '@portal/calendar/google-provider';
import type { Database } from '@portal/db';
import { openTestDatabase, sampleInterview } from '@portal/db/testing';
import { deleteCalendarEvents } from '@portal/privacy/calendar-events';
import { STAND_IN_ADMIN_TOKEN } from '@portal/devstack/google-calendar-stand-in';
import { testGoogleCalendar } from '@portal/devstack/testing';
import { sampleFacts } from '@portal/shared/testing/email-facts';
import type { CalendarEventRequest } from '../activities-api';
import type { CalendarDeps } from './calendar-access';
import { createCalendarEvents } from './calendar-events';
import { testCalendarDeps } from './calendar-testing';

const HOUR = 3_600_000;
const quiet = { logger: new DefaultLogger('ERROR', () => undefined) };
const inActivity = <R>(fn: (request: CalendarEventRequest) => Promise<R>, request: CalendarEventRequest, attempt = 1): Promise<R> =>
  new MockActivityEnvironment({ attempt }, quiet).run(fn, request) as Promise<R>;

let db: Database;
let calendar: CalendarDeps;
const google = testGoogleCalendar();
const origin = new URL(google.apiUrl).origin;

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path.startsWith('/_stand-in') ? `${origin}${path}` : new URL(`calendar/v3${path}`, google.apiUrl), {
    method,
    headers: { authorization: `Bearer ${STAND_IN_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`stand-in ${method} ${path}: ${response.status}`);
  return (response.status === 204 ? null : await response.json()) as T;
}

interface StandInEvent {
  id: string;
  status: string;
  start: { dateTime: string };
  summary: string;
  description?: string;
  location?: string;
  organizer: { email: string };
  attendees?: { email: string; displayName?: string; responseStatus: string }[];
}
const eventsOf = async (email: string, uid: string) =>
  (await admin<{ items?: StandInEvent[] }>('GET', `/calendars/${encodeURIComponent(email)}/events?iCalUID=${encodeURIComponent(uid)}&showDeleted=true`)).items ?? [];

async function googleInterviewer(name: string): Promise<{ id: string; email: string }> {
  const id = `${name}-${randomUUID().slice(0, 8)}`;
  const email = `${id}@example.test`;
  await db.calendarConnections.create({ _id: id, provider: 'google', grant: 'organisation', calendarId: email, connectedBy: 'test', updatedAt: new Date() });
  return { id, email };
}

function request(action: 'put' | 'delete', member: { id: string; email: string }, interviewId: string, sequence: number, startAt: number): CalendarEventRequest {
  const facts = sampleFacts({
    interviewId,
    start: new Date(startAt).toISOString(),
    end: new Date(startAt + HOUR).toISOString(),
    meetingUrl: 'https://meet.example.test/room-7',
    recipient: { name: 'Grace Google', email: member.email, timezone: 'Europe/London' },
    panel: [{ name: 'Grace Google', email: member.email }, { name: 'Alan Other', email: 'alan@example.test' }],
  });
  return { action, interviewId, interviewerId: member.id, sequence, facts };
}

beforeAll(async () => {
  db = await openTestDatabase('google_calendar_events');
  const account = parseServiceAccountKey(google.serviceAccountKey);
  const endpoints = { rootUrl: google.apiUrl, tokenUrl: google.tokenUrl, timeoutMs: 2_000 };
  calendar = { ...testCalendarDeps, google: createGoogleClients(endpoints), googleClaimCheck: createGoogleClients(endpoints) };
  await db.organisationCalendars.create({
    _id: 'google', account: account.clientEmail, source: 'env', connectedBy: 'test', updatedAt: new Date(),
    secret: sealOrganisationSecret(calendar.key, account.privateKey, { provider: 'google', account: account.clientEmail }),
  });
});

afterAll(async () => {
  await db?.close();
});

describe("the interview's event in a Google calendar, through the provider interface", () => {
  it('is put under the portal’s iCalUID from the hiring team with the panel, the link and the candidate named as the .ics does; moved in place; deleted once', async () => {
    const grace = await googleInterviewer('grace');
    const interviewId = `int-${randomUUID().slice(0, 8)}`;
    await db.interviews.create(sampleInterview(interviewId));
    const uid = `${interviewId}@interview-portal`;
    const { writeCalendarEvent } = createCalendarEvents({ db, calendar });
    const start = Math.ceil((Date.now() + 50 * HOUR) / HOUR) * HOUR;

    expect(await inActivity(writeCalendarEvent, request('put', grace, interviewId, 1, start))).toBe('created');
    expect(await inActivity(writeCalendarEvent, request('put', grace, interviewId, 1, start))).toBe('updated');
    const [created] = await eventsOf(grace.email, uid);
    expect(created).toMatchObject({
      status: 'confirmed',
      start: { dateTime: new Date(start).toISOString() },
      summary: 'Technical interview: Backend Engineer',
      location: 'https://meet.example.test/room-7',
      organizer: { email: 'hr@example.test' },
      attendees: [expect.objectContaining({ email: grace.email, displayName: 'Grace Google', responseStatus: 'needsAction' }), expect.objectContaining({ email: 'alan@example.test' })],
    });
    expect(created?.description).toContain('Ada Lovelace');
    expect(created?.description).toContain('https://meet.example.test/room-7');
    expect(JSON.stringify(created)).not.toContain('ada@example.test');

    expect(await inActivity(writeCalendarEvent, request('put', grace, interviewId, 2, start + 2 * HOUR))).toBe('updated');
    expect(await inActivity(writeCalendarEvent, request('put', grace, interviewId, 1, start))).toBe('a newer version is there');
    const moved = await eventsOf(grace.email, uid);
    expect(moved.map((e) => [e.id, e.start.dateTime])).toEqual([[created?.id, new Date(start + 2 * HOUR).toISOString()]]);

    expect(await inActivity(writeCalendarEvent, request('delete', grace, interviewId, 3, start))).toBe('deleted');
    expect(await inActivity(writeCalendarEvent, request('delete', grace, interviewId, 3, start))).toBe('already absent');
    expect((await eventsOf(grace.email, uid)).map((e) => e.status)).toEqual(['cancelled']);
    expect(await db.calendarWriteStatus.findById(grace.id).lean()).toMatchObject({ failingSince: null, problem: null, lastWrittenAt: expect.any(Date) });
  });

  it('asked to slow down, the write is tried again no sooner than Retry-After and a doubling wait; HR sees RATE_LIMITED meanwhile', async () => {
    const rita = await googleInterviewer('rita');
    const interviewId = `int-${randomUUID().slice(0, 8)}`;
    const { writeCalendarEvent } = createCalendarEvents({ db, calendar });
    const start = Math.ceil((Date.now() + 60 * HOUR) / HOUR) * HOUR;
    await admin('POST', '/_stand-in/faults', { status: 429, count: 2, retryAfterSeconds: 3, calendarId: rita.email, spareAdmin: true });
    const first = await inActivity(writeCalendarEvent, request('put', rita, interviewId, 1, start), 1).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(ApplicationFailure);
    expect(first).toMatchObject({ type: 'CALENDAR_RATE_LIMITED', nonRetryable: false, nextRetryDelay: 3_000 });
    expect(await db.calendarWriteStatus.findById(rita.id).lean()).toMatchObject({ problem: { code: 'RATE_LIMITED' }, interviewId, failingSince: expect.any(Date) });
    // The fourth failure in a row waits 16 s, longer than the 3 s asked.
    const fourth = await inActivity(writeCalendarEvent, request('put', rita, interviewId, 1, start), 4).catch((e: unknown) => e);
    expect(fourth).toMatchObject({ type: 'CALENDAR_RATE_LIMITED', nextRetryDelay: 16_000 });
    expect(await inActivity(writeCalendarEvent, request('put', rita, interviewId, 1, start), 5)).toBe('created');
    expect(await eventsOf(rita.email, `${interviewId}@interview-portal`)).toHaveLength(1);
    expect(await db.calendarWriteStatus.findById(rita.id).lean()).toMatchObject({ problem: null, failingSince: null });
  });

  it('a revoked grant fails the write at once (not retried) and shows AUTH to HR; no organisation connection is NOT_SET_UP', async () => {
    const rob = await googleInterviewer('rob');
    const interviewId = `int-${randomUUID().slice(0, 8)}`;
    const { writeCalendarEvent } = createCalendarEvents({ db, calendar });
    const start = Math.ceil((Date.now() + 70 * HOUR) / HOUR) * HOUR;
    expect(await inActivity(writeCalendarEvent, request('put', rob, interviewId, 1, start))).toBe('created');
    await admin('POST', '/_stand-in/revocations', { email: rob.email });
    const revoked = await inActivity(writeCalendarEvent, request('delete', rob, interviewId, 2, start)).catch((e: unknown) => e);
    expect(revoked).toMatchObject({ type: 'CALENDAR_AUTH', nonRetryable: true });
    expect(await db.calendarWriteStatus.findById(rob.id).lean()).toMatchObject({ problem: { code: 'AUTH' }, interviewId });
    await admin('DELETE', `/_stand-in/revocations/${encodeURIComponent(rob.email)}`);
    expect(await inActivity(writeCalendarEvent, request('delete', rob, interviewId, 2, start))).toBe('deleted');

    const none = createCalendarEvents({ db, calendar: { ...calendar, google: undefined } });
    const notSetUp = await inActivity(none.writeCalendarEvent, request('put', rob, interviewId, 3, start)).catch((e: unknown) => e);
    expect(notSetUp).toMatchObject({ type: 'CALENDAR_NOT_SET_UP', nonRetryable: true });
  });

  it('erasure deletes the event of a lifecycle that had ended from the member’s Google calendar', async () => {
    const ern = await googleInterviewer('ern');
    const interviewId = `int-${randomUUID().slice(0, 8)}`;
    const interview = { ...sampleInterview(interviewId), interviewerIds: [ern.id] };
    const { writeCalendarEvent } = createCalendarEvents({ db, calendar });
    expect(await inActivity(writeCalendarEvent, request('put', ern, interviewId, 4, Math.ceil((Date.now() + 80 * HOUR) / HOUR) * HOUR))).toBe('created');
    await deleteCalendarEvents(db, calendar, interview);
    expect((await eventsOf(ern.email, `${interviewId}@interview-portal`)).map((e) => e.status)).toEqual(['cancelled']);
    await deleteCalendarEvents(db, calendar, interview);
  });
});
