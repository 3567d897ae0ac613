import { z } from 'zod';
import { CONTROL_CHARACTERS_MESSAGE, LINE_BREAK_MESSAGE, lineText, screened } from './text';
import { WEBHOOK_EVENT_TYPES } from './webhook-events';

/** The inputs of `hr.webhooks.*` (and the REST routes over them); the address rules are in webhook-address.ts. */
const ENDPOINT_ID = /^whe_[A-Za-z0-9]{20}$/;
const DELIVERY_ID = /^dlv_[A-Za-z0-9_.-]{1,200}$/;

export const webhookEndpointId = screened(z.string().regex(ENDPOINT_ID, 'must be a webhook endpoint id'));
export const webhookDeliveryId = screened(z.string().regex(DELIVERY_ID, 'must be a webhook delivery id'));

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/**
 * One line, as every other one-line field: a URL parser drops the tabs and line breaks inside an
 * address, so one taken would be stored as typed and called as another. Trimmed first (a pasted
 * trailing newline is no error), then refused.
 */
export const webhookUrl = screened(
  z
    .string()
    .trim()
    .refine((text) => !/[\n\r]/.test(text), { error: LINE_BREAK_MESSAGE, abort: true })
    .refine((text) => !text.includes('\t'), { error: CONTROL_CHARACTERS_MESSAGE, abort: true })
    .min(1, 'must be an http(s) URL')
    .max(2048, 'must be at most 2048 characters')
    .refine(isHttpUrl, 'must be an http(s) URL without a user name or password'),
);

const eventTypes = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { error: `must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}` }))
  .min(1, 'choose at least one event')
  .transform((events) => [...new Set(events)]);

const description = lineText(200, { maxMessage: 'must be at most 200 characters' });

export const createWebhookEndpointInput = z.object({ url: webhookUrl, events: eventTypes, description: description.optional() });
export type CreateWebhookEndpointInput = z.infer<typeof createWebhookEndpointInput>;

export const updateWebhookEndpointInput = z.object({
  id: webhookEndpointId,
  url: webhookUrl.optional(),
  events: eventTypes.optional(),
  description: description.optional(),
  enabled: z.boolean().optional(),
});
export type UpdateWebhookEndpointInput = z.infer<typeof updateWebhookEndpointInput>;

export const webhookEndpointRef = z.object({ id: webhookEndpointId });

/** The cursor is the opaque string a previous page returned. */
export const webhookDeliveriesInput = z.object({
  id: webhookEndpointId,
  cursor: screened(z.string().regex(/^\d{1,9}$/, 'must be a cursor from a previous page')).optional(),
});

export const redeliverWebhookInput = z.object({ deliveryId: webhookDeliveryId });
