import {
  createWebhookEndpointInput,
  redeliverWebhookInput,
  updateWebhookEndpointInput,
  webhookDeliveriesInput,
  webhookEndpointRef,
} from '@portal/shared/webhook-inputs';
import { createEndpoint, getEndpoint, listDeliveries, listEndpoints, redeliver, removeEndpoint, sendTestEvent, updateEndpoint } from './webhook-endpoints';
import { adminProcedure, router } from '../http/trpc';

/** Webhook endpoints, their test button and their delivery log (docs/adr/0022): admins only. */
export const hrWebhooksRouter = router({
  create: adminProcedure.input(createWebhookEndpointInput).mutation(({ ctx, input }) => createEndpoint(ctx.deps, input, ctx.session.email)),
  list: adminProcedure.query(({ ctx }) => listEndpoints(ctx.deps.db)),
  get: adminProcedure.input(webhookEndpointRef).query(({ ctx, input }) => getEndpoint(ctx.deps.db, input.id)),
  update: adminProcedure.input(updateWebhookEndpointInput).mutation(({ ctx, input }) => updateEndpoint(ctx.deps, input, ctx.session.email)),
  remove: adminProcedure.input(webhookEndpointRef).mutation(({ ctx, input }) => removeEndpoint(ctx.deps.db, input.id)),
  test: adminProcedure.input(webhookEndpointRef).mutation(({ ctx, input }) => sendTestEvent(ctx.deps, input.id)),
  deliveries: adminProcedure.input(webhookDeliveriesInput).query(({ ctx, input }) => listDeliveries(ctx.deps.db, input.id, input.cursor)),
  redeliver: adminProcedure.input(redeliverWebhookInput).mutation(({ ctx, input }) => redeliver(ctx.deps, input.deliveryId)),
});
