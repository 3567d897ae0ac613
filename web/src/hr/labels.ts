import type { InterviewStatus, Outcome } from '@portal/shared/status';
import { ht } from './hr-language';
import { pageLocale } from '../i18n/page-language';

export function statusLabel(status: InterviewStatus): string {
  return ht(`hr.status.${status}`);
}

/** The outcome's name; `inSentence` lower-cases it where the language does so mid-sentence (not German nouns). */
export function outcomeLabel(outcome: Outcome, inSentence = false, say: (key: `hr.outcome.${Outcome}`) => string = ht): string {
  const label = say(`hr.outcome.${outcome}`);
  return inSentence && pageLocale() !== 'de' ? label.toLocaleLowerCase(pageLocale()) : label;
}

/** Monday is 1, as in the stored weekly hours. */
export function weekdayLabel(weekday: number): string {
  return weekday >= 1 && weekday <= 7 ? ht(`hr.weekday.${weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7}`) : String(weekday);
}

/** Labels for enum-like strings we do not own (event types, email kinds): "RETAKE_INVITE" → "Retake invite". */
export function humanize(code: string): string {
  const words = code.replaceAll(/[_.-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
