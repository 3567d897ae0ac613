import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { DateTime } from 'luxon';
import { dataDir } from './paths';
import type { Stack } from './stack/stack';
import { startRadicale } from './stack/start-radicale';

/** Development only, like HR_ADMIN_PASSWORD's default: the demo interviewer's app password on the local Radicale. */
export const DEMO_CALENDAR = { user: 'demo-grace', password: 'dev-calendar-password', zone: 'Europe/London' } as const;

/**
 * Radicale with the demo interviewer's two calendars ("work", read for busy times; "interviews",
 * where bookings go) and one busy event on the next weekday 10:00–11:00 London time, written
 * the way the interviewer's own calendar app would (a plain PUT, same UID every start), so the
 * candidate page shows that hour blocked. Answers the env the seed needs to connect it.
 */
export async function startDemoCalendar(port: number, stack: Stack, output: Writable): Promise<Record<string, string>> {
  const radicale = await startRadicale({
    dir: join(dataDir, 'radicale'),
    port,
    users: [{ name: DEMO_CALENDAR.user, password: DEMO_CALENDAR.password }],
    output,
    stack,
  });
  const home = `${radicale.url}${DEMO_CALENDAR.user}/`;
  const auth = { authorization: `Basic ${Buffer.from(`${DEMO_CALENDAR.user}:${DEMO_CALENDAR.password}`).toString('base64')}` };
  for (const name of ['work', 'interviews']) {
    // 201 the first time, 405 once it exists: both fine.
    await fetch(`${home}${name}/`, { method: 'MKCALENDAR', headers: auth });
  }
  let day = DateTime.now().setZone(DEMO_CALENDAR.zone).plus({ days: 1 }).startOf('day');
  while (day.weekday > 5) day = day.plus({ days: 1 });
  const stamp = (at: DateTime) => at.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");
  const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//portal demo//EN', 'BEGIN:VEVENT', 'UID:demo-busy-hour', `DTSTAMP:${stamp(DateTime.now())}`,
    `DTSTART:${stamp(day.set({ hour: 10 }))}`, `DTEND:${stamp(day.set({ hour: 11 }))}`, 'SUMMARY:Team sync (from the calendar)', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
  const put = await fetch(`${home}work/demo-busy-hour.ics`, { method: 'PUT', body: ics, headers: { ...auth, 'content-type': 'text/calendar' } });
  if (!put.ok) throw new Error(`could not write the demo busy event: HTTP ${put.status}`);
  return {
    DEMO_CALDAV_URL: radicale.url,
    DEMO_CALDAV_USER: DEMO_CALENDAR.user,
    DEMO_CALDAV_PASSWORD: DEMO_CALENDAR.password,
  };
}
