import { localised, type LocalisedText } from '@portal/shared/kind-titles';
import { createRoot, createSignal } from 'solid-js';
import type { MessageKey } from '@portal/shared/i18n/messages';
import { loadCatalogue } from '@portal/shared/i18n/load-catalogue';
import { INTL_LOCALES, isLocale, textDirection, type Locale } from '@portal/shared/i18n/locales';
import { PSEUDO_LOCALE } from '@portal/shared/i18n/pseudo-tag';
import { createMessageBook } from '@portal/shared/i18n/message-book';
import { capitalized } from '@portal/shared/i18n/capitalized';
import type { MessageValues } from '@portal/shared/i18n/translator';

/**
 * The language of the candidate's and the interviewer's pages: one message book (the same
 * catalogue and ICU messages the emails use, without i18next: docs/adr/0049), English built in, each other language downloaded
 * when an interview asks for it (English too: a page in Japanese never downloads it). `<html lang dir>` follows. HR pages
 * show English unless HR picks another language, with their own catalogue beside this one (hr/hr-language.ts).
 *
 * `?lang=en-XA` shows the pseudo-locale (every catalogue letter accented) whatever the interview's
 * language: the browser tests use it to find text that does not come from the catalogue.
 */
const book = createMessageBook();
const PAGE = 'translation';
const forced = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('lang');

const state = createRoot(() => {
  const [locale, setLocale] = createSignal<string>('en');
  const [shown, setShown] = createSignal(false);
  return { locale, setLocale, shown, setShown };
});

/** The language shown now ("en" until a page asks for one). */
export const pageLocale = state.locale;

/** A catalogue beside the page's (the HR console's), under its own i18next namespace. */
export interface ExtraCatalogue {
  namespace: string;
  load: (locale: Locale) => Promise<Record<string, string>>;
}

async function loadInto(target: string, locale: Locale, namespace: string, load: (locale: Locale) => Promise<Record<string, string>>): Promise<void> {
  if (book.has(target, namespace)) return;
  const catalogue = target === PSEUDO_LOCALE ? (await import('@portal/shared/i18n/pseudo')).pseudoCatalogue(await load('en')) : await load(locale);
  book.add(target, namespace, catalogue);
}

/**
 * Loads `locale`'s catalogue (once), and `extra`'s when given, then switches the page to it; the
 * pseudo-locale wins when asked for.
 */
export async function showLanguage(locale: Locale, extra?: ExtraCatalogue): Promise<void> {
  const target = forced === PSEUDO_LOCALE ? PSEUDO_LOCALE : locale;
  await Promise.all([loadInto(target, locale, PAGE, loadCatalogue), extra ? loadInto(target, locale, extra.namespace, extra.load) : undefined]);
  state.setLocale(target);
  state.setShown(true);
  document.documentElement.lang = target;
  document.documentElement.dir = textDirection(target);
}

/** Whether a language is shown yet: before, the page has no words to say anything with. */
export const languageShown = state.shown;

/** A message of an extra catalogue's namespace in the language shown, re-read when it changes. */
export function translateIn(namespace: string, key: string, values?: MessageValues): string {
  return book.format(state.locale(), namespace, key, values);
}

/** The page's message for `key`, re-read when the language changes. */
export function t(key: MessageKey, values?: MessageValues): string {
  return book.format(state.locale(), PAGE, key, values);
}

/**
 * The `Intl` locale for dates and times: the browser's own variant when it speaks the page's
 * language (an American reading English gets 12-hour times, a Briton 24-hour), else the
 * language's usual one. Undefined on pages that set no language (HR): the browser's default.
 */
export function intlLocale(): string | undefined {
  if (!state.shown()) return undefined;
  const locale = state.locale();
  // The pseudo-locale's dates are in a script with no Latin letters, so the check for stray English skips nothing.
  if (locale === PSEUDO_LOCALE) return 'ja-JP';
  const base = isLocale(locale) ? locale : 'en';
  const browser = typeof navigator === 'undefined' ? undefined : navigator.language;
  if (browser && browser.split('-')[0]?.toLowerCase() === base.split('-')[0]) return browser;
  return INTL_LOCALES[base];
}

/** "45 minutes", "1 hour", "2 hours" in the page's language. */
export function duration(minutes: number): string {
  return minutes % 60 === 0 ? t('duration.hours', { hours: minutes / 60 }) : t('duration.minutes', { minutes });
}

/**
 * The interview kind in the page's language: its titles as fixed at the invitation (docs/adr/0065),
 * else the catalogue's word for a seeded kind, else HR's label.
 */
export function kindName(kind: string, fallback: string, titles?: LocalisedText | null): string {
  // A pseudo-locale (en-XA) is no language a kind has titles in: a seeded kind then says its catalogue word.
  if (titles && isLocale(state.locale())) return localised(titles, state.locale());
  const key = `kind.${kind}` as MessageKey;
  return book.exists(state.locale(), PAGE, key) ? t(key) : (titles?.en ?? fallback);
}

/** The kind as a label or at a sentence's start ("Entrevista técnica"). */
export function kindTitle(kind: string, fallback: string, titles?: LocalisedText | null): string {
  return capitalized(kindName(kind, fallback, titles), state.locale());
}
