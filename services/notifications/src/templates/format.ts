import { DomainError } from '@portal/shared/errors';
import { INTL_LOCALES, type Locale } from '@portal/shared/i18n/locales';
import type { Translate } from '@portal/shared/i18n/translator';

/** Times in emails are `Intl`'s, in the email's locale: its words, its order, its 12- or 24-hour clock. */
function instant(iso: string, zone: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new DomainError('BAD_INPUT', `Cannot show ${iso} in zone ${zone}: not an instant`);
  return date;
}

/**
 * Made once per locale, zone and format, then kept: making an `Intl.DateTimeFormat` costs far more
 * than formatting with one, and composing a message took about 1 ms, most of it here, which counts
 * when a moment's hundreds of reminders are composed at once (docs/adr/0045). The keys are the
 * locales times the zones in use times the few formats below; a zone Intl refuses is never kept, and
 * should odd spellings of zones ever pile up, the whole store starts over.
 */
const MADE_AT_MOST = 2_000;
const made = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, zone: string, options: Intl.DateTimeFormatOptions, name: string): Intl.DateTimeFormat {
  const key = `${locale} ${zone} ${name}`;
  let format = made.get(key);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat(locale, { timeZone: zone, ...options });
    } catch (error) {
      throw new DomainError('BAD_INPUT', `Cannot show times in zone ${zone}: ${String(error)}`);
    }
    if (made.size >= MADE_AT_MOST) made.clear();
    made.set(key, format);
  }
  return format;
}

const LONG: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit' };
const UTC_TIME: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', hour: 'numeric', minute: '2-digit' };
const SHORT: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' };
const ZONE_NAME: Intl.DateTimeFormatOptions = { timeZoneName: 'short' };

/**
 * "(Europe/Berlin, GMT+1)": the IANA name the reader chose on the page (and can look up), plus the
 * short name or offset they recognise, so nobody has to guess which zone a time is in.
 */
export function zoneLabel(iso: string, zone: string): string {
  const short = formatter('en-US', zone, ZONE_NAME, 'zone')
    .formatToParts(instant(iso, zone))
    .find((part) => part.type === 'timeZoneName')?.value;
  return short && short !== zone ? `(${zone}, ${short})` : `(${zone})`;
}

/** "Tuesday, 3 March 2026, 14:00 (Europe/Berlin, GMT+1)" in English; each locale its own way. */
export function formatInstant(iso: string, zone: string, locale: Locale): string {
  return `${formatter(INTL_LOCALES[locale], zone, LONG, 'long').format(instant(iso, zone))} ${zoneLabel(iso, zone)}`;
}

/** "Tuesday, 3 March 2026, 14:00–15:00 (Europe/Berlin, GMT+1)"; an end on another day keeps its date. */
export function formatWindow(startIso: string, endIso: string | undefined, zone: string, locale: Locale): string {
  if (!endIso) return formatInstant(startIso, zone, locale);
  return `${formatter(INTL_LOCALES[locale], zone, LONG, 'long').formatRange(instant(startIso, zone), instant(endIso, zone))} ${zoneLabel(startIso, zone)}`;
}

/** "5 March, 12:00 UTC": the same instant for anyone, beside a time in a zone that may not be theirs. */
export function formatUtc(iso: string, locale: Locale): string {
  return `${formatter(INTL_LOCALES[locale], 'UTC', UTC_TIME, 'utc').format(instant(iso, 'UTC'))} UTC`;
}

/** "Tue 3 Mar, 14:00 (Europe/Berlin, GMT+1)": short enough for a subject line, zone still named. */
export function formatShort(iso: string, zone: string, locale: Locale): string {
  const short = formatter(INTL_LOCALES[locale], zone, SHORT, 'short');
  return `${short.format(instant(iso, zone))} ${zoneLabel(iso, zone)}`;
}

/** Reminder lead time as people say it: 1440 → "in 24 hours", 60 → "in 1 hour", 90 → "in 1 hour 30 minutes". */
export function reminderLead(offsetMinutes: number | undefined, t: Translate): string {
  if (offsetMinutes === undefined) return t('email.lead.soon');
  const hours = Math.floor(offsetMinutes / 60);
  const minutes = offsetMinutes % 60;
  if (hours === 0) return t('email.lead.minutes', { minutes });
  return minutes === 0 ? t('email.lead.hours', { hours }) : t('email.lead.hoursMinutes', { hours, minutes });
}
