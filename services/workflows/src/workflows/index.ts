// The workflow bundle's entry: Temporal loads the workflows it registers from here.
export { interviewLifecycle } from './lifecycle';
export { interviewListFold } from './interview-list-fold';
export { calendarSync } from './calendar-sync';
export { webhookEndpointDelivery } from './webhook-delivery';
export { retentionSweep } from './retention-sweep';
export { interviewLoop } from './loop';
