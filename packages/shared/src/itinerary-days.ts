import { DAY_MS, localDayNumber, wallBoundaryToInstant, windowedZoneClock, zoneClock } from './slot-zone-clock';
import { dayNumberToIsoDate, isoDateToDayNumber, zoneOf } from './slot-zone';

/**
 * Local day numbers of a zone, and each day's real bounds (23 or 25 hours across a DST change).
 * With a window, offsets inside it come from the transitions found once (`windowedZoneClock`):
 * the itinerary search asks for the day of every start it tries.
 */
export function zoneDays(timezone: string, window?: { fromMs: number; toMs: number }) {
  const zone = zoneOf(timezone);
  const clock = window ? windowedZoneClock(zone, window.fromMs, window.toMs) : zoneClock(zone);
  return {
    of: (ms: number) => localDayNumber(clock, ms),
    bounds: (day: number) => ({ from: wallBoundaryToInstant(clock, day * DAY_MS), to: wallBoundaryToInstant(clock, (day + 1) * DAY_MS) }),
    toIsoDate: dayNumberToIsoDate,
    fromIsoDate: isoDateToDayNumber,
  };
}
