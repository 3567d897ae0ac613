import { DateTime, IANAZone } from 'luxon';
import { DomainError } from './errors';
import { DAY_MS, localDayNumber, zoneClock } from './slot-zone-clock';
import { isValidTimezone } from './zone-names';

/** Zone names, local calendar dates (as day numbers) and human labels for instants. */

export function zoneOf(timezone: string): IANAZone {
  if (!isValidTimezone(timezone)) {
    throw new DomainError('BAD_INPUT', `Unknown timezone "${timezone}"`, { timezone });
  }
  return IANAZone.create(timezone);
}

export function dayNumberToIsoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function isoDateToDayNumber(date: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new DomainError('BAD_INPUT', `"${date}" is not a YYYY-MM-DD date`, { date });
  }
  return ms / DAY_MS;
}

/** ISO weekday (Monday = 1); day 0 was a Thursday. */
export function isoWeekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7 + 1;
}

export function localDay(instant: Date, timezone: string): string {
  return dayNumberToIsoDate(localDayNumber(zoneClock(zoneOf(timezone)), instant.getTime()));
}

/** E.g. 'Mon 30 Mar 2026, 09:00 BST'; zones without a common abbreviation show 'GMT+5:30'. */
export function formatInZone(instant: Date, timezone: string): string {
  zoneOf(timezone);
  const local = DateTime.fromJSDate(instant, { zone: timezone }).setLocale('en-GB');
  return `${local.toFormat('ccc d LLL yyyy, HH:mm')} ${zoneLabel(local)}`;
}

// en-GB names European zones (BST, CEST) but shows American ones as offsets; en-US the reverse.
function zoneLabel(local: DateTime): string {
  const isAbbreviation = (label: string) => /^[A-Z]{2,5}$/.test(label);
  const british = local.toFormat('ZZZZ');
  if (isAbbreviation(british)) return british;
  const american = local.setLocale('en-US').toFormat('ZZZZ');
  return isAbbreviation(american) ? american : british;
}
