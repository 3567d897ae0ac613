import type { AnyWebhookEventType } from '@portal/shared/webhook-events';

/** What each event means to the person choosing it, in the order the picker lists them. */
export const EVENT_LABELS: Record<AnyWebhookEventType, string> = {
  'interview.invited': 'A candidate is invited',
  'interview.booked': 'A candidate books a time',
  'interview.rescheduled': 'An interview is moved to another time',
  'interview.cancelled': 'An interview is cancelled',
  'interview.completed': 'An interview is completed',
  'interview.no_show': 'A candidate did not show up',
  'scorecard.submitted': 'An interviewer submits a scorecard',
  'interview.outcome_set': 'HR sets the outcome',
  'retake.created': 'A retake is approved',
  'webhook.test': 'Test event',
};

/** An event type the server may add later still reads as words. */
export function eventLabel(type: string): string {
  return (EVENT_LABELS as Record<string, string | undefined>)[type] ?? type;
}
