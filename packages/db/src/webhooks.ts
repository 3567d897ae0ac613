import type { AnyWebhookEventType } from '@portal/shared/webhook-events';
import type { Database } from './database';
import type { WebhookDeliveryDocument } from './documents';
import { insertOnce } from './query-rules';

/** The first delivery of an event to an endpoint has this id, so a retried publish writes it once. */
export const firstDeliveryId = (endpointId: string, eventId: string) => `dlv_${endpointId}_${eventId}`;

export interface NewDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  type: AnyWebhookEventType;
  interviewId: string | null;
  now: Date;
}

/** Writes a pending delivery row once (a retry of the same insert is a no-op). */
export async function insertDelivery(db: Database, delivery: NewDelivery): Promise<void> {
  const row: WebhookDeliveryDocument = {
    _id: delivery.id,
    endpointId: delivery.endpointId,
    eventId: delivery.eventId,
    type: delivery.type,
    interviewId: delivery.interviewId,
    status: 'pending',
    attempts: 0,
    lastStatusCode: null,
    lastError: null,
    lastAttemptAt: null,
    deliveredAt: null,
    attemptLog: [],
    createdAt: delivery.now,
  };
  await insertOnce(() => db.webhookDeliveries.create(row));
}
