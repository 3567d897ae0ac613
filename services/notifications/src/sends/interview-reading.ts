import type { Database } from '@portal/db';
import type { InterviewDocument } from '@portal/db/documents';
import { DEFAULT_LOCALE, isLocale } from '@portal/shared/i18n/locales';
import type { Reading, TeamCard } from '../templates/words';
import { teamOf } from '@portal/db/team-scope';
import type { TeamCards } from './team-cards';

/**
 * The interview's language and kind as they are when an email is composed: a candidate who
 * switches language on the page gets every later message in it, and the lifecycle never carries
 * it (its histories stay as they were). An interview gone or from before languages reads as
 * English, with the label the facts carry.
 */
export function readingOf(
  interview: (Pick<InterviewDocument, 'locale' | 'kind' | 'kindTitles'> & Partial<Pick<InterviewDocument, 'kit'>>) | null | undefined,
  team?: TeamCard,
): Reading {
  return { locale: isLocale(interview?.locale) ? interview.locale : DEFAULT_LOCALE, kind: interview?.kind, kindTitles: interview?.kindTitles, kit: interview?.kit, ...(team ? { team } : {}) };
}

/** One read by `_id`, for an email sent alone; held reminders sent together get it in their batch's read (held-batches.ts). */
export async function readInterviewLanguage(interviews: Database['interviews'], interviewId: string, cards?: TeamCards): Promise<Reading> {
  const interview = await interviews.findById(interviewId, { locale: 1, kind: 1, kindTitles: 1, kit: 1, team: 1 }).lean();
  return readingOf(interview, interview && cards ? await cards.card(teamOf(interview)) : undefined);
}
