import { clockTime, cityOf, offsetMinutes, utcOffset } from './clock';
import { timeZoneChoices } from './time-zones';
import type { HourCycle } from './zone-preference';

export interface ZoneOption {
  zone: string;
  city: string;
  offset: string;
  /** Clock time there now, for "is this me?" at a glance. */
  now: string;
  /** Lower-case words a search matches: city, IANA name, offset, the zone's long name. */
  words: string;
}

function longName(zone: string, at: Date): string {
  return (
    new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'long' }).formatToParts(at).find((p) => p.type === 'timeZoneName')
      ?.value ?? ''
  );
}

/** Every zone the browser knows, west to east, each with what a person searches it by. */
export function zoneOptions(at: Date, cycle: HourCycle, ...extra: string[]): ZoneOption[] {
  return timeZoneChoices(...extra)
    .map((zone) => ({ zone, minutes: offsetMinutes(zone, at) }))
    .sort((a, b) => a.minutes - b.minutes || a.zone.localeCompare(b.zone))
    .map(({ zone }) => {
      const city = cityOf(zone);
      const offset = utcOffset(zone, at);
      return {
        zone,
        city,
        offset,
        now: clockTime(at, zone, cycle),
        words: `${city} ${zone.replaceAll('_', ' ')} ${offset} ${offset.replace('GMT', 'UTC')} ${longName(zone, at)}`.toLowerCase(),
      };
    });
}

/** Options whose words contain every term of `query` ("new york", "gmt+9", "pacific"). */
export function matchZones(options: readonly ZoneOption[], query: string, limit: number): ZoneOption[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches: ZoneOption[] = [];
  for (const option of options) {
    if (terms.every((term) => option.words.includes(term))) matches.push(option);
    if (matches.length === limit) break;
  }
  return matches;
}
