import { z } from 'zod';

/**
 * Webhooks out (docs/adr/0022): what an endpoint can subscribe to, and the one JSON shape every
 * event has. The payload is versioned: a change that is not purely additive gets a new `version`,
 * and receivers read `version` before `data`.
 */
export const WEBHOOK_EVENT_TYPES = [
  'interview.invited',
  'interview.booked',
  'interview.rescheduled',
  'interview.cancelled',
  'interview.completed',
  'interview.no_show',
  'scorecard.submitted',
  'interview.outcome_set',
  'retake.created',
  'interview.erased',
  'interview.availability_submitted',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent by HR's "Send test" button through the same delivery path; no endpoint subscribes to it. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';
export type AnyWebhookEventType = WebhookEventType | typeof WEBHOOK_TEST_EVENT;

export const WEBHOOK_PAYLOAD_VERSION = 1;

/** Every time is UTC (ISO 8601 with `Z`); `timezone` is the zone the candidate chose, to show it in. */
const utc = z.iso.datetime();

const panelMember = z.object({ interviewerId: z.string(), name: z.string(), email: z.string() });

const interviewData = z.object({
  interviewId: z.string(),
  attempt: z.number().int(),
  previousInterviewId: z.string().nullable(),
  status: z.string(),
  outcome: z.string(),
  position: z.string(),
  kind: z.string(),
  candidate: z.object({ name: z.string(), email: z.string(), timezone: z.string() }),
  /** The booked time (null before a booking); `timezone` repeats the candidate's zone. */
  slot: z.object({ start: utc, end: utc, timezone: z.string() }).nullable(),
  panel: z.array(panelMember),
  rescheduleCount: z.number().int(),
  /** `interview.rescheduled`: the time it moved from. */
  previousSlot: z.object({ start: utc, end: utc }).optional(),
  /** `interview.cancelled`: the reason given, if any. */
  cancelReason: z.string().nullable().optional(),
  /**
   * `scorecard.submitted`: whose scorecard arrived, and (issue 50) its rating, recommendation and
   * the answers to the interview's kit by question id, as submitted.
   */
  scorecard: z
    .object({
      interviewerId: z.string(),
      rating: z.number().int().optional(),
      recommendation: z.string().optional(),
      answers: z.record(z.string(), z.union([z.number(), z.boolean(), z.string()])).optional(),
    })
    .optional(),
  /**
   * `interview.availability_submitted` (docs/adr/0071): none of the offered times worked, and the
   * candidate sent when they could come (UTC instants; `timezone` is the zone they wrote them in).
   */
  availability: z
    .object({
      windows: z.array(z.object({ start: utc, end: utc })),
      timezone: z.string(),
      note: z.string().nullable(),
      submittedAt: utc,
    })
    .optional(),
  /** `retake.created`: the new interview that replaces this one. */
  retake: z.object({ interviewId: z.string() }).optional(),
});
export type WebhookInterviewData = z.infer<typeof interviewData>;

/**
 * `interview.erased` (docs/adr/0048): the candidate's data was erased; ids and the status it ended
 * in, nothing personal. An open interview the erasure cancelled says `CANCELLED` here and sends no
 * `interview.cancelled`. The receiver should drop what it keeps of the candidate for this interview.
 */
const erasedData = z.object({ interviewId: z.string(), previousInterviewId: z.string().nullable(), attempt: z.number().int(), status: z.string() });
export type WebhookErasedData = z.infer<typeof erasedData>;

/** The events whose data is the interview's facts (every one but the erasure's). */
const INTERVIEW_FACT_TYPES = WEBHOOK_EVENT_TYPES.filter((type): type is Exclude<WebhookEventType, 'interview.erased'> => type !== 'interview.erased');

const testData = z.object({ endpointId: z.string(), message: z.string() });

const envelope = <T extends z.ZodType>(type: z.ZodType<AnyWebhookEventType>, data: T) =>
  z.object({ type, version: z.literal(WEBHOOK_PAYLOAD_VERSION), id: z.string(), occurredAt: utc, data });

/** The body of every delivery: `{ type, version: 1, id, occurredAt, data }`. `id` is also the `webhook-id` header. */
export const webhookPayload = z.union([
  envelope(z.enum(INTERVIEW_FACT_TYPES), interviewData),
  envelope(z.literal('interview.erased'), erasedData),
  envelope(z.literal(WEBHOOK_TEST_EVENT), testData),
]);
export type WebhookPayload = z.infer<typeof webhookPayload>;

/** What erasure leaves of a stored event's body (packages/privacy); a delivery still waiting for it is skipped. */
export const ERASED_WEBHOOK_BODY = JSON.stringify({ erased: true });

/** An event the lifecycle publishes; the publishing activity turns it into a stored event and deliveries. */
export type PublishedWebhookEvent = { id: string; occurredAt: string } & (
  | { type: Exclude<WebhookEventType, 'interview.erased'>; data: WebhookInterviewData }
  | { type: 'interview.erased'; data: WebhookErasedData }
);

/** The lifecycle's events get ids from the interview and their order in it, so a retried publish is the same event. */
export const lifecycleEventId = (interviewId: string, sequence: number) => `evt_${interviewId}_${sequence}`;

/** One per endpoint (docs/adr/0022): it keeps each interview's events in order and retries them. */
export const WEBHOOK_ENDPOINT_WORKFLOW_TYPE = 'webhookEndpointDelivery';
export const WEBHOOK_DELIVER_SIGNAL = 'deliverWebhook';
export const webhookEndpointWorkflowId = (endpointId: string) => `webhook-endpoint:${endpointId}`;
/**
 * The endpoint workflows' task queue (docs/adr/0022, "Measured"): the lifecycle's, suffixed, served
 * by a worker of its own with bounded slots, so a booking's workflow and activity tasks never
 * queue behind webhook deliveries, nor theirs behind a booking's.
 */
export const webhookTaskQueue = (lifecycleTaskQueue: string) => `${lifecycleTaskQueue}-webhooks`;

/** What the endpoint's workflow is asked to deliver: a delivery row already written, for an event already stored. */
export interface WebhookDeliveryRequest {
  deliveryId: string;
  eventId: string;
  /** Deliveries of one interview go in order; `null` (a test event) goes on its own. */
  interviewId: string | null;
}

export interface WebhookEndpointWorkflowInput {
  endpointId: string;
  /** Requests carried over a continue-as-new, in the order they were waiting. */
  pending?: WebhookDeliveryRequest[];
  /** Delivery ids already taken in, so a repeated signal is dropped (bounded; see the workflow). */
  seen?: string[];
  /** The workflows service's settings, read by the first run and carried over. */
  settings?: { timeoutMs: number; retryInitialMs: number; lanes: number; continueAfterEvents?: number };
}

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'skipped'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * How booking (test, redeliver) and the publishing activity hand a delivery to the endpoint's
 * workflow: signal-with-start, so the first delivery starts it and the others join its queue.
 */
export function webhookDeliveryStart(endpointId: string, taskQueue: string, request: WebhookDeliveryRequest) {
  const input: WebhookEndpointWorkflowInput = { endpointId };
  return {
    workflowId: webhookEndpointWorkflowId(endpointId),
    taskQueue,
    args: [input] as [WebhookEndpointWorkflowInput],
    signal: WEBHOOK_DELIVER_SIGNAL,
    signalArgs: [request] as [WebhookDeliveryRequest],
    staticSummary: `webhook deliveries to endpoint ${endpointId}`,
  };
}

/** Failures the delivery activity raises that no retry would change: a `410 Gone`, an address refused. */
export const WEBHOOK_GONE = 'WEBHOOK_GONE';
export const WEBHOOK_ADDRESS_REFUSED = 'WEBHOOK_ADDRESS_REFUSED';
