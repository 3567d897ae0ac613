import type { PublishedWebhookEvent } from '@portal/shared/webhook-events';

/** One delivery row; its endpoint and event named too (read beside the row), absent in requests from before they were. */
export interface WebhookDeliveryInput {
  deliveryId: string;
  endpointId?: string;
  eventId?: string;
}

/** How one delivery ended: `skipped` when its endpoint is gone or disabled. */
export type WebhookDeliveryOutcome = 'delivered' | 'skipped' | 'failed' | 'pending';

/** The delivery workflow's settings, from the workflows service's environment (read once per run). */
export interface WebhookDeliverySettings {
  timeoutMs: number;
  retryInitialMs: number;
  /** Interviews whose deliveries run at once for one endpoint. */
  lanes: number;
  /** History length past which the workflow continues as new (tests shorten it). */
  continueAfterEvents?: number;
}

/** The lifecycle's webhook events, published as deliveries to every endpoint that asked for them (types only). */
export interface WebhookEventActivities {
  publishWebhookEvent(event: PublishedWebhookEvent): Promise<{ deliveries: number }>;
}

/** One endpoint's deliveries (types only, for webhookEndpointDelivery on the webhooks' task queue). */
export interface WebhookDeliveryActivities {
  deliverWebhook(input: WebhookDeliveryInput): Promise<WebhookDeliveryOutcome>;
  failWebhookDelivery(input: { deliveryId: string }): Promise<void>;
  webhookDeliverySettings(): Promise<WebhookDeliverySettings>;
}
