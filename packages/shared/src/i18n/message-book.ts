import { IntlMessageFormat } from 'intl-messageformat';
import type { MessageValues } from './translator';

/**
 * Catalogues by language and namespace, their ICU messages formatted by intl-messageformat, the
 * engine i18next-icu formats with, without i18next around it: a browser page needs a lookup, the
 * fallback to English and the formatting, not i18next's 14 KB (docs/adr/0049-first-visit-javascript.md).
 * The server's emails keep i18next (translator.ts); a test keeps both saying the same words.
 */
export interface MessageBook {
  has(locale: string, namespace: string): boolean;
  add(locale: string, namespace: string, catalogue: Readonly<Record<string, string>>): void;
  /** Whether `key` has a message in `locale` or in the fallback language. */
  exists(locale: string, namespace: string, key: string): boolean;
  /** The message filled with `values`; the key itself when no catalogue has it, as i18next answers. */
  format(locale: string, namespace: string, key: string, values?: MessageValues): string;
}

export function createMessageBook(fallback = 'en'): MessageBook {
  const bundles = new Map<string, Readonly<Record<string, string>>>();
  const compiled = new Map<string, IntlMessageFormat>();
  const bundleId = (locale: string, namespace: string) => `${locale}\u0000${namespace}`;

  function lookup(locale: string, namespace: string, key: string): { locale: string; message: string } | undefined {
    for (const language of locale === fallback ? [locale] : [locale, fallback]) {
      const message = bundles.get(bundleId(language, namespace))?.[key];
      if (message !== undefined) return { locale: language, message };
    }
    return undefined;
  }

  return {
    has: (locale, namespace) => bundles.has(bundleId(locale, namespace)),
    add(locale, namespace, catalogue) {
      bundles.set(bundleId(locale, namespace), catalogue);
    },
    exists: (locale, namespace, key) => lookup(locale, namespace, key) !== undefined,
    format(locale, namespace, key, values = {}) {
      const found = lookup(locale, namespace, key);
      if (found === undefined) return key;
      const id = `${bundleId(found.locale, namespace)}\u0000${key}`;
      try {
        let message = compiled.get(id);
        if (message === undefined) {
          // ignoreTag as i18next-icu: "<" in a message is text, not markup.
          message = new IntlMessageFormat(found.message, found.locale, undefined, { ignoreTag: true });
          compiled.set(id, message);
        }
        return String(message.format(values));
      } catch {
        // As i18next-icu: a message that cannot be formatted shows as written rather than breaking the page.
        return found.message;
      }
    },
  };
}
