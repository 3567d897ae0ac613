import i18next, { type i18n } from 'i18next';
import ICU from 'i18next-icu';
import type { Catalogue, MessageKey } from './messages/en';
import type { MailMessageKey } from './mail-messages/en';

export type MessageValues = Record<string, string | number>;
/** The server's `t`: the pages' words and the mail's (catalogues.ts). */
export type Translate = (key: MessageKey | MailMessageKey, values?: MessageValues) => string;

/**
 * One i18next instance with ICU messages (i18next-icu), synchronous once its catalogues are
 * given. Keys are flat ("page.title.pick"), so neither `.` nor `:` splits them. A key missing in
 * a locale falls back to English when English is loaded; the catalogue test keeps that from happening.
 */
export function createI18n(resources: Record<string, Catalogue | Readonly<Record<string, string>>>, locale = 'en'): i18n {
  const instance = i18next.createInstance();
  void instance.use(new ICU()).init({
    lng: locale,
    fallbackLng: 'en',
    resources: Object.fromEntries(Object.entries(resources).map(([lng, catalogue]) => [lng, { translation: catalogue }])),
    keySeparator: false,
    nsSeparator: false,
    initAsync: false,
    returnNull: false,
    interpolation: { escapeValue: false },
  });
  return instance;
}

/** `t` bound to one locale of an instance. */
export function translatorOf(instance: i18n, locale: string): Translate {
  const fixed = instance.getFixedT(locale);
  return (key, values) => fixed(key, values ?? {});
}

// Here too for the server's callers; the browser imports it alone, without i18next.
export { capitalized } from './capitalized';
