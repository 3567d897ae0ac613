import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@portal/db';
import { readBusyTimes } from '@portal/db/busy-times';
import { readCalendarBusy } from '@portal/db/calendar-busy';
import { activeInterviewers } from '@portal/db/interviewers';
import { inviteAndReadLink, signInAsAdmin } from '@portal/system-tests/fixtures';
import { freePort } from '@portal/devstack/free-port';
import { startRadicale } from '@portal/devstack/radicale';
import { startBenchPortal } from './harness';
import { closedLoop, row, type Figures } from './measure';

/**
 * candidate.slots for a 20-interviewer pool, first with no calendars, then with every member's
 * calendar connected (a Radicale with ~100 meetings in the horizon plus a weekly one): listing
 * reads the busy times the sync keeps (`calendar_busy`), never CalDAV, so the cost should stay
 * beside the reads it makes (goal of the data layer: ≤ 1.5x its floor).
 */
const POOL = 20;
const CLIENTS = 50;
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 8) * 1000;
const MEETINGS = 100;
const DAY_MS = 24 * 3_600_000;
const ZONES = ['Europe/London', 'America/New_York', 'Asia/Kolkata', 'Europe/Berlin', 'America/Los_Angeles'];
const USER = { name: 'bench', password: 'bench-app-password' };

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const ics = (uid: string, start: number, minutes: number, extra: string[] = []) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//bench//EN', 'BEGIN:VEVENT', `UID:${uid}`, `DTSTAMP:${stamp(Date.now())}`,
    `DTSTART:${stamp(start)}`, `DTEND:${stamp(start + minutes * 60_000)}`, ...extra, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');

const dir = await mkdtemp(join(tmpdir(), 'bench-radicale-'));
const radicale = await startRadicale({ dir, port: await freePort(), users: [USER] });
const portal = await startBenchPortal('calendars', { CALENDAR_SYNC_SECONDS: '60' });
try {
  const auth = { authorization: `Basic ${Buffer.from(`${USER.name}:${USER.password}`).toString('base64')}` };
  const calendarUrl = `${radicale.url}${USER.name}/work/`;
  await fetch(calendarUrl, { method: 'MKCALENDAR', headers: auth });
  const base = Math.ceil(Date.now() / 3_600_000) * 3_600_000;
  for (let i = 0; i < MEETINGS; i += 1) {
    const start = base + Math.floor((i * 21 * DAY_MS) / MEETINGS) + (i % 8) * 3_600_000;
    await fetch(`${calendarUrl}m${i}.ics`, { method: 'PUT', body: ics(`m${i}`, start, 30 + (i % 3) * 15), headers: { ...auth, 'content-type': 'text/calendar' } });
  }
  await fetch(`${calendarUrl}weekly.ics`, { method: 'PUT', body: ics('weekly', base + DAY_MS, 60, ['RRULE:FREQ=WEEKLY']), headers: { ...auth, 'content-type': 'text/calendar' } });

  const hr = await signInAsAdmin(portal.api);
  const pool: string[] = [];
  for (let i = 0; i < POOL; i += 1) {
    const { id } = await hr.mutation<{ id: string }>('hr.interviewers.upsert', {
      name: `Bench Interviewer ${i}`, email: `bench.interviewer.${i}@example.test`, timezone: ZONES[i % ZONES.length],
      weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, ranges: [{ start: '09:00', end: '17:00' }] })),
      overrides: [], timeOff: [], bufferBeforeMinutes: 10, bufferAfterMinutes: 15, maxPerDay: 6, active: true,
    });
    pool.push(id);
  }
  const { token, interviewId } = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Bench Candidate', email: 'bench.candidate@example.test' }, pool);
  const db = await openDatabase(portal.mongoUrl);
  const listOnce = () => portal.api.query<{ slots: unknown[] }>('candidate.slots', { token });
  const floorReads = () =>
    Promise.all([
      db.interviews.findById(interviewId).lean(),
      activeInterviewers(db, pool),
      readBusyTimes(db, pool, new Date(), new Date(Date.now() + 22 * DAY_MS)),
      readCalendarBusy(db, pool, new Date(), new Date(Date.now() + 22 * DAY_MS)),
    ]);
  const measure = async (call: () => Promise<unknown>): Promise<Figures> => {
    await closedLoop(CLIENTS, 1_000, call);
    return closedLoop(CLIENTS, DURATION_MS, call);
  };

  const without = { slots: (await listOnce()).slots.length, api: await measure(listOnce), floor: await measure(floorReads) };
  for (const id of pool) {
    await hr.mutation('hr.calendars.connect', {
      interviewerId: id, serverUrl: radicale.url, username: USER.name, password: USER.password, readCalendarUrl: calendarUrl, writeCalendarUrl: calendarUrl,
    });
  }
  const started = Date.now();
  while ((await db.calendarBusy.countDocuments({ lastSyncedAt: { $ne: null } })) < POOL) {
    if (Date.now() - started > 120_000) throw new Error('the calendars were not synced within 2 minutes');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const busyPerMember = (await db.calendarBusy.findById(pool[0]).lean())?.busyCount ?? 0;
  const withCalendars = { slots: (await listOnce()).slots.length, api: await measure(listOnce), floor: await measure(floorReads) };
  await db.close();

  console.log(`candidate.slots: pool of ${POOL}, 21-day horizon, ${CLIENTS} clients, ${DURATION_MS / 1000} s each; ${busyPerMember} calendar busy periods per member`);
  console.log(`no calendars (${without.slots} slots)`);
  console.log(row('  candidate.slots', without.api));
  console.log(row('  floor: the reads listing makes', without.floor));
  console.log(`calendars connected, cached path (${withCalendars.slots} slots)`);
  console.log(row('  candidate.slots', withCalendars.api));
  console.log(row('  floor: the reads listing makes', withCalendars.floor));
  const ratio = (a: Figures, b: Figures) => (a.p50Ms / b.p50Ms).toFixed(2);
  console.log(`with calendars vs its floor: p50 ${ratio(withCalendars.api, withCalendars.floor)}x (goal ≤ 1.5x); with / without calendars: p50 ${ratio(withCalendars.api, without.api)}x`);
} finally {
  await portal.stop();
  await radicale.process.stop();
  await rm(dir, { recursive: true, force: true });
}
