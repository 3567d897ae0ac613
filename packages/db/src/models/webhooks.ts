import { teamOwned } from './team-scope';
import { Schema } from 'mongoose';
import { WEBHOOK_DELIVERY_STATUSES, type AnyWebhookEventType, type WebhookDeliveryStatus, type WebhookEventType } from '@portal/shared/webhook-events';
import { STRICT, embedded, presentString, requiredDate, requiredNumber, requiredString, validateUpdates } from './strict-schema';

/**
 * Webhooks out (docs/adr/0022). An endpoint is written by HR (booking) only, except that a `410`
 * from it disables it (the delivery activity), a rule that only ever turns `enabled` off.
 */
export interface WebhookEndpointDocument {
  /** `whe_` + 20 letters and digits. */
  _id: string;
  /** The hiring team the record belongs to (docs/adr/0076); absent on records stored before teams: the default team. */
  team?: string;
  url: string;
  events: WebhookEventType[];
  description: string;
  enabled: boolean;
  /** Why the endpoint was disabled (by HR, or by a `410 Gone`), null while enabled. */
  disabledReason: string | null;
  /**
   * The `whsec_` signing secret. Stored as it is (not hashed): every delivery signs with it. It is
   * shown to HR once, at creation, never listed, and never logged.
   */
  secret: string;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
}

/** An event as it went out: the exact body every delivery and redelivery of it signs. */
export interface WebhookEventDocument {
  /** The event id, which is the `webhook-id` header of every delivery of it. */
  _id: string;
  type: AnyWebhookEventType;
  interviewId: string | null;
  occurredAt: Date;
  body: string;
  createdAt: Date;
}

export interface WebhookAttempt {
  at: Date;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** One event to one endpoint: the delivery log's row, written by the delivery workflow's activities. */
export interface WebhookDeliveryDocument {
  /** `dlv_<endpointId>_<eventId>` for the first delivery; a redelivery adds `_r<n>`. */
  _id: string;
  endpointId: string;
  eventId: string;
  type: AnyWebhookEventType;
  interviewId: string | null;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
  /** The last attempts, newest last (at most 20 kept). */
  attemptLog: WebhookAttempt[];
  createdAt: Date;
}

const nullableString = { type: String, default: null };
const nullableDate = { type: Date, default: null };
const nullableNumber = { type: Number, default: null };

/** A small collection, read whole by the list and by each publish. */
export const webhookEndpointSchema = teamOwned(
  validateUpdates(
  new Schema<WebhookEndpointDocument>(
    {
      _id: requiredString,
      url: requiredString,
      events: { type: [String], required: true },
      description: presentString,
      enabled: { type: Boolean, required: true },
      disabledReason: nullableString,
      secret: requiredString,
      createdAt: requiredDate,
      createdBy: requiredString,
      updatedAt: requiredDate,
    },
    STRICT,
  ),
),
);

export const webhookEventSchema = validateUpdates(
  new Schema<WebhookEventDocument>(
    {
      _id: requiredString,
      type: requiredString,
      interviewId: nullableString,
      occurredAt: requiredDate,
      body: requiredString,
      createdAt: requiredDate,
    },
    STRICT,
  ),
);

const attemptSchema = embedded<WebhookAttempt>({ at: requiredDate, statusCode: nullableNumber, error: nullableString, durationMs: requiredNumber });

/** Read by `_id`, and per endpoint (`endpointId` equality) for the log. */
export const webhookDeliverySchema = validateUpdates(
  new Schema<WebhookDeliveryDocument>(
    {
      _id: requiredString,
      endpointId: requiredString,
      eventId: requiredString,
      type: requiredString,
      interviewId: nullableString,
      status: { type: String, enum: WEBHOOK_DELIVERY_STATUSES, required: true },
      attempts: requiredNumber,
      lastStatusCode: nullableNumber,
      lastError: nullableString,
      lastAttemptAt: nullableDate,
      deliveredAt: nullableDate,
      attemptLog: { type: [attemptSchema], default: [] },
      createdAt: requiredDate,
    },
    STRICT,
  ),
);
webhookDeliverySchema.index({ endpointId: 1 });
