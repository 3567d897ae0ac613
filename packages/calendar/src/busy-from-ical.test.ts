import { describe, expect, it } from 'vitest';
import { hasControlCharacters } from '@portal/shared/text';
import { busyFromCalendarObjects, MAX_INSTANCES_PER_EVENT } from './busy-from-ical';

const wrap = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n');
const event = (...lines: string[]) => wrap('BEGIN:VEVENT', 'UID:e1', 'DTSTAMP:20260101T000000Z', 'SUMMARY:Meeting', ...lines, 'END:VEVENT');
const window = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z'), zone: 'Europe/Berlin' };
const iso = (r: { busy: { start: Date; end: Date }[] }) => r.busy.map((b) => [b.start.toISOString(), b.end.toISOString()]);

describe('busy times read from a calendar', () => {
  it('a one-off meeting in UTC blocks exactly its hour', () => {
    expect(iso(busyFromCalendarObjects([event('DTSTART:20260310T090000Z', 'DTEND:20260310T100000Z')], window))).toEqual([
      ['2026-03-10T09:00:00.000Z', '2026-03-10T10:00:00.000Z'],
    ]);
  });

  it('a weekly meeting blocks every instance in the window, minus an EXDATE, with a moved exception', () => {
    const text = wrap(
      'BEGIN:VEVENT', 'UID:w', 'DTSTAMP:20260101T000000Z', 'DTSTART:20260302T090000Z', 'DTEND:20260302T093000Z',
      'RRULE:FREQ=WEEKLY', 'EXDATE:20260309T090000Z', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:w', 'DTSTAMP:20260101T000000Z', 'RECURRENCE-ID:20260316T090000Z', 'DTSTART:20260316T140000Z', 'DTEND:20260316T143000Z', 'END:VEVENT',
    );
    expect(iso(busyFromCalendarObjects([text], window)).map(([start]) => start)).toEqual([
      '2026-03-02T09:00:00.000Z', '2026-03-16T14:00:00.000Z', '2026-03-23T09:00:00.000Z', '2026-03-30T09:00:00.000Z',
    ]);
  });

  it('a time in a zone the object defines, and an IANA TZID it does not define, both land on the right instant', () => {
    const berlin = event('DTSTART;TZID=Europe/Berlin:20260310T100000', 'DTEND;TZID=Europe/Berlin:20260310T110000');
    expect(iso(busyFromCalendarObjects([berlin], window))).toEqual([['2026-03-10T09:00:00.000Z', '2026-03-10T10:00:00.000Z']]);
  });

  it("floating times and all-day dates are read in the interviewer's own zone", () => {
    const floating = event('DTSTART:20260310T100000', 'DTEND:20260310T110000');
    const allDay = event('DTSTART;VALUE=DATE:20260312', 'DTEND;VALUE=DATE:20260313');
    expect(iso(busyFromCalendarObjects([floating, allDay], window))).toEqual([
      ['2026-03-10T09:00:00.000Z', '2026-03-10T10:00:00.000Z'],
      ['2026-03-11T23:00:00.000Z', '2026-03-12T23:00:00.000Z'],
    ]);
  });

  it('an all-day date with no end lasts the day; a timed event with no end blocks nothing and says so', () => {
    const reading = busyFromCalendarObjects([event('DTSTART;VALUE=DATE:20260312'), event('DTSTART:20260310T090000Z')], window);
    expect(iso(reading)).toEqual([['2026-03-11T23:00:00.000Z', '2026-03-12T23:00:00.000Z']]);
    expect(reading.warnings).toEqual(['"Meeting" has no end and blocks no time']);
  });

  it('free (transparent) and cancelled events block nothing', () => {
    const free = event('DTSTART:20260310T090000Z', 'DTEND:20260310T100000Z', 'TRANSP:TRANSPARENT');
    const cancelled = event('DTSTART:20260311T090000Z', 'DTEND:20260311T100000Z', 'STATUS:CANCELLED');
    expect(busyFromCalendarObjects([free, cancelled], window).busy).toEqual([]);
  });

  it('malformed iCalendar is skipped with a warning and the other events still count', () => {
    const reading = busyFromCalendarObjects(['BEGIN:VCALENDAR\r\nthis is not ical', event('DTSTART:20260310T090000Z', 'DTEND:20260310T100000Z')], window);
    expect(reading.busy).toHaveLength(1);
    expect(reading.warnings[0]).toMatch(/could not be read/);
  });

  it('an event repeating every minute is capped, with a warning, instead of expanding without end', () => {
    const started = Date.now();
    const reading = busyFromCalendarObjects([event('DTSTART:20260301T000000Z', 'DTEND:20260301T000030Z', 'RRULE:FREQ=MINUTELY')], window);
    expect(reading.busy).toHaveLength(MAX_INSTANCES_PER_EVENT);
    expect(reading.warnings[0]).toMatch(/repeats more often/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('an event whose text holds NUL and other control characters still blocks its time, and its warning quotes it clean', () => {
    const text = wrap('BEGIN:VEVENT', 'UID:c\u0000tl', 'DTSTAMP:20260101T000000Z', 'SUMMARY:Stand\u0000-up\u001b', 'DTSTART:20260310T090000Z', 'END:VEVENT');
    const reading = busyFromCalendarObjects([text, event('DTSTART:20260311T090000Z', 'DTEND:20260311T100000Z')], window);
    expect(reading.warnings).toEqual(['"Stand-up" has no end and blocks no time']);
    expect(iso(reading)).toEqual([['2026-03-11T09:00:00.000Z', '2026-03-11T10:00:00.000Z']]);
    expect(hasControlCharacters(reading.warnings.join(''))).toBe(false);
  });
});
