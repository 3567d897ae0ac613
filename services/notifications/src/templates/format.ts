import { DomainError } from '@portal/shared/errors';
import { INTL_LOCALES, type Locale } from '@portal/shared/i18n/locales';
import type { Translate } from '@portal/shared/i18n/translator';

/** Times in emails are `Intl`'s, in the email's locale: its words, its order, its 12- or 24-hour clock. */
function instant(iso: string, zone: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new DomainError('BAD_INPUT', `Cannot show ${iso} in zone ${zone}: not an instant`);
  return date;
}

function formatter(locale: Locale, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(INTL_LOCALES[locale], { timeZone: zone, ...options });
  } catch (error) {
    throw new DomainError('BAD_INPUT', `Cannot show times in zone ${zone}: ${String(error)}`);
  }
}

const LONG: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit' };

/**
 * "(Europe/Berlin, GMT+1)": the IANA name the reader chose on the page (and can look up), plus the
 * short name or offset they recognise, so nobody has to guess which zone a time is in.
 */
export function zoneLabel(iso: string, zone: string): string {
  const short = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' })
    .formatToParts(instant(iso, zone))
    .find((part) => part.type === 'timeZoneName')?.value;
  return short && short !== zone ? `(${zone}, ${short})` : `(${zone})`;
}

/** "Tuesday, 3 March 2026, 14:00 (Europe/Berlin, GMT+1)" in English; each locale its own way. */
export function formatInstant(iso: string, zone: string, locale: Locale): string {
  return `${formatter(locale, zone, LONG).format(instant(iso, zone))} ${zoneLabel(iso, zone)}`;
}

/** "Tuesday, 3 March 2026, 14:00–15:00 (Europe/Berlin, GMT+1)"; an end on another day keeps its date. */
export function formatWindow(startIso: string, endIso: string | undefined, zone: string, locale: Locale): string {
  if (!endIso) return formatInstant(startIso, zone, locale);
  return `${formatter(locale, zone, LONG).formatRange(instant(startIso, zone), instant(endIso, zone))} ${zoneLabel(startIso, zone)}`;
}

/** "5 March, 12:00 UTC": the same instant for anyone, beside a time in a zone that may not be theirs. */
export function formatUtc(iso: string, locale: Locale): string {
  return `${formatter(locale, 'UTC', { day: 'numeric', month: 'long', hour: 'numeric', minute: '2-digit' }).format(instant(iso, 'UTC'))} UTC`;
}

/** "Tue 3 Mar, 14:00 (Europe/Berlin, GMT+1)": short enough for a subject line, zone still named. */
export function formatShort(iso: string, zone: string, locale: Locale): string {
  const short = formatter(locale, zone, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' });
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
