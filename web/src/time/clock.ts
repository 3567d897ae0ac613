import type { HourCycle } from './zone-preference';

/** Candidate-page formats that follow the chosen 12/24-hour clock. `locale` is pinned in tests. */

export function clockTime(iso: string | Date, zone: string, cycle: HourCycle, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: zone, hour: 'numeric', minute: '2-digit', hourCycle: cycle }).format(
    typeof iso === 'string' ? new Date(iso) : iso,
  );
}

/** "Tue 24 Nov, 10:15": the confirm bar's words for a slot. */
export function dayAndTime(iso: string, zone: string, cycle: HourCycle, locale?: string): string {
  const day = new Intl.DateTimeFormat(locale, { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short' }).format(
    new Date(iso),
  );
  return `${day}, ${clockTime(iso, zone, cycle, locale)}`;
}

/** "GMT+9", "GMT-3:30", "GMT" for a zone at `at`. */
export function utcOffset(zone: string, at: Date = new Date()): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? 'GMT';
}

/** Minutes east of UTC, for sorting zones by offset. */
export function offsetMinutes(zone: string, at: Date = new Date()): number {
  const match = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(utcOffset(zone, at));
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/** "Tokyo" from "Asia/Tokyo", "Buenos Aires" from "America/Argentina/Buenos_Aires". */
export function cityOf(zone: string): string {
  return (zone.split('/').pop() ?? zone).replaceAll('_', ' ');
}

/** "(Asia/Tokyo, GMT+9)": the words emails and pages use to name a zone. */
export function zoneTag(zone: string, at: Date = new Date()): string {
  return `(${zone}, ${utcOffset(zone, at)})`;
}
