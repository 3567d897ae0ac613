import { DateTime } from 'luxon';
import { DomainError } from '@portal/shared/errors';

function inZone(iso: string, zone: string): DateTime {
  const instant = DateTime.fromISO(iso, { zone, locale: 'en-GB' });
  if (!instant.isValid) throw new DomainError('BAD_INPUT', `Cannot show ${iso} in zone ${zone}: ${instant.invalidExplanation ?? instant.invalidReason}`);
  return instant;
}

/**
 * "(Europe/Berlin, GMT+1)": the IANA name the reader chose on the page (and can look up), plus the
 * short name or offset they recognise, so nobody has to guess which zone a time is in.
 */
export function zoneLabel(iso: string, zone: string): string {
  const short = inZone(iso, zone).setLocale('en-US').toFormat('ZZZZ');
  return short && short !== zone ? `(${zone}, ${short})` : `(${zone})`;
}

/** "Tuesday 3 March 2026, 14:00 (Europe/Berlin, GMT+1)". */
export function formatInstant(iso: string, zone: string): string {
  return `${inZone(iso, zone).toFormat('cccc d LLLL yyyy, HH:mm')} ${zoneLabel(iso, zone)}`;
}

/** "Tuesday 3 March 2026, 14:00–15:00 (Europe/Berlin, GMT+1)"; an end on another day keeps its date. */
export function formatWindow(startIso: string, endIso: string | undefined, zone: string): string {
  const start = inZone(startIso, zone);
  if (!endIso) return formatInstant(startIso, zone);
  const end = inZone(endIso, zone);
  const endText = end.hasSame(start, 'day') ? end.toFormat('HH:mm') : end.toFormat('cccc d LLLL yyyy, HH:mm');
  return `${start.toFormat('cccc d LLLL yyyy, HH:mm')}–${endText} ${zoneLabel(startIso, zone)}`;
}

/** "5 March, 12:00 UTC": the same instant for anyone, beside a time in a zone that may not be theirs. */
export function formatUtc(iso: string): string {
  return `${inZone(iso, 'UTC').toFormat('d LLLL, HH:mm')} UTC`;
}

/** "Tue 3 Mar, 14:00 (Europe/Berlin, GMT+1)": short enough for a subject line, zone still named. */
export function formatShort(iso: string, zone: string): string {
  return `${inZone(iso, zone).toFormat('ccc d LLL, HH:mm')} ${zoneLabel(iso, zone)}`;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** Reminder lead time as people say it: 1440 → "in 24 hours", 60 → "in 1 hour", 15 → "in 15 minutes". */
export function reminderLead(offsetMinutes: number): string {
  const hours = Math.floor(offsetMinutes / 60);
  const minutes = offsetMinutes % 60;
  if (hours === 0) return `in ${plural(minutes, 'minute')}`;
  return minutes === 0 ? `in ${plural(hours, 'hour')}` : `in ${plural(hours, 'hour')} ${plural(minutes, 'minute')}`;
}
