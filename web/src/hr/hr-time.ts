import { zoneLongName } from '../time/format';
import { intlLocale } from '../i18n/page-language';
import { ht } from './hr-language';

/** "Tue 24 Nov, 10:15": a moment short enough for a sentence, in the HR user's zone and the console's language. */
export function formatWhen(iso: string, zone: string, locale: string | undefined = intlLocale()): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso));
}

type Say = (key: 'hr.timesIn' | 'hr.timesInNamed', values: Record<string, string>) => string;

/** "Times in Central European Time (Europe/Berlin)": said once per section, so every time reads plain. */
export function zoneNote(zone: string, at: Date = new Date(), locale: string | undefined = intlLocale(), say: Say = ht): string {
  const name = zoneLongName(zone, at, locale);
  const id = zone.replaceAll('_', ' ');
  return name === zone || name === id ? say('hr.timesIn', { zone: id }) : say('hr.timesInNamed', { name, zone: id });
}

const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

/** Every ISO instant in a stored note becomes a local time ("moved from 2026-…Z" → "moved from Tue 24 Nov, 10:15"). */
export function localizeInstants(text: string, zone: string, locale: string | undefined = intlLocale()): string {
  return text.replaceAll(ISO_INSTANT, (iso) => (Number.isNaN(Date.parse(iso)) ? iso : formatWhen(iso, zone, locale)));
}
