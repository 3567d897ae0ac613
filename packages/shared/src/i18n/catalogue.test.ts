import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { CATALOGUES, PAGE_CATALOGUES } from './catalogues';
import { HR_CATALOGUES } from './hr-catalogues';
import { hrEn } from './hr-messages/en';
import { INTL_LOCALES, SUPPORTED_LOCALES, acceptedLanguages, matchLocale } from './locales';
import { pseudoCatalogue } from './pseudo';
import { SHELL_CATALOGUES, shellEn } from './shell-messages';

interface AstNode {
  type: number;
  value?: string;
  options?: Record<string, { value: AstNode[] }>;
  children?: AstNode[];
}

/** The argument names a message uses, and for each plural or select the branches it offers. */
function shapeOf(message: string, locale: string): { args: string[]; pluralsWithoutOther: string[] } {
  const ast = new IntlMessageFormat(message, locale).getAst() as unknown as AstNode[];
  const args = new Set<string>();
  const pluralsWithoutOther: string[] = [];
  const walk = (nodes: AstNode[]) => {
    for (const node of nodes) {
      // 0 literal and 7 `#` carry no name; every other element names its argument in `value`.
      if (node.type !== 0 && node.type !== 7 && node.value !== undefined) args.add(node.value);
      if (node.options) {
        if (!('other' in node.options)) pluralsWithoutOther.push(node.value ?? '?');
        for (const option of Object.values(node.options)) walk(option.value);
      }
      if (node.children) walk(node.children);
    }
  };
  walk(ast);
  return { args: [...args].sort(), pluralsWithoutOther };
}

/** English, the pages' words and the mail's: what every locale's server catalogue must match. */
const en = CATALOGUES.en;
const keys = Object.keys(en).sort();

describe('the message catalogue', () => {
  it.each(SUPPORTED_LOCALES)('%s has every key of the English catalogue and no other', (locale) => {
    expect(Object.keys(CATALOGUES[locale]).sort()).toEqual(keys);
  });

  it.each(SUPPORTED_LOCALES)('%s: every message parses as ICU, uses the same placeholders as English and ends each plural with `other`', (locale) => {
    const catalogue = CATALOGUES[locale];
    for (const key of keys) {
      const message = catalogue[key as keyof typeof en];
      expect(message.trim(), `${locale} ${key} is empty`).not.toBe('');
      const shape = shapeOf(message, INTL_LOCALES[locale]);
      expect(shape.args, `${locale} ${key} placeholders`).toEqual(shapeOf(en[key as keyof typeof en], 'en').args);
      expect(shape.pluralsWithoutOther, `${locale} ${key} plural without other`).toEqual([]);
    }
  });

  it('the page downloads no words of the emails, texts or calendar files (they are the server\'s)', () => {
    for (const locale of SUPPORTED_LOCALES) expect(Object.keys(PAGE_CATALOGUES[locale]).filter((key) => /^(email|sms|ics)\./.test(key)), locale).toEqual([]);
  });

  it('a non-English message is not left in English (names and brands aside)', () => {
    const sameAsEnglish = (locale: (typeof SUPPORTED_LOCALES)[number]) =>
      keys.filter((key) => CATALOGUES[locale][key as keyof typeof en] === en[key as keyof typeof en] && /[a-z]{4}/.test(en[key as keyof typeof en]));
    // Words the languages share with English ("Position", "Interview", "Notes", "Minutes"…) are allowed by name.
    const shared = new Set(['page.fact.position', 'page.fact.interview', 'email.detail.interview', 'email.detail.position', 'feedback.notes', 'duration.minutes', 'ics.summary', 'page.who.panel', 'page.who.panelBooked', 'page.fact.duration', 'feedback.rating.4']);
    for (const locale of SUPPORTED_LOCALES.filter((l) => l !== 'en')) {
      expect(sameAsEnglish(locale).filter((key) => !shared.has(key)), locale).toEqual([]);
    }
  });

  it('Spanish addresses the candidate as usted everywhere, as the emails do: pages, texts and the HR console alike', () => {
    // Forms only tú has; an imperative such as "elige" is also a third person ("se elige"), so texts' own test reads those.
    const informal = /(?<!\p{L})(tu|tus|te|ti|contigo|unirte|asististe|puedes|tienes|quieres|estás)(?!\p{L})/iu;
    const catalogues = { ...CATALOGUES.es, ...HR_CATALOGUES.es } as Record<string, string>;
    const familiar = Object.entries(catalogues).filter(([, message]) => informal.test(message.replace(/\{\w+\}/g, '')));
    expect(familiar.map(([key]) => key)).toEqual([]);
  });

  it('the pseudo-locale keeps every placeholder and changes every plain letter', () => {
    const pseudo = pseudoCatalogue(en);
    for (const key of keys) {
      const message = pseudo[key as keyof typeof en];
      expect(shapeOf(message, 'en').args, key).toEqual(shapeOf(en[key as keyof typeof en], 'en').args);
      const values = Object.fromEntries(shapeOf(message, 'en').args.map((arg) => [arg, 2]));
      expect(String(new IntlMessageFormat(message, 'en').format(values)), key).not.toMatch(/[A-Za-z]{2}/);
    }
  });
});

describe('the HR console catalogue', () => {
  const hrKeys = Object.keys(hrEn).sort() as (keyof typeof hrEn)[];

  it.each(SUPPORTED_LOCALES)('%s has every key of the English HR catalogue and no other', (locale) => {
    expect(Object.keys(HR_CATALOGUES[locale]).sort()).toEqual(hrKeys);
  });

  it.each(SUPPORTED_LOCALES)('%s: every HR message parses as ICU, uses the same placeholders as English and ends each plural with `other`', (locale) => {
    for (const key of hrKeys) {
      const message = HR_CATALOGUES[locale][key];
      expect(message.trim(), `${locale} ${key} is empty`).not.toBe('');
      const shape = shapeOf(message, INTL_LOCALES[locale]);
      expect(shape.args, `${locale} ${key} placeholders`).toEqual(shapeOf(hrEn[key], 'en').args);
      expect(shape.pluralsWithoutOther, `${locale} ${key} plural without other`).toEqual([]);
    }
  });

  it('a non-English HR message is not left in English (words the languages share aside)', () => {
    // "Interviews", "Status", "Position", "Feedback", "Webhooks"… are the same word in some languages; allowed by name.
    const shared = new Set([
      'hr.nav.interviews', 'hr.nav.webhooks', 'hr.list.title', 'hr.list.pages', 'hr.detail.title', 'hr.detail.status', 'hr.filter.status',
      'hr.scorecards.title', 'hr.interviewer.title', 'hr.interviewers.title', 'hr.nav.interviewers', 'hr.invite.interviewers', 'hr.role.admin',
      'hr.users.badge.admin', 'hr.detail.position', 'hr.filter.position', 'hr.invite.position', 'hr.interviewer.name', 'hr.hooks.url',
      'hr.hooks.secret', 'hr.keys.scope', 'hr.hooks.title', 'hr.overrides.date', 'hr.emails.title', 'hr.kinds.minutes', 'hr.interviewer.profile',
      'hr.users.role', 'hr.emails.error', 'hr.hooks.endpoints', 'hr.keys.active', 'hr.keys.prefix', 'hr.hooks.events', 'hr.hooks.status', 'hr.hooks.delivery.status', 'hr.hooks.delivery.event',
      'hr.privacy.interviews', 'hr.calendar.googleTitle', 'hr.calendar.microsoftTitle', 'hr.orgCalendars.microsoft', 'hr.orgCalendars.google', 'hr.orgCalendars.problem', 'hr.orgCalendars.interviewersLabel',
      'hr.kit.prompt', 'hr.kit.question', 'hr.kit.which',
    ]);
    for (const locale of SUPPORTED_LOCALES.filter((l) => l !== 'en')) {
      const left = hrKeys.filter((key) => HR_CATALOGUES[locale][key] === hrEn[key] && /[a-z]{4}/.test(hrEn[key].replace(/\{\w+\}/g, '')) && !shared.has(key));
      expect(left, locale).toEqual([]);
    }
  });

  it('the pseudo-locale changes every plain letter of the HR console', () => {
    const pseudo = pseudoCatalogue(hrEn);
    for (const key of hrKeys) {
      const values = Object.fromEntries(shapeOf(pseudo[key], 'en').args.map((arg) => [arg, 2]));
      expect(String(new IntlMessageFormat(pseudo[key], 'en').format(values)), key).not.toMatch(/[A-Za-z]{2}/);
    }
  });
});

describe('the web shell catalogue', () => {
  const shellKeys = Object.keys(shellEn).sort() as (keyof typeof shellEn)[];

  it.each(SUPPORTED_LOCALES)('%s has every shell key, the same placeholders as English, and its own words', (locale) => {
    const catalogue = SHELL_CATALOGUES[locale];
    expect(Object.keys(catalogue).sort()).toEqual(shellKeys);
    for (const key of shellKeys) {
      expect(catalogue[key].trim(), `${locale} ${key} is empty`).not.toBe('');
      expect(shapeOf(catalogue[key], INTL_LOCALES[locale]).args, `${locale} ${key} placeholders`).toEqual(shapeOf(shellEn[key], 'en').args);
      if (locale !== 'en') expect(catalogue[key], `${locale} ${key} left in English`).not.toBe(shellEn[key]);
      expect(catalogue[key], `${locale} ${key}: plain text with {name} slots only`).not.toMatch(/\{\w+,/);
    }
  });
});

describe('matchLocale', () => {
  it.each([
    ['fr-CH, fr;q=0.9, en;q=0.8', 'fr'],
    ['pt-PT,pt;q=0.9', 'pt-BR'],
    ['ja-JP', 'ja'],
    ['en-US,en;q=0.9,de;q=0.8', 'en'],
    ['de;q=0.5, ar;q=0.9', 'ar'],
    ['zh-CN, *;q=0.1', undefined],
    ['', undefined],
  ])('Accept-Language "%s" picks %s', (header, locale) => {
    expect(matchLocale(acceptedLanguages(header))).toBe(locale);
  });
});
