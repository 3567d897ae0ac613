import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '@portal/shared/webhook-events';
import {
  createWebhookEndpointInput,
  redeliverWebhookInput,
  updateWebhookEndpointInput,
  webhookDeliveriesInput,
  webhookEndpointRef,
} from '@portal/shared/webhook-inputs';
import { hrWebhooksRouter } from './hr-webhooks';
import { createCallerFactory, router } from '../http/trpc';
import { routesCalling } from '../http/rest/route';

/** The procedures these routes stand for, called in-process. */
const createCaller = createCallerFactory(router({ hr: router({ webhooks: hrWebhooksRouter }) }));
const route = routesCalling(createCaller);

const TAG = 'Webhooks';
/** Webhook endpoints receive interview data and their secrets sign it: a write key manages them, reading included. */
const WRITE_KEY = { credential: 'key', scopes: ['write'] } as const;
const READ_WRITE_KEY = { credential: 'key', scopes: ['read', 'write'] } as const;
const params = z.object({ id: webhookEndpointRef.shape.id });

const endpoint = z
  .looseObject({
    id: z.string(),
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    description: z.string(),
    enabled: z.boolean(),
    disabledReason: z.string().nullable().meta({ description: 'Why the portal disabled it (e.g. the receiver answered 410).' }),
    createdAt: z.date(),
    lastDelivery: z.object({ status: z.string(), at: z.date(), statusCode: z.number().nullable() }).optional(),
  })
  .meta({ id: 'WebhookEndpoint' });

const created = z
  .looseObject({
    id: z.string(),
    secret: z.string().meta({ description: 'The signing secret (`whsec_…`), shown this once.' }),
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    enabled: z.boolean(),
    createdAt: z.date(),
  })
  .meta({ id: 'CreatedWebhookEndpoint' });

const delivery = z
  .object({
    id: z.string(),
    eventId: z.string().meta({ description: 'The `webhook-id` header of every attempt.' }),
    type: z.string(),
    interviewId: z.string().nullable(),
    status: z.enum(['pending', 'delivered', 'failed', 'skipped']),
    attempts: z.number().int(),
    lastStatusCode: z.number().nullable(),
    lastError: z.string().nullable(),
    lastAttemptAt: z.date().nullable(),
    deliveredAt: z.date().nullable(),
    createdAt: z.date(),
  })
  .meta({ id: 'WebhookDelivery' });

export const webhookRoutes = [
  route({
    method: 'post',
    path: '/webhook-endpoints',
    operationId: 'createWebhookEndpoint',
    summary: 'Subscribe a URL to events',
    description: 'The URL is checked against private and loopback addresses. The answer holds the signing secret, shown once.',
    tag: TAG,
    ...WRITE_KEY,
    body: createWebhookEndpointInput,
    status: 201,
    response: created,
    refusals: [400],
    run: ({ caller, body }) => caller.hr.webhooks.create(body),
  }),
  route({
    method: 'get',
    path: '/webhook-endpoints',
    operationId: 'listWebhookEndpoints',
    summary: 'Every webhook endpoint',
    tag: TAG,
    ...READ_WRITE_KEY,
    status: 200,
    response: z.object({ items: z.array(endpoint) }),
    refusals: [],
    run: async ({ caller }) => ({ items: await caller.hr.webhooks.list() }),
  }),
  route({
    method: 'get',
    path: '/webhook-endpoints/{id}',
    operationId: 'getWebhookEndpoint',
    summary: 'One webhook endpoint',
    tag: TAG,
    ...READ_WRITE_KEY,
    params,
    status: 200,
    response: endpoint,
    refusals: [400, 404],
    run: ({ caller, params: { id } }) => caller.hr.webhooks.get({ id }),
  }),
  route({
    method: 'patch',
    path: '/webhook-endpoints/{id}',
    operationId: 'updateWebhookEndpoint',
    summary: 'Change the URL, events or description, or enable/disable',
    tag: TAG,
    ...WRITE_KEY,
    params,
    body: updateWebhookEndpointInput.omit({ id: true }),
    status: 200,
    response: endpoint,
    refusals: [400, 404],
    run: ({ caller, params: { id }, body }) => caller.hr.webhooks.update({ ...body, id }),
  }),
  route({
    method: 'delete',
    path: '/webhook-endpoints/{id}',
    operationId: 'deleteWebhookEndpoint',
    summary: 'Remove a webhook endpoint',
    tag: TAG,
    ...WRITE_KEY,
    params,
    status: 200,
    response: z.object({ id: z.string() }),
    refusals: [400, 404],
    run: ({ caller, params: { id } }) => caller.hr.webhooks.remove({ id }),
  }),
  route({
    method: 'post',
    path: '/webhook-endpoints/{id}/test',
    operationId: 'testWebhookEndpoint',
    summary: 'Send a `webhook.test` event through the delivery path',
    tag: TAG,
    ...WRITE_KEY,
    params,
    status: 201,
    response: z.object({ deliveryId: z.string() }),
    refusals: [400, 404, 409],
    run: ({ caller, params: { id } }) => caller.hr.webhooks.test({ id }),
  }),
  route({
    method: 'get',
    path: '/webhook-endpoints/{id}/deliveries',
    operationId: 'listWebhookDeliveries',
    summary: 'The delivery log, newest first',
    tag: TAG,
    ...READ_WRITE_KEY,
    params,
    query: webhookDeliveriesInput.omit({ id: true }),
    status: 200,
    response: z.object({ items: z.array(delivery), nextCursor: z.string().nullable() }),
    refusals: [400, 404],
    run: ({ caller, params: { id }, query }) => caller.hr.webhooks.deliveries({ ...query, id }),
  }),
  route({
    method: 'post',
    path: '/webhook-deliveries/{id}/redeliver',
    operationId: 'redeliverWebhook',
    summary: 'Send a delivery again, with the same webhook-id',
    tag: TAG,
    ...WRITE_KEY,
    params: z.object({ id: redeliverWebhookInput.shape.deliveryId }),
    status: 200,
    response: z.object({ deliveryId: z.string() }),
    refusals: [400, 404, 409],
    run: ({ caller, params: { id } }) => caller.hr.webhooks.redeliver({ deliveryId: id }),
  }),
];
