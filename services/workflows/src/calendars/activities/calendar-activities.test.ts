import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { startTestRadicale, type TestRadicale } from '@portal/devstack/test-radicale';
import type { Database } from '@portal/db';
import { unpackBusy } from '@portal/db/calendar-busy';
import { openTestDatabase, sampleInterview } from '@portal/db/testing';
import { sampleFacts } from '@portal/shared/testing/email-facts';
import { translatorFor } from '@portal/shared/i18n/server-translator';
import { capitalized } from '@portal/shared/i18n/translator';
import { createCalendarEvents } from './calendar-events';
import { createCalendarSync } from '../../calendar-sync/activities/calendar-sync';
import { connectTestCalendar, countingProxy, testCalendarDeps } from './calendar-testing';
import { createSlotClaims } from '../../claims/activities/claim-slot';

const HOUR = 3_600_000;
const USER = { name: 'bo', password: 'bo-app-password' };
const quiet = { logger: new DefaultLogger('ERROR', () => undefined) };
const inActivity = <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A): Promise<R> => new MockActivityEnvironment({}, quiet).run(fn, ...args) as Promise<R>;

let db: Database;
let radicale: TestRadicale;
let proxy: Awaited<ReturnType<typeof countingProxy>>;
let calendarPath: string;
const deps = () => ({ db, calendar: testCalendarDeps });

async function caldav(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const auth = `Basic ${Buffer.from(`${USER.name}:${USER.password}`).toString('base64')}`;
  const response = await fetch(new URL(path, radicale.url), { method, body, headers: { authorization: auth, ...headers } });
  return { status: response.status, text: await response.text() };
}

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
async function meeting(name: string, start: number, end: number) {
  const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//EN', 'BEGIN:VEVENT', `UID:${name}`, 'DTSTAMP:20260101T000000Z',
    `DTSTART:${stamp(start)}`, `DTEND:${stamp(end)}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
  expect((await caldav('PUT', `${calendarPath}${name}.ics`, ics, { 'content-type': 'text/calendar' })).status).toBeLessThan(300);
}

async function interviewer(id: string, serverUrl: string, password = USER.password) {
  await db.interviewers.create({
    _id: id, name: id, email: `${id}@example.test`, timezone: 'UTC',
    weekly: ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, ranges: [{ start: '00:00', end: '24:00' }] })),
    overrides: [], timeOff: [], bufferBeforeMinutes: 0, bufferAfterMinutes: 0, maxPerDay: 8, active: true, updatedAt: new Date(),
  });
  await connectTestCalendar(db, id, { serverUrl, username: USER.name, password, calendarUrl: new URL(calendarPath, serverUrl).toString() });
}

beforeAll(async () => {
  db = await openTestDatabase('calendar_activities');
  radicale = await startTestRadicale([USER]);
  proxy = await countingProxy(radicale.url);
  calendarPath = `/${USER.name}/busy/`;
  expect((await caldav('MKCALENDAR', calendarPath)).status).toBe(201);
});

afterAll(async () => {
  await proxy?.close();
  await radicale?.close();
  await db?.close();
});

describe('calendar sync', () => {
  it('an unchanged calendar costs one request per sync; a changed one is read again', async () => {
    await interviewer('sync-1', proxy.url);
    const { syncCalendars } = createCalendarSync(deps());
    const start = Math.ceil((Date.now() + 3 * HOUR) / HOUR) * HOUR;
    await meeting('first', start, start + HOUR);
    expect(await inActivity(syncCalendars)).toMatchObject({ read: 1 });
    proxy.reset();
    expect(await inActivity(syncCalendars)).toMatchObject({ unchanged: 1 });
    expect(proxy.requests()).toBe(1);
    await meeting('second', start + 2 * HOUR, start + 3 * HOUR);
    expect(await inActivity(syncCalendars)).toMatchObject({ read: 1 });
    const busy = unpackBusy((await db.calendarBusy.findById('sync-1').lean())?.busy ?? '').map((b) => b.start.getTime());
    expect(busy).toEqual([start, start + 2 * HOUR]);
  });

  it("two syncs at once (a push's beside the schedule's) ask a refusing calendar once: the second waits its turn and keeps the first's wait", async () => {
    // A database of its own: the only connected calendar is this one.
    const own = await openTestDatabase('calendar_sync_overlap');
    try {
      await own.interviewers.create({
        _id: 'overlap', name: 'overlap', email: 'overlap@example.test', timezone: 'UTC',
        weekly: [], overrides: [], timeOff: [], bufferBeforeMinutes: 0, bufferAfterMinutes: 0, maxPerDay: 8, active: true, updatedAt: new Date(),
      });
      await connectTestCalendar(own, 'overlap', { serverUrl: proxy.url, username: USER.name, password: USER.password, calendarUrl: new URL(calendarPath, proxy.url).toString() });
      const { syncCalendars } = createCalendarSync({ db: own, calendar: testCalendarDeps });
      expect(await inActivity(syncCalendars)).toMatchObject({ failing: 0 });
      proxy.set('refuse');
      proxy.reset();
      const both = await Promise.all([inActivity(syncCalendars), inActivity(syncCalendars)]);
      expect(both.map((summary) => summary.failing)).toEqual([1, 1]);
      expect(proxy.requests()).toBe(1);
      expect(await own.calendarBusy.findById('overlap').lean()).toMatchObject({ problem: { code: 'AUTH' }, retryAt: expect.any(Date) });
    } finally {
      proxy.set('pass');
      await own.close();
    }
  });

  it('a calendar that cannot be reached keeps its last busy times and says since when', async () => {
    const { syncCalendars } = createCalendarSync(deps());
    proxy.set('down');
    try {
      await inActivity(syncCalendars);
      const first = await db.calendarBusy.findById('sync-1').lean();
      await inActivity(syncCalendars);
      const second = await db.calendarBusy.findById('sync-1').lean();
      expect(second?.problem?.code).toBe('UNREACHABLE');
      expect(unpackBusy(second?.busy ?? '')).toHaveLength(2);
      expect(second?.failingSince).toEqual(first?.failingSince);
    } finally {
      proxy.set('pass');
    }
    await inActivity(syncCalendars);
    expect(await db.calendarBusy.findById('sync-1').lean()).toMatchObject({ failingSince: null, problem: null });
  });

  it('a server address changed in the database (not by HR) does not get the password: the sync reports SECRET and sends nothing', async () => {
    const received: (string | undefined)[] = [];
    const elsewhere = createServer((request, response) => {
      received.push(request.headers.authorization);
      response.writeHead(401).end();
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    try {
      const moved = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/`;
      await interviewer('sync-moved', radicale.url);
      const calendarUrl = new URL(calendarPath, moved).toString();
      await db.calendarConnections.updateOne({ _id: 'sync-moved' }, { $set: { serverUrl: moved, readCalendarUrl: calendarUrl, writeCalendarUrl: calendarUrl } });
      await inActivity(createCalendarSync(deps()).syncCalendars);
      expect((await db.calendarBusy.findById('sync-moved').lean())?.problem?.code).toBe('SECRET');
      expect(received).toEqual([]);
    } finally {
      await new Promise((resolve) => elsewhere.close(resolve));
    }
  });

  it('a wrong app password gives HR an AUTH problem, not a crash', async () => {
    await interviewer('sync-wrong', radicale.url, 'not-the-password');
    await inActivity(createCalendarSync(deps()).syncCalendars);
    expect((await db.calendarBusy.findById('sync-wrong').lean())?.problem?.code).toBe('AUTH');
  });
});

describe('the claim re-checks the calendar', () => {
  const rules = { stepMinutes: 15, minNoticeMinutes: 0, horizonDays: 3 };

  it('a meeting added after the last sync is not double booked: the only interviewer is taken', async () => {
    await interviewer('claim-busy', radicale.url);
    await db.interviews.create(sampleInterview('claim-busy-1', { durationMinutes: 60, interviewerIds: ['claim-busy'] }));
    const start = Math.ceil((Date.now() + 30 * HOUR) / HOUR) * HOUR;
    await meeting('just-added', start, start + HOUR);
    const claim = inActivity(createSlotClaims(deps()).claimSlot, { interviewId: 'claim-busy-1', start: new Date(start).toISOString(), rules });
    await expect(claim).rejects.toMatchObject({ code: 'SLOT_TAKEN' });
  });

  it('a calendar server that hangs does not hold the claim up: it goes ahead on the cached busy times', async () => {
    const hanging = await countingProxy(radicale.url);
    hanging.set('hang');
    try {
      await interviewer('claim-hang', hanging.url);
      await db.interviews.create(sampleInterview('claim-hang-1', { durationMinutes: 60, interviewerIds: ['claim-hang'] }));
      const start = Math.ceil((Date.now() + 40 * HOUR) / HOUR) * HOUR;
      const began = Date.now();
      const slot = await inActivity(createSlotClaims(deps()).claimSlot, { interviewId: 'claim-hang-1', start: new Date(start).toISOString(), rules });
      expect(slot.interviewerId).toBe('claim-hang');
      expect(hanging.requests()).toBe(1);
      expect(Date.now() - began).toBeLessThan(testCalendarDeps.timeoutMs);
    } finally {
      await hanging.close();
    }
  });
});

describe('writing the event', () => {
  it('an older write retried late never undoes a newer one; deletes are idempotent', async () => {
    await interviewer('writer', radicale.url);
    const { writeCalendarEvent } = createCalendarEvents(deps());
    const start = new Date(Math.ceil((Date.now() + 60 * HOUR) / HOUR) * HOUR);
    const facts = sampleFacts({ interviewId: 'write-1', start: start.toISOString(), end: new Date(start.getTime() + HOUR).toISOString() });
    const request = (action: 'put' | 'delete', sequence: number) => ({ action, interviewId: 'write-1', interviewerId: 'writer', sequence, facts });
    expect(await inActivity(writeCalendarEvent, request('put', 3))).toBe('created');
    expect(await inActivity(writeCalendarEvent, request('put', 3))).toBe('updated');
    expect(await inActivity(writeCalendarEvent, request('put', 2))).toBe('a newer version is there');
    expect(await inActivity(writeCalendarEvent, request('delete', 2))).toBe('a newer version is there');
    expect(await inActivity(writeCalendarEvent, request('delete', 4))).toBe('deleted');
    expect(await inActivity(writeCalendarEvent, request('delete', 4))).toBe('already absent');
    expect(await inActivity(writeCalendarEvent, { ...request('put', 1), interviewerId: 'nobody' })).toBe('no calendar connected');
  });

  it("the event written into an interviewer's calendar is in the interview's language, as the emailed copy is", async () => {
    await interviewer('writer-ja', radicale.url);
    await db.interviews.create({ ...sampleInterview('write-ja'), locale: 'ja', localeSource: 'hr', kind: 'technical' });
    const { writeCalendarEvent } = createCalendarEvents(deps());
    const start = new Date(Math.ceil((Date.now() + 80 * HOUR) / HOUR) * HOUR);
    const facts = sampleFacts({ interviewId: 'write-ja', start: start.toISOString(), end: new Date(start.getTime() + HOUR).toISOString() });
    expect(await inActivity(writeCalendarEvent, { action: 'put', interviewId: 'write-ja', interviewerId: 'writer-ja', sequence: 1, facts })).toBe('created');
    const stored = (await caldav('GET', `${calendarPath}write-ja%40interview-portal.ics`)).text.replace(/\r\n[ \t]/g, '');
    const ja = translatorFor('ja');
    expect(stored).toContain(`SUMMARY:${capitalized(ja('ics.summary', { kind: ja('kind.technical'), position: facts.position }), 'ja')}`);
    expect(stored).toContain(ja('ics.questions', { email: facts.hrEmail }));
  });
});
