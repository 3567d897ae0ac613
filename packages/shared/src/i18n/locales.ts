/**
 * The languages the candidate's page, the scorecard page, every email and the calendar text
 * speak. An interview stores one of these as `locale`; absent on interviews from before
 * languages, which read as English.
 */
export const SUPPORTED_LOCALES = ['en', 'de', 'es', 'fr', 'pt-BR', 'ja', 'ar'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Each language by its own name, for the switcher (a reader finds their language without reading ours). */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  de: 'Deutsch',
  es: 'Español',
  fr: 'Français',
  'pt-BR': 'Português (Brasil)',
  ja: '日本語',
  ar: 'العربية',
};

/** The `Intl` locale for dates and times: English follows the day-month, 24-hour style the portal always used. */
export const INTL_LOCALES: Record<Locale, string> = {
  en: 'en-GB',
  de: 'de-DE',
  es: 'es-ES',
  fr: 'fr-FR',
  'pt-BR': 'pt-BR',
  ja: 'ja-JP',
  ar: 'ar',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

export function textDirection(locale: string): 'rtl' | 'ltr' {
  return locale === 'ar' ? 'rtl' : 'ltr';
}

/** Who set the interview's language: left at the default, HR at the invitation, the candidate's browser on the first visit, or the candidate. */
export const LOCALE_SOURCES = ['default', 'hr', 'browser', 'candidate'] as const;
export type LocaleSource = (typeof LOCALE_SOURCES)[number];

/**
 * The best supported locale for a list of language tags in preference order (`navigator.languages`,
 * or an `Accept-Language` header through `acceptedLanguages`): an exact match, else the same
 * language ("pt-PT" gets "pt-BR", "de-AT" gets "de"); undefined when none is supported.
 */
export function matchLocale(tags: readonly string[]): Locale | undefined {
  for (const tag of tags) {
    const lower = tag.trim().toLowerCase();
    const exact = SUPPORTED_LOCALES.find((locale) => locale.toLowerCase() === lower);
    if (exact) return exact;
    const language = lower.split('-')[0];
    const same = SUPPORTED_LOCALES.find((locale) => locale.toLowerCase().split('-')[0] === language);
    if (same) return same;
  }
  return undefined;
}

/** The tags of an `Accept-Language` header, best first ("fr-CH, fr;q=0.9, en;q=0.8" → fr-CH, fr, en); `*` and q=0 dropped. */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.q > 0 && Number.isFinite(entry.q))
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}
