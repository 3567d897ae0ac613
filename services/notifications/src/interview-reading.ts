import type { Database } from '@portal/db';
import { DEFAULT_LOCALE, isLocale } from '@portal/shared/i18n/locales';
import type { Reading } from './templates/words';

/**
 * The interview's language and kind as they are when an email is composed: a candidate who
 * switches language on the page gets every later message in it, and the lifecycle never carries
 * it (its histories stay as they were). One read by `_id`; an interview gone or from before
 * languages reads as English, with the label the facts carry.
 */
export async function readInterviewLanguage(interviews: Database['interviews'], interviewId: string): Promise<Reading> {
  const doc = await interviews.findById(interviewId, { locale: 1, kind: 1 }).lean();
  return { locale: isLocale(doc?.locale) ? doc.locale : DEFAULT_LOCALE, kind: doc?.kind };
}
