import type { HrMessageKey } from '@portal/shared/i18n/hr-messages';
import { loadHrCatalogue } from '@portal/shared/i18n/load-hr-catalogue';
import { isLocale, type Locale } from '@portal/shared/i18n/locales';
import type { MessageValues } from '@portal/shared/i18n/translator';
import { showLanguage, translateIn, type ExtraCatalogue } from '../i18n/page-language';
import type { FieldWords } from '../ui/field-errors';

const NAMESPACE = 'hr';
const STORAGE_KEY = 'hr-language';
const HR_CATALOGUE: ExtraCatalogue = { namespace: NAMESPACE, load: loadHrCatalogue };

/**
 * The console's language: English first, whatever the browser says (HR shares screenshots and
 * support threads in one language); another one when this browser's user picked it in the header,
 * or a `?lang=` link asks for it (`?lang=en-XA`, the pseudo-locale, is page-language's).
 */
export function hrLocaleChoice(): Locale {
  const asked = new URLSearchParams(location.search).get('lang');
  if (isLocale(asked)) return asked;
  const stored = readStored();
  return isLocale(stored) ? stored : 'en';
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be refused (private modes, policies): the console is English then.
    return null;
  }
}

/** Shows the console in `locale`: the page catalogue (shared controls such as the zone search) and the HR one. */
export function showHrLanguage(locale: Locale = hrLocaleChoice()): Promise<void> {
  return showLanguage(locale, HR_CATALOGUE);
}

/** HR's pick in the header: remembered in this browser, shown at once. */
export function chooseHrLanguage(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered; shown for this visit all the same.
  }
  return showHrLanguage(locale);
}

/** The console's message for `key` in the language shown, re-read when it changes. */
export function ht(key: HrMessageKey, values?: MessageValues): string {
  return translateIn(NAMESPACE, key, values);
}

/** The plain words under a form's fields, in the console's language. */
export function hrFieldWords(): FieldWords {
  return { required: ht('hr.field.required'), chooseOne: ht('hr.field.chooseOne'), email: ht('hr.field.email'), number: ht('hr.field.number') };
}
