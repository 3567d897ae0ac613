import { randomBytes } from 'node:crypto';
import type { Database } from '@portal/db';
import type { WebhookDeliveryDocument, WebhookEndpointDocument } from '@portal/db/documents';
import { insertDelivery } from '@portal/db/webhooks';
import { DomainError } from '@portal/shared/errors';
import { refusedWebhookUrl } from '@portal/shared/webhook-address';
import {
  WEBHOOK_ENDPOINT_WORKFLOW_TYPE,
  WEBHOOK_PAYLOAD_VERSION,
  WEBHOOK_TEST_EVENT,
  webhookDeliveryStart,
  webhookTaskQueue,
  type WebhookPayload,
} from '@portal/shared/webhook-events';
import type { CreateWebhookEndpointInput, UpdateWebhookEndpointInput } from '@portal/shared/webhook-inputs';
import type { Deps } from '../http/context';

/** HR's webhook endpoints (docs/adr/0022): saved here, delivered by the workflows worker. */
const PAGE_SIZE = 50;
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function base62(length: number): string {
  return [...randomBytes(length)].map((byte) => BASE62[byte % 62]).join('');
}

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

function checkUrl(deps: Deps, url: string): void {
  const refused = refusedWebhookUrl(url, deps.env.WEBHOOK_ALLOWED_HOSTS);
  if (refused !== null) throw new DomainError('BAD_INPUT', `url: webhooks cannot be sent there (${refused}).`);
}

async function endpointOf(db: Database, id: string): Promise<WebhookEndpointDocument> {
  const endpoint = await db.webhookEndpoints.findById(id).lean<WebhookEndpointDocument>();
  if (endpoint === null) throw new DomainError('NOT_FOUND', 'There is no webhook endpoint with this id.');
  return endpoint;
}

async function lastDeliveryOf(db: Database, endpointId: string) {
  const last = await db.webhookDeliveries.findOne({ endpointId }).sort({ createdAt: -1 }).lean<WebhookDeliveryDocument>();
  return last === null ? undefined : { status: last.status, at: last.lastAttemptAt ?? last.createdAt, statusCode: last.lastStatusCode };
}

/** What HR sees of an endpoint: everything but its secret. */
async function endpointItem(db: Database, endpoint: WebhookEndpointDocument) {
  return {
    id: endpoint._id,
    url: endpoint.url,
    events: endpoint.events,
    description: endpoint.description,
    enabled: endpoint.enabled,
    disabledReason: endpoint.disabledReason,
    createdAt: endpoint.createdAt,
    lastDelivery: await lastDeliveryOf(db, endpoint._id),
  };
}

export async function createEndpoint(deps: Deps, input: CreateWebhookEndpointInput, actor: string) {
  checkUrl(deps, input.url);
  const now = new Date();
  const endpoint: WebhookEndpointDocument = {
    _id: `whe_${base62(20)}`,
    url: input.url,
    events: input.events,
    description: input.description ?? '',
    enabled: true,
    disabledReason: null,
    secret: newSecret(),
    createdAt: now,
    createdBy: actor,
    updatedAt: now,
  };
  await deps.db.webhookEndpoints.create(endpoint);
  const { _id: id, secret, url, events, description, enabled, createdAt } = endpoint;
  return { id, secret, url, events, description, enabled, createdAt };
}

export async function listEndpoints(db: Database) {
  const endpoints = await db.webhookEndpoints.find({}).sort({ createdAt: 1 }).lean<WebhookEndpointDocument[]>();
  return Promise.all(endpoints.map((endpoint) => endpointItem(db, endpoint)));
}

export async function getEndpoint(db: Database, id: string) {
  return endpointItem(db, await endpointOf(db, id));
}

export async function updateEndpoint(deps: Deps, input: UpdateWebhookEndpointInput, actor: string) {
  const endpoint = await endpointOf(deps.db, input.id);
  if (input.url !== undefined) checkUrl(deps, input.url);
  const enabled = input.enabled ?? endpoint.enabled;
  const disabledReason = enabled ? null : input.enabled === false ? `disabled by ${actor}` : endpoint.disabledReason;
  const set = {
    ...(input.url === undefined ? {} : { url: input.url }),
    ...(input.events === undefined ? {} : { events: input.events }),
    ...(input.description === undefined ? {} : { description: input.description }),
    enabled,
    disabledReason,
    updatedAt: new Date(),
  };
  await deps.db.webhookEndpoints.updateOne({ _id: endpoint._id }, { $set: set });
  return getEndpoint(deps.db, endpoint._id);
}

/** The endpoint goes; its delivery log stays. Deliveries still queued for it are skipped. */
export async function removeEndpoint(db: Database, id: string) {
  const endpoint = await endpointOf(db, id);
  await db.webhookEndpoints.deleteOne({ _id: endpoint._id });
  return { id: endpoint._id };
}

async function requestDelivery(deps: Deps, endpointId: string, delivery: { id: string; eventId: string; interviewId: string | null }) {
  const start = webhookDeliveryStart(endpointId, webhookTaskQueue(deps.env.LIFECYCLE_TASK_QUEUE), { deliveryId: delivery.id, eventId: delivery.eventId, interviewId: delivery.interviewId });
  await deps.temporal.workflow.signalWithStart(WEBHOOK_ENDPOINT_WORKFLOW_TYPE, start);
}

/** A `webhook.test` event through the same path as the lifecycle's: stored, logged, delivered by the endpoint's workflow. */
export async function sendTestEvent(deps: Deps, id: string) {
  const endpoint = await endpointOf(deps.db, id);
  if (!endpoint.enabled) throw new DomainError('ILLEGAL_TRANSITION', 'This endpoint is disabled; enable it to send a test event.');
  const now = new Date();
  const eventId = `evt_test_${base62(20)}`;
  const payload: WebhookPayload = {
    type: WEBHOOK_TEST_EVENT,
    version: WEBHOOK_PAYLOAD_VERSION,
    id: eventId,
    occurredAt: now.toISOString(),
    data: { endpointId: endpoint._id, message: 'A test event from the interview portal.' },
  };
  await deps.db.webhookEvents.create({ _id: eventId, type: WEBHOOK_TEST_EVENT, interviewId: null, occurredAt: now, body: JSON.stringify(payload), createdAt: now });
  const deliveryId = `dlv_${endpoint._id}_${eventId}`;
  await insertDelivery(deps.db, { id: deliveryId, endpointId: endpoint._id, eventId, type: WEBHOOK_TEST_EVENT, interviewId: null, now });
  await requestDelivery(deps, endpoint._id, { id: deliveryId, eventId, interviewId: null });
  return { deliveryId };
}

export async function listDeliveries(db: Database, id: string, cursor: string | undefined) {
  const endpoint = await endpointOf(db, id);
  const skip = cursor === undefined ? 0 : Number(cursor);
  const rows = await db.webhookDeliveries
    .find({ endpointId: endpoint._id })
    .sort({ createdAt: -1, _id: -1 })
    .skip(skip)
    .limit(PAGE_SIZE + 1)
    .lean<WebhookDeliveryDocument[]>();
  const items = rows.slice(0, PAGE_SIZE).map((row) => ({
    id: row._id,
    eventId: row.eventId,
    type: row.type,
    interviewId: row.interviewId,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    lastAttemptAt: row.lastAttemptAt,
    deliveredAt: row.deliveredAt,
    createdAt: row.createdAt,
  }));
  return { items, nextCursor: rows.length > PAGE_SIZE ? String(skip + PAGE_SIZE) : null };
}

/** The same event (the same `webhook-id` and body) once more, as a new row in the log. */
export async function redeliver(deps: Deps, deliveryId: string) {
  const original = await deps.db.webhookDeliveries.findById(deliveryId).lean<WebhookDeliveryDocument>();
  // Another team's delivery (its endpoint is not found in this team's scope) reads as missing.
  const endpoint = original === null ? null : await deps.db.webhookEndpoints.findById(original.endpointId).lean<WebhookEndpointDocument>();
  if (original === null || endpoint === null) throw new DomainError('NOT_FOUND', 'There is no webhook delivery with this id.');
  if (!endpoint.enabled) throw new DomainError('ILLEGAL_TRANSITION', 'This endpoint is disabled; enable it to redeliver.');
  const id = `dlv_${endpoint._id}_${original.eventId}_r${base62(8)}`;
  await insertDelivery(deps.db, { id, endpointId: endpoint._id, eventId: original.eventId, type: original.type, interviewId: original.interviewId, now: new Date() });
  await requestDelivery(deps, endpoint._id, { id, eventId: original.eventId, interviewId: original.interviewId });
  return { deliveryId: id };
}
