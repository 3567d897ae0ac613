import { CATALOGUES } from './catalogues';
import { DEFAULT_LOCALE, isLocale, type Locale } from './locales';
import { createI18n, translatorOf, type Translate } from './translator';

/** The server's one instance, every catalogue loaded: emails and calendar files in any locale, synchronously. */
const instance = createI18n(CATALOGUES);
const bound = new Map<Locale, Translate>();

/** `t` for a stored locale; anything else (absent on older interviews) is English. */
export function translatorFor(locale: string | undefined | null): Translate {
  const chosen: Locale = isLocale(locale) ? locale : DEFAULT_LOCALE;
  let t = bound.get(chosen);
  if (t === undefined) {
    t = translatorOf(instance, chosen);
    bound.set(chosen, t);
  }
  return t;
}
