import type { MessageKey } from '@portal/shared/i18n/messages';
import type { ApiProblem } from './api-error';
import { t } from '../i18n/page-language';

const CODES = new Set([
  'SLOT_TAKEN',
  'SLOT_UNAVAILABLE',
  'RESCHEDULE_LIMIT',
  'TOO_LATE_TO_CHANGE',
  'INTERVIEW_CANCELLED',
  'NOT_JOINABLE',
  'RATE_LIMITED',
  'BAD_INPUT',
  'FEEDBACK_CLOSED',
  'ALREADY_SUBMITTED',
]);

/** The fields a candidate's or interviewer's form sends, each with its own message in the catalogue. */
const FIELDS = new Set(['timezone', 'rating', 'recommendation', 'notes', 'reason']);

/**
 * A refusal in the page's language, by its code: the server's own words are English (they are the
 * API's, read by the ATS too). A refusal without a code was the connection's.
 */
export function problemText(problem: ApiProblem | undefined | null): string {
  if (!problem) return '';
  if (problem.code === null) return t('error.unreachable');
  return CODES.has(problem.code) ? t(`error.${problem.code}` as MessageKey) : t('error.other');
}

/**
 * The server's objection to one field, in the page's language: its zod words are English, so the
 * page says what the field needs by the field's name; undefined when the field was accepted.
 */
export function fieldProblemText(problem: ApiProblem | undefined | null, field: string): string | undefined {
  const messages = problem?.fieldErrors[field];
  if (messages === undefined || messages.length === 0) return undefined;
  return FIELDS.has(field) ? t(`error.field.${field}` as MessageKey) : t('error.BAD_INPUT');
}
