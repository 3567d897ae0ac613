// The workflow bundle's entry: Temporal loads the workflows it registers from here.
export { interviewLifecycle } from './lifecycle/lifecycle';
export { interviewListFold } from './list-fold/interview-list-fold';
export { calendarSync } from './calendar-sync/calendar-sync';
export { webhookEndpointDelivery } from './webhooks/webhook-delivery';
export { retentionSweep } from './retention/retention-sweep';
export { interviewLoop } from './loop/loop';
export { waitlistCoordinator } from './waitlist/coordinator';
