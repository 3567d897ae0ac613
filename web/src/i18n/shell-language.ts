import { isLocale, matchLocale, type Locale } from '@portal/shared/i18n/locales';
import { pseudoCatalogue } from '@portal/shared/i18n/pseudo';
import { PSEUDO_LOCALE } from '@portal/shared/i18n/pseudo-tag';
import { SHELL_CATALOGUES, shellEn, type ShellCatalogue, type ShellKey } from '@portal/shared/i18n/shell-messages';
import { languageShown, pageLocale } from './page-language';

/** The browser's language among ours (English when none): the pages with no interview show it. */
export function browserLocale(): Locale {
  return (typeof navigator === 'undefined' ? undefined : matchLocale(navigator.languages)) ?? 'en';
}

let pseudo: ShellCatalogue | undefined;

/**
 * The shell speaks the page's language once a page shows one, and the browser's before that (and
 * on the pages that have no interview to take a language from): its words are built in, so it
 * never waits for a catalogue.
 */
function shellCatalogue(): ShellCatalogue {
  const locale = languageShown() ? pageLocale() : browserLocale();
  if (locale === PSEUDO_LOCALE) return (pseudo ??= pseudoCatalogue(shellEn));
  return isLocale(locale) ? SHELL_CATALOGUES[locale] : shellEn;
}

/** A word of the shell in its language, re-read when the page's language changes; `{name}` slots take `values`. */
export function shellText(key: ShellKey, values: Record<string, string | number> = {}): string {
  return shellCatalogue()[key].replace(/\{(\w+)\}/g, (slot, name: string) => String(values[name] ?? slot));
}
