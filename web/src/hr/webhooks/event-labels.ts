import type { AnyWebhookEventType } from '@portal/shared/webhook-events';
import type { HrMessageKey } from '@portal/shared/i18n/hr-messages';
import { ht } from '../hr-language';

/** What each event means to the person choosing it. */
const EVENT_KEYS: Record<AnyWebhookEventType, HrMessageKey> = {
  'interview.invited': 'hr.hooks.event.interview.invited',
  'interview.booked': 'hr.hooks.event.interview.booked',
  'interview.rescheduled': 'hr.hooks.event.interview.rescheduled',
  'interview.cancelled': 'hr.hooks.event.interview.cancelled',
  'interview.completed': 'hr.hooks.event.interview.completed',
  'interview.no_show': 'hr.hooks.event.interview.no_show',
  'scorecard.submitted': 'hr.hooks.event.scorecard.submitted',
  'interview.outcome_set': 'hr.hooks.event.interview.outcome_set',
  'retake.created': 'hr.hooks.event.retake.created',
  'interview.erased': 'hr.hooks.event.interview.erased',
  'interview.availability_submitted': 'hr.hooks.event.interview.availability_submitted',
  'webhook.test': 'hr.hooks.event.webhook.test',
};

/** An event type the server may add later still reads as itself. */
export function eventLabel(type: string): string {
  const key = (EVENT_KEYS as Record<string, HrMessageKey | undefined>)[type];
  return key === undefined ? type : ht(key);
}
