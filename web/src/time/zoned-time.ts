/** Wall-clock arithmetic in IANA zones with Intl only: the web bundle cannot afford a date library. */

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = partFormatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    partFormatters.set(zone, formatter);
  }
  return formatter;
}

export function wallTimeIn(instant: Date, zone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of partFormatter(zone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts['year'] ?? 0,
    month: parts['month'] ?? 0,
    day: parts['day'] ?? 0,
    hour: parts['hour'] ?? 0,
    minute: parts['minute'] ?? 0,
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The calendar date ("YYYY-MM-DD") an instant falls on in `zone`. */
export function dayKeyIn(instant: Date, zone: string): string {
  const wall = wallTimeIn(instant, zone);
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** "HH:mm" of an instant in `zone`, for time inputs. */
export function hhmmIn(instant: Date, zone: string): string {
  const wall = wallTimeIn(instant, zone);
  return `${pad(wall.hour)}:${pad(wall.minute)}`;
}

export function addDays(dayKey: string, days: number): string {
  const [year = 0, month = 1, day = 1] = dayKey.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * The instant at which clocks in `zone` show `date` `time`. When the wall time occurs twice
 * (clocks going back) the earlier instant wins; when it does not exist (clocks going forward)
 * it moves forward by the gap, as a wall clock would.
 */
export function instantOfWallTime(date: string, time: string, zone: string): Date {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const offsetAt = (ms: number): number => {
    const wall = wallTimeIn(new Date(ms), zone);
    return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) - ms;
  };
  const offsetBefore = offsetAt(asUtc - DAY_MS);
  const offsetAfter = offsetAt(asUtc + DAY_MS);
  const valid = [asUtc - offsetBefore, asUtc - offsetAfter]
    .filter((ms) => offsetAt(ms) === asUtc - ms)
    .sort((a, b) => a - b);
  return new Date(valid[0] ?? asUtc - offsetBefore);
}

const DAY_MS = 86_400_000;
