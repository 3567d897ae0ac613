/** Display formats. `locale` is left to the browser in the app and pinned in tests. */

export function formatTime(iso: string, zone: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: zone, hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/** The two lines of a day chip: "Mon" and "23 Nov". */
export function dayChipParts(dayKey: string, locale?: string): { weekday: string; date: string } {
  const noon = new Date(`${dayKey}T12:00:00Z`);
  return {
    weekday: new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short' }).format(noon),
    date: new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'short' }).format(noon),
  };
}

export function formatDayLong(dayKey: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(
    new Date(`${dayKey}T12:00:00Z`),
  );
}

/** "Tuesday 4 March 2025, 10:30 – 11:30 CET": a whole booking, zone name included. */
export function formatRange(startIso: string, endIso: string, zone: string, locale?: string): string {
  const format = new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  return format.formatRange(new Date(startIso), new Date(endIso));
}

export function formatDateTime(iso: string, zone: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

/** "Central European Summer Time" — the zone's name as people say it, at a given moment. */
export function zoneLongName(zone: string, at: Date = new Date(), locale?: string): string {
  const part = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'long' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}

export function formatMinutes(minutes: number): string {
  if (minutes % 60 !== 0) return `${minutes} minutes`;
  const hours = minutes / 60;
  return hours === 1 ? '1 hour' : `${hours} hours`;
}
