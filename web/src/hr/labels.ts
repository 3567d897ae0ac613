import type { InterviewStatus, Outcome } from '@portal/shared/status';

export const STATUS_LABELS: Record<InterviewStatus, string> = {
  INVITED: 'Invited',
  SCHEDULED: 'Scheduled',
  IN_PROGRESS: 'In progress',
  COMPLETED: 'Completed',
  NO_SHOW: 'No-show',
  EXPIRED: 'Expired',
  CANCELLED: 'Cancelled',
  ARCHIVED: 'Archived',
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  PENDING: 'Pending',
  PASSED: 'Passed',
  FAILED: 'Failed',
  ON_HOLD: 'On hold',
};

export const WEEKDAY_LABELS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** Labels for enum-like strings we do not own (event types, email kinds): "RETAKE_INVITE" → "Retake invite". */
export function humanize(code: string): string {
  const words = code.replaceAll(/[_.-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
