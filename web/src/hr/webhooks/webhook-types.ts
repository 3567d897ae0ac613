import type { trpc } from '../../api/trpc';

type Webhooks = (typeof trpc)['hr']['webhooks'];
type Result<F> = F extends (...args: never[]) => PromiseLike<infer R> ? R : never;

export type WebhookEndpoint = Result<Webhooks['list']['query']>[number];
export type WebhookEndpointCreated = Result<Webhooks['create']['mutate']>;
export type WebhookDeliveryPage = Result<Webhooks['deliveries']['query']>;
export type WebhookDelivery = WebhookDeliveryPage['items'][number];
export type DeliveryStatus = WebhookDelivery['status'];
