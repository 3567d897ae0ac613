import { Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTemporalAddress } from '@portal/devstack/testing';
import { startTestRadicale, type TestRadicale } from '@portal/devstack/test-radicale';
import { ApiError } from './support/api-client';
import { eventIcs, plainCalDav } from './support/caldav-reader';
import { alwaysAvailableInterviewer, eventually, inviteAndReadLink, signInAsAdmin, ASYNC_WAIT_MS } from './support/fixtures';
import { FAST_LIFECYCLE, startPortal, type PortalUnderTest } from './support/portal-under-test';
import { recordHistory } from './support/record-history';
import { portalTemporalClient } from './support/temporal-client';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const USER = { name: 'ana', password: 'ana-app-password' };
/** The sync interval here; busy times are at most this old plus one sync (a few CalDAV requests). */
const SYNC_SECONDS = 2;
const STALENESS_BOUND_MS = 15_000;

let radicale: TestRadicale;
let portal: PortalUnderTest;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
let temporal: Connection;
let calendarApp: ReturnType<typeof plainCalDav>;
let workCalendar: string;
let interviewsCalendar: string;
const run = Date.now();

interface Status {
  connected: boolean;
  read?: { lastSyncedAt: string | null; failingSince: string | null; problem: { code: string; message: string } | null; busyIntervals: number };
  write?: { lastWrittenAt: string | null; failingSince: string | null; problem: { code: string } | null };
}

beforeAll(async () => {
  radicale = await startTestRadicale([USER]);
  calendarApp = plainCalDav(radicale.url, USER.name, USER.password);
  workCalendar = await calendarApp.makeCalendar('work');
  interviewsCalendar = await calendarApp.makeCalendar('interviews');
  portal = await startPortal(import.meta.url, {
    ...FAST_LIFECYCLE,
    CALENDAR_SYNC_SECONDS: String(SYNC_SECONDS),
    CALENDAR_TIMEOUT_MS: '2000',
    CALENDAR_CLAIM_CHECK_MS: '1000',
  });
  hr = await signInAsAdmin(portal.api);
  temporal = await Connection.connect({ address: testTemporalAddress() });
});

afterAll(async () => {
  await temporal?.close();
  await portal?.stop();
  await radicale?.close();
});

const refusal = (call: Promise<unknown>) => call.then(() => { throw new Error('expected a refusal'); }, (error: unknown) => {
  if (!(error instanceof ApiError)) throw error;
  return error;
});

const status = (interviewerId: string) => hr.query<Status>('hr.calendars.status', { interviewerId });

async function connectedInterviewer(label: string): Promise<string> {
  const { id } = await alwaysAvailableInterviewer(hr, `${label} ${run}`);
  await hr.mutation('hr.calendars.connect', {
    interviewerId: id, serverUrl: radicale.url, username: USER.name, password: USER.password,
    readCalendarUrl: workCalendar, writeCalendarUrl: interviewsCalendar,
  });
  await eventually(async () => ((await status(id)).read?.lastSyncedAt ? true : undefined), STALENESS_BOUND_MS, 'first sync');
  return id;
}

async function candidateFor(interviewerId: string, label: string) {
  return inviteAndReadLink(hr, portal.sinkUrl, { name: `${label} Candidate`, email: `${label.toLowerCase()}.${run}@example.test` }, [interviewerId]);
}

const slotsOf = async (token: string) => (await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token })).slots.map((s) => Date.parse(s.start));
const overlapping = (starts: number[], from: number, to: number, duration = HOUR) => starts.filter((s) => s < to && s + duration > from);
/** A whole UTC hour at least `leadHours` ahead. */
const wholeHourAhead = (leadHours: number) => Math.ceil((Date.now() + leadHours * HOUR) / HOUR) * HOUR;

describe('connecting a calendar', () => {
  it('a wrong app password, or a calendar that is not in the account, is refused with a clear message and nothing is connected', async () => {
    const { id } = await alwaysAvailableInterviewer(hr, `Wrong Password ${run}`);
    const tested = await refusal(hr.mutation('hr.calendars.test', { interviewerId: id, serverUrl: radicale.url, username: USER.name, password: 'not-it' }));
    expect(tested.domainCode).toBe('CALENDAR_REFUSED');
    expect(tested.message).toMatch(/refused the user name or app password/);
    const base = { interviewerId: id, serverUrl: radicale.url, username: USER.name, writeCalendarUrl: interviewsCalendar };
    const wrong = await refusal(hr.mutation('hr.calendars.connect', { ...base, password: 'not-it', readCalendarUrl: workCalendar }));
    expect(wrong.domainCode).toBe('CALENDAR_REFUSED');
    const missing = await refusal(hr.mutation('hr.calendars.connect', { ...base, password: USER.password, readCalendarUrl: `${calendarApp.home}gone/` }));
    expect(missing.message).toMatch(/No calendar at/);
    // Nothing connected; where no portal OAuth client is set, no own grant is offered either.
    expect(await status(id)).toEqual({ connected: false, provider: 'none', ownGrants: { google: false, microsoft: false } });
  });

  it('the test lists the calendars and the status never shows the password', async () => {
    const id = await connectedInterviewer('Listed');
    const { calendars } = await hr.mutation<{ calendars: { url: string; name: string }[] }>('hr.calendars.test', {
      interviewerId: id, serverUrl: radicale.url, username: USER.name,
    });
    expect(calendars.map((c) => c.name).sort()).toEqual(['interviews', 'work']);
    expect(JSON.stringify(await status(id))).not.toContain(USER.password);
  });
});

describe('busy times in', () => {
  it('an event created in the calendar by another client removes the overlapping slots within the staleness bound', async () => {
    const id = await connectedInterviewer('Busy');
    const { token } = await candidateFor(id, 'Busy');
    const start = wholeHourAhead(5);
    expect(overlapping(await slotsOf(token), start, start + HOUR).length).toBeGreaterThan(0);
    await calendarApp.putEvent(workCalendar, `busy-${run}`, eventIcs(`busy-${run}`, new Date(start), new Date(start + HOUR)));
    await eventually(async () => (overlapping(await slotsOf(token), start, start + HOUR).length === 0 ? true : undefined), STALENESS_BOUND_MS, 'slots to close');
    // The hour after the meeting stays bookable.
    expect(await slotsOf(token)).toContain(start + HOUR);
  });

  it('a recurring weekly event blocks every instance in the horizon', async () => {
    const id = await connectedInterviewer('Weekly');
    const { token } = await candidateFor(id, 'Weekly');
    const first = wholeHourAhead(30);
    await calendarApp.putEvent(workCalendar, `weekly-${run}`, eventIcs(`weekly-${run}`, new Date(first), new Date(first + HOUR), ['RRULE:FREQ=WEEKLY']));
    const instances = [0, 1, 2].map((week) => first + week * 7 * DAY);
    await eventually(async () => {
      const starts = await slotsOf(token);
      return instances.every((at) => overlapping(starts, at, at + HOUR).length === 0) ? true : undefined;
    }, STALENESS_BOUND_MS, 'every weekly instance to close');
    const starts = await slotsOf(token);
    for (const at of instances) expect(starts).toContain(at + HOUR);
  });
});

describe('booked interviews out', () => {
  it("booking, moving and cancelling put, update and delete the event in the interviewer's calendar", async () => {
    const id = await connectedInterviewer('Events');
    const { token, interviewId } = await candidateFor(id, 'Events');
    const uid = `${interviewId}@interview-portal`;
    const eventNow = async () => (await calendarApp.events(interviewsCalendar)).find((e) => e.uid === uid);
    const first = wholeHourAhead(50);
    await portal.api.mutation('candidate.book', { token, start: new Date(first).toISOString() });
    const booked = await eventually(async () => eventNow(), ASYNC_WAIT_MS, 'event put');
    expect(booked).toMatchObject({ start: new Date(first).toISOString(), end: new Date(first + HOUR).toISOString(), hasMethod: false });

    const second = first + 2 * HOUR;
    await portal.api.mutation('candidate.reschedule', { token, start: new Date(second).toISOString() });
    const moved = await eventually(async () => {
      const event = await eventNow();
      return event?.start === new Date(second).toISOString() ? event : undefined;
    }, ASYNC_WAIT_MS, 'event moved');
    expect(moved.sequence).toBeGreaterThan(booked.sequence);

    await portal.api.mutation('candidate.cancel', { token, reason: 'found another job' });
    await eventually(async () => ((await eventNow()) === undefined ? true : undefined), ASYNC_WAIT_MS, 'event deleted');
    await recordHistory(interviewId, 'calendar-events');
    expect((await status(id)).write).toMatchObject({ failingSince: null, problem: null });
  });

  it('an interviewer with no calendar connected gets no calendar write: the lifecycle schedules none, only its email', async () => {
    const { id } = await alwaysAvailableInterviewer(hr, `Uncalendared ${run}`);
    const { token, interviewId } = await candidateFor(id, 'Uncalendared');
    await portal.api.mutation('candidate.book', { token, start: new Date(wholeHourAhead(30)).toISOString() });
    await portal.api.mutation('candidate.cancel', { token, reason: 'found another job' });
    const handle = portalTemporalClient(temporal).workflow.getHandle(`interview-${interviewId}`);
    const scheduled = await eventually(async () => {
      const names = ((await handle.fetchHistory()).events ?? []).map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name);
      // The cancellation email to the interviewer is the last thing the cancel schedules.
      return names.filter((name) => name === 'sendEmail').length >= 5 ? names : undefined;
    }, ASYNC_WAIT_MS, 'the cancel\'s email');
    expect(scheduled).not.toContain('writeCalendarEvent');
    // Booked with no calendar write, cancelled with its change persisted by a local activity.
    await recordHistory(interviewId, 'local-lifecycle-steps');
  });

  it('with the calendar server stopped, booking still succeeds, HR sees it failing, and the event appears once it is back', async () => {
    const id = await connectedInterviewer('Outage');
    const { token, interviewId } = await candidateFor(id, 'Outage');
    const start = wholeHourAhead(70);
    await radicale.stop();
    try {
      await portal.api.mutation('candidate.book', { token, start: new Date(start).toISOString() });
      const view = await portal.api.query<{ status: string }>('candidate.view', { token });
      expect(view.status).toBe('SCHEDULED');
      const failing = await eventually(async () => {
        const read = (await status(id)).read;
        return read?.failingSince ? read : undefined;
      }, STALENESS_BOUND_MS, 'HR to see the calendar failing');
      expect(failing.problem?.code).toBe('UNREACHABLE');
    } finally {
      await radicale.start();
    }
    const uid = `${interviewId}@interview-portal`;
    const event = await eventually(async () => (await calendarApp.events(interviewsCalendar)).find((e) => e.uid === uid), 60_000, 'event after the outage');
    expect(event.start).toBe(new Date(start).toISOString());
    await eventually(async () => ((await status(id)).read?.failingSince === null ? true : undefined), STALENESS_BOUND_MS, 'sync to recover');
  });
});
