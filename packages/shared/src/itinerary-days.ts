import { DAY_MS, localDayNumber, wallBoundaryToInstant, zoneClock } from './slot-zone-clock';
import { dayNumberToIsoDate, isoDateToDayNumber, zoneOf } from './slot-zone';

/** Local day numbers of a zone, and each day's real bounds (23 or 25 hours across a DST change). */
export function zoneDays(timezone: string) {
  const clock = zoneClock(zoneOf(timezone));
  return {
    of: (ms: number) => localDayNumber(clock, ms),
    bounds: (day: number) => ({ from: wallBoundaryToInstant(clock, day * DAY_MS), to: wallBoundaryToInstant(clock, (day + 1) * DAY_MS) }),
    toIsoDate: dayNumberToIsoDate,
    fromIsoDate: isoDateToDayNumber,
  };
}
