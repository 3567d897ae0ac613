import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { stripControlCharacters } from '@portal/shared/text';

export interface BusyInterval {
  start: Date;
  end: Date;
}

export interface BusyReading {
  busy: BusyInterval[];
  /** What was read but not counted, in words HR can act on (malformed object, no end, too many instances). */
  warnings: string[];
}

/** Per event: expansion steps (instances before the window count too), so a daily event since 1990 is still cheap. */
export const MAX_STEPS_PER_EVENT = 20_000;
/** Per event: instances kept inside the window. */
export const MAX_INSTANCES_PER_EVENT = 2_000;

interface Window {
  from: Date;
  to: Date;
  /** IANA zone for floating times and all-day dates: the interviewer's own. */
  zone: string;
}

/** ical.js forgets a TZID it has no VTIMEZONE for; the property still names it. */
function declaredTzid(vevent: ICAL.Component, name: 'dtstart' | 'dtend'): string | undefined {
  const value = vevent.getFirstProperty(name)?.getParameter('tzid');
  return typeof value === 'string' ? value : undefined;
}

const DAY_MS = 24 * 3_600_000;

/**
 * The instant an iCalendar time stands for. UTC and zones the object defines (VTIMEZONE) are
 * converted by ical.js; floating times and dates are wall times in the interviewer's zone; a
 * TZID without a VTIMEZONE is taken as an IANA name when it is one, else as floating.
 */
function instantOf(time: ICAL.Time, zone: string, declaredTzid?: string): number {
  const known = time.zone?.tzid;
  const tzid = known && known !== 'floating' ? known : declaredTzid;
  if (tzid === 'UTC' || tzid === 'Z') return time.toUnixTime() * 1000;
  if (!time.isDate && tzid && tzid !== 'floating' && ICAL.TimezoneService.has(tzid)) return time.toUnixTime() * 1000;
  const wallZone = !time.isDate && tzid && tzid !== 'floating' && DateTime.local().setZone(tzid).isValid ? tzid : zone;
  const wall = { year: time.year, month: time.month, day: time.day, hour: time.isDate ? 0 : time.hour, minute: time.isDate ? 0 : time.minute, second: time.isDate ? 0 : time.second };
  return DateTime.fromObject(wall, { zone: wallZone }).toMillis();
}

function registerTimezones(root: ICAL.Component): void {
  for (const vtimezone of root.getAllSubcomponents('vtimezone')) {
    const tzid = vtimezone.getFirstPropertyValue('tzid');
    if (typeof tzid === 'string' && !ICAL.TimezoneService.has(tzid)) ICAL.TimezoneService.register(vtimezone);
  }
}

/** Free time by the event's own word: transparent or cancelled events block nothing. */
function blocks(vevent: ICAL.Component): boolean {
  const transp = String(vevent.getFirstPropertyValue('transp') ?? 'OPAQUE').toUpperCase();
  const status = String(vevent.getFirstPropertyValue('status') ?? '').toUpperCase();
  return transp !== 'TRANSPARENT' && status !== 'CANCELLED';
}

function span(vevent: ICAL.Component, start: ICAL.Time, end: ICAL.Time | null, window: Window): BusyInterval | null {
  const startTzid = declaredTzid(vevent, 'dtstart');
  const startMs = instantOf(start, window.zone, startTzid);
  // No DTEND/DURATION: a date lasts the day, a date-time ends where it starts (RFC 5545 §3.6.1).
  const endMs = end ? instantOf(end, window.zone, declaredTzid(vevent, 'dtend') ?? startTzid) : start.isDate ? startMs + DAY_MS : startMs;
  if (!(endMs > startMs) || endMs <= window.from.getTime() || startMs >= window.to.getTime()) return null;
  return { start: new Date(startMs), end: new Date(endMs) };
}

function hasEnd(vevent: ICAL.Component): boolean {
  return vevent.hasProperty('dtend') || vevent.hasProperty('duration');
}

function expand(event: ICAL.Event, window: Window, warnings: string[]): BusyInterval[] {
  const found: BusyInterval[] = [];
  const iterator = event.iterator();
  const until = window.to.getTime();
  for (let steps = 0; ; steps += 1) {
    if (steps >= MAX_STEPS_PER_EVENT || found.length >= MAX_INSTANCES_PER_EVENT) {
      warnings.push(`"${event.summary ?? event.uid}" repeats more often than ${found.length >= MAX_INSTANCES_PER_EVENT ? MAX_INSTANCES_PER_EVENT : MAX_STEPS_PER_EVENT} times; later instances are not counted`);
      break;
    }
    const next = iterator.next();
    if (!next || instantOf(next, window.zone, declaredTzid(event.component, 'dtstart')) >= until) break;
    const details = event.getOccurrenceDetails(next);
    const item = details.item.component;
    if (!blocks(item)) continue;
    const interval = span(item, details.startDate, hasEnd(item) || details.startDate.isDate ? details.endDate : null, window);
    if (interval) found.push(interval);
  }
  return found;
}

/** The busy intervals in [from, to) of one calendar object resource (one UID: a master and its exceptions). */
function readObject(text: string, window: Window, warnings: string[]): BusyInterval[] {
  const root = new ICAL.Component(ICAL.parse(text));
  registerTimezones(root);
  const vevents = root.getAllSubcomponents('vevent');
  const exceptions = vevents.filter((v) => v.hasProperty('recurrence-id'));
  const found: BusyInterval[] = [];
  for (const vevent of vevents.filter((v) => !v.hasProperty('recurrence-id'))) {
    const event = new ICAL.Event(vevent, { strictExceptions: true, exceptions });
    if (!vevent.hasProperty('dtstart')) {
      warnings.push(`"${event.summary ?? event.uid}" has no start and is not counted`);
      continue;
    }
    if (!hasEnd(vevent) && !event.startDate.isDate) warnings.push(`"${event.summary ?? event.uid}" has no end and blocks no time`);
    if (event.isRecurring()) {
      found.push(...expand(event, window, warnings));
    } else if (blocks(vevent)) {
      const interval = span(vevent, event.startDate, hasEnd(vevent) || event.startDate.isDate ? event.endDate : null, window);
      if (interval) found.push(interval);
    }
  }
  return found;
}

/**
 * Busy time in [from, to) from a calendar's objects (iCalendar text each), recurrences expanded
 * with ical.js and capped. An object that does not parse is skipped with a warning, never thrown:
 * one bad event must not hide the rest of the calendar. Control characters are stripped first
 * (docs/adr/0012): what the warnings quote of an event is stored and shown to HR.
 */
export function busyFromCalendarObjects(objects: readonly string[], window: Window): BusyReading {
  const warnings: string[] = [];
  const busy: BusyInterval[] = [];
  for (const text of objects) {
    try {
      busy.push(...readObject(stripControlCharacters(text), window, warnings));
    } catch (error) {
      warnings.push(`an event could not be read (${error instanceof Error ? error.message : String(error)}) and is not counted`);
    }
  }
  busy.sort((a, b) => a.start.getTime() - b.start.getTime());
  return { busy, warnings: warnings.map(stripControlCharacters) };
}
