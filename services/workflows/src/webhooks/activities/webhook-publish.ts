import { Context } from '@temporalio/activity';
import type { Database } from '@portal/db';
import { scorecardId, type WebhookEndpointDocument } from '@portal/db/documents';
import { firstDeliveryId, insertDelivery } from '@portal/db/webhooks';
import { insertOnce } from '@portal/db';
import { teamOf } from '@portal/db/team-scope';
import {
  WEBHOOK_ENDPOINT_WORKFLOW_TYPE,
  WEBHOOK_PAYLOAD_VERSION,
  webhookDeliveryStart,
  webhookTaskQueue,
  type PublishedWebhookEvent,
  type WebhookPayload,
} from '@portal/shared/webhook-events';

/**
 * The lifecycle's event, out (docs/adr/0022): stored once under its id (the lifecycle gives it,
 * so a retried publish is the same event), one delivery row per enabled endpoint subscribed to its
 * type, and each row handed to its endpoint's workflow. The body is fixed here, once, so every
 * delivery and redelivery signs the same bytes. Every step is idempotent, so a retry after
 * a crash half-way through finishes the work without doubling any of it.
 */
export function createWebhookPublisher(deps: { db: Database }) {
  const { db } = deps;

  /**
   * A scorecard's event carries what was submitted (issue 50): read here, once, when the event is
   * stored, so the lifecycle's signal and recorded histories stay as they were. A retried publish
   * finds the event stored already and keeps its body.
   */
  async function withScorecard(event: PublishedWebhookEvent): Promise<PublishedWebhookEvent['data']> {
    const about = 'scorecard' in event.data ? event.data.scorecard : undefined;
    if (event.type !== 'scorecard.submitted' || about === undefined) return event.data;
    const card = await db.scorecards.findById(scorecardId(event.data.interviewId, about.interviewerId), { rating: 1, recommendation: 1, answers: 1 }).lean();
    if (!card) return event.data;
    return { ...event.data, scorecard: { interviewerId: about.interviewerId, rating: card.rating, recommendation: card.recommendation, answers: card.answers ?? {} } };
  }

  /** The team an event belongs to: its interview's (read by `_id`); an interview gone leaves the event to nobody. */
  async function teamOfEvent(event: PublishedWebhookEvent): Promise<string | null> {
    const interview = await db.interviews.findById(event.data.interviewId, { team: 1 }).lean();
    return interview === null ? null : teamOf(interview);
  }

  async function publishWebhookEvent(event: PublishedWebhookEvent): Promise<{ deliveries: number }> {
    // A small collection (the ATS endpoints), read whole: an equality on `enabled` would read it all the same.
    const endpoints = await db.webhookEndpoints.find({}).lean<WebhookEndpointDocument[]>();
    // Each team's endpoints hear only its own interviews' events (docs/adr/0076).
    const team = await teamOfEvent(event);
    const subscribed = endpoints.filter((endpoint) => teamOf(endpoint) === team && endpoint.enabled && endpoint.events.includes(event.type));
    // An event nobody subscribed to is not kept: a portal without endpoints writes nothing for webhooks.
    if (subscribed.length === 0) return { deliveries: 0 };
    const now = new Date();
    const data = await withScorecard(event);
    const payload: WebhookPayload = { type: event.type, version: WEBHOOK_PAYLOAD_VERSION, id: event.id, occurredAt: event.occurredAt, data };
    const rows = subscribed.map((endpoint) => ({ endpoint, deliveryId: firstDeliveryId(endpoint._id, event.id) }));
    // The event and its rows written side by side (each under its own fixed id), then handed over:
    // a workflow is signalled only once what it will read is stored.
    await Promise.all([
      insertOnce(() =>
        db.webhookEvents.create({ _id: event.id, type: event.type, interviewId: event.data.interviewId, occurredAt: new Date(event.occurredAt), body: JSON.stringify(payload), createdAt: now }),
      ),
      ...rows.map(({ endpoint, deliveryId }) =>
        insertDelivery(db, { id: deliveryId, endpointId: endpoint._id, eventId: event.id, type: event.type, interviewId: event.data.interviewId, now }),
      ),
    ]);
    const { client, info } = Context.current();
    await Promise.all(
      rows.map(({ endpoint, deliveryId }) =>
        client.workflow.signalWithStart(
          WEBHOOK_ENDPOINT_WORKFLOW_TYPE,
          webhookDeliveryStart(endpoint._id, webhookTaskQueue(info.taskQueue), { deliveryId, eventId: event.id, interviewId: event.data.interviewId }),
        ),
      ),
    );
    return { deliveries: subscribed.length };
  }

  return { publishWebhookEvent };
}
