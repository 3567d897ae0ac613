import type { InterviewDocument } from '@portal/db/documents';
import { acceptedLanguages, matchLocale, type Locale } from '@portal/shared/i18n/locales';
import type { Context } from '../http/context';

/**
 * The interview's language is HR's choice when HR made one; when HR left the default, the first
 * visit's `Accept-Language` picks it (once: from then on it is stored as the browser's), and the
 * candidate can change it on the page at any time. Emails composed after the write use it.
 *
 * Booking writes only `locale` and `localeSource`, by `_id`, with `$set`: the lifecycle's own
 * writes never name these fields, so neither side overwrites the other.
 */
export async function languageOnFirstVisit(ctx: Context, interview: InterviewDocument): Promise<InterviewDocument> {
  if (interview.localeSource !== undefined && interview.localeSource !== 'default') return interview;
  const browser = matchLocale(acceptedLanguages(ctx.acceptLanguage));
  if (browser === undefined) return interview;
  return storeLanguage(ctx, interview, browser, 'browser');
}

export async function storeLanguage(
  ctx: Context,
  interview: InterviewDocument,
  locale: Locale,
  source: 'browser' | 'candidate',
): Promise<InterviewDocument> {
  await ctx.deps.db.interviews.updateOne({ _id: interview._id }, { $set: { locale, localeSource: source } });
  return { ...interview, locale, localeSource: source };
}
