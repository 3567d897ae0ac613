import type { MessageKey } from '@portal/shared/i18n/messages';
import type { ApiProblem } from '../api-error';
import { t } from '../i18n/page-language';

const CODES = new Set(['SLOT_TAKEN', 'SLOT_UNAVAILABLE', 'RESCHEDULE_LIMIT', 'TOO_LATE_TO_CHANGE', 'INTERVIEW_CANCELLED', 'NOT_JOINABLE', 'RATE_LIMITED', 'BAD_INPUT']);

/**
 * A refusal in the page's language, by its code: the server's own words are English (they are the
 * API's, read by the ATS too). A refusal without a code was the connection's.
 */
export function problemText(problem: ApiProblem | undefined | null): string {
  if (!problem) return '';
  if (problem.code === null) return t('error.unreachable');
  return CODES.has(problem.code) ? t(`error.${problem.code}` as MessageKey) : t('error.other');
}
