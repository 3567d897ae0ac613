import { zoneLongName } from '../time/format';

/** "Tue 24 Nov, 10:15": a moment short enough for a sentence, in the HR user's zone. */
export function formatWhen(iso: string, zone: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** "Times in Central European Time (Europe/Berlin)": said once per section, so every time reads plain. */
export function zoneNote(zone: string, at: Date = new Date(), locale?: string): string {
  const name = zoneLongName(zone, at, locale);
  const id = zone.replaceAll('_', ' ');
  return name === zone || name === id ? `Times in ${id}` : `Times in ${name} (${id})`;
}

const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

/** Every ISO instant in a stored note becomes a local time ("moved from 2026-…Z" → "moved from Tue 24 Nov, 10:15"). */
export function localizeInstants(text: string, zone: string, locale?: string): string {
  return text.replaceAll(ISO_INSTANT, (iso) => (Number.isNaN(Date.parse(iso)) ? iso : formatWhen(iso, zone, locale)));
}
