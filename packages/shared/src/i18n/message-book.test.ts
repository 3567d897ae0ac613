import { describe, expect, it } from 'vitest';
import { CATALOGUES } from './catalogues';
import { HR_CATALOGUES } from './hr-catalogues';
import { SUPPORTED_LOCALES } from './locales';
import { createMessageBook } from './message-book';
import { pseudoCatalogue } from './pseudo';
import { createI18n } from './translator';

/** A value for every argument a message names: a number, so plurals and selects pick a branch and strings read "2". */
function valuesFor(message: string): Record<string, number> {
  return Object.fromEntries([...message.matchAll(/\{\s*(\w+)/g)].map(([, name]) => [name, 2]));
}

describe('the browser pages\' message book says what i18next says', () => {
  it.each(SUPPORTED_LOCALES)('every page and HR message in %s', (locale) => {
    const book = createMessageBook();
    book.add('en', 'translation', CATALOGUES.en);
    book.add('en', 'hr', HR_CATALOGUES.en);
    book.add(locale, 'translation', CATALOGUES[locale]);
    book.add(locale, 'hr', HR_CATALOGUES[locale]);
    const i18n = createI18n({});
    for (const lng of new Set(['en', locale] as const)) {
      i18n.addResourceBundle(lng, 'translation', CATALOGUES[lng]);
      i18n.addResourceBundle(lng, 'hr', HR_CATALOGUES[lng]);
    }
    for (const [namespace, catalogue] of [['translation', CATALOGUES.en], ['hr', HR_CATALOGUES.en]] as const) {
      const t = i18n.getFixedT(locale, namespace);
      for (const [key, message] of Object.entries(catalogue)) {
        const values = valuesFor(message);
        expect(book.format(locale, namespace, key, values), `${namespace} ${key}`).toBe(t(key, values));
      }
    }
  });

  it('falls back to English for a key a language lacks, answers the key when none has it, and knows which keys exist', () => {
    const book = createMessageBook();
    book.add('en', 'translation', { 'a.b': 'Hello {name}', only: 'English only' });
    book.add('de', 'translation', { 'a.b': 'Hallo {name}' });
    expect(book.format('de', 'translation', 'a.b', { name: 'Ada' })).toBe('Hallo Ada');
    expect(book.format('de', 'translation', 'only')).toBe('English only');
    expect(book.format('de', 'translation', 'missing.key')).toBe('missing.key');
    expect(book.exists('de', 'translation', 'only')).toBe(true);
    expect(book.exists('de', 'translation', 'missing.key')).toBe(false);
    expect(book.has('de', 'hr')).toBe(false);
  });

  it('formats the pseudo-locale\'s accented catalogue', () => {
    const book = createMessageBook();
    book.add('en-XA', 'translation', pseudoCatalogue(CATALOGUES.en));
    expect(book.format('en-XA', 'translation', 'page.title.pick')).not.toBe('page.title.pick');
  });
});
