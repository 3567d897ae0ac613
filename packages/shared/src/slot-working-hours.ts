import { DomainError } from './errors';
import type { InterviewerAvailability, TimeRange } from './slot-types';
import { isoDateToDayNumber, isoWeekday } from './slot-zone';

/** Minutes in a day on the wall clock: the latest end a working range may have (24:00). */
export const MINUTES_PER_DAY = 24 * 60;

/** A working range of one local date, as minutes after local midnight (end may be MINUTES_PER_DAY). */
export interface WallRange {
  startMinute: number;
  endMinute: number;
}

export function parseWallTime(value: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  if (!match || Number(match[2]) > 59 || !(minutes <= MINUTES_PER_DAY)) {
    throw new DomainError('BAD_INPUT', `"${value}" is not an HH:mm wall time`, { value });
  }
  return minutes;
}

function toWallRanges(ranges: TimeRange[]): WallRange[] {
  return ranges
    .map((range) => {
      const startMinute = parseWallTime(range.start);
      const endMinute = parseWallTime(range.end);
      if (endMinute <= startMinute) {
        throw new DomainError('BAD_INPUT', `Working range ${range.start}-${range.end} ends before it starts`, {
          range,
        });
      }
      return { startMinute, endMinute };
    })
    .sort((a, b) => a.startMinute - b.startMinute);
}

/** The working ranges of each local date (day number): an override replaces that date's weekly hours. */
export function workingHours(availability: InterviewerAvailability): (day: number) => WallRange[] {
  const byWeekday = new Map<number, TimeRange[]>();
  for (const { weekday, ranges } of availability.weekly) {
    byWeekday.set(weekday, [...(byWeekday.get(weekday) ?? []), ...ranges]);
  }
  const weekly = new Map<number, WallRange[]>();
  for (const [weekday, ranges] of byWeekday) weekly.set(weekday, toWallRanges(ranges));
  const overrides = new Map<number, WallRange[]>();
  for (const { date, ranges } of availability.overrides) {
    overrides.set(isoDateToDayNumber(date), toWallRanges(ranges));
  }
  return (day) => overrides.get(day) ?? weekly.get(isoWeekday(day)) ?? [];
}
