import { ApplicationFailure, Context } from '@temporalio/activity';
import { Webhook } from 'standardwebhooks';
import type { Database } from '@portal/db';
import type { WebhookAttempt, WebhookDeliveryDocument, WebhookEndpointDocument, WebhookEventDocument } from '@portal/db/documents';
import { ERASED_WEBHOOK_BODY, WEBHOOK_ADDRESS_REFUSED, WEBHOOK_GONE, type WebhookDeliveryStatus } from '@portal/shared/webhook-events';
import type { WebhookDeliveryInput, WebhookDeliveryOutcome, WebhookDeliverySettings } from '../activities-api';
import { answerNote, connectionNote } from './webhook-answer-note';
import { postWebhook, RefusedWebhookAddress, type WebhookAnswer } from './webhook-request';

/** The endpoint gave no answer (refused connection, deadline): retried. */
const WEBHOOK_UNREACHABLE = 'WEBHOOK_UNREACHABLE';

/**
 * One attempt to deliver one row of the delivery log (docs/adr/0022). Temporal retries a failed
 * attempt with backoff for a day; every attempt, whatever it ends in, is written on the row.
 * Signed per Standard Webhooks with the reference library: `webhook-id` is the event id, the same
 * on every attempt and every redelivery, so a receiver can drop what it already has.
 *
 * Never logged: the secret, the signature, the body. Never kept, logged or handed to Temporal: the
 * receiver's words (its status, length and a keyed digest stand for them: webhook-answer-note.ts).
 */
export interface WebhookSettings extends WebhookDeliverySettings {
  allowedHosts: Set<string>;
}

const KEPT_ATTEMPTS = 20;

async function record(db: Database, row: WebhookDeliveryDocument, attempt: WebhookAttempt, status: WebhookDeliveryStatus): Promise<void> {
  await db.webhookDeliveries.updateOne(
    { _id: row._id },
    {
      $set: {
        status,
        attempts: row.attempts + 1,
        lastStatusCode: attempt.statusCode,
        lastError: attempt.error,
        lastAttemptAt: attempt.at,
        deliveredAt: status === 'delivered' ? attempt.at : null,
        attemptLog: [...row.attemptLog, attempt].slice(-KEPT_ATTEMPTS),
      },
    },
  );
}

export function createWebhookDelivery(deps: { db: Database; webhooks: WebhookSettings }) {
  const { db, webhooks } = deps;

  const endpointOf = (id: string) => db.webhookEndpoints.findById(id).lean<WebhookEndpointDocument>().exec();
  const eventOf = (id: string) => db.webhookEvents.findById(id).lean<WebhookEventDocument>().exec();

  async function deliverWebhook(input: WebhookDeliveryInput): Promise<WebhookDeliveryOutcome> {
    const { deliveryId } = input;
    // The row, its endpoint and its event read side by side when the request names them (one
    // round trip of latency, not three); a request from before they were named reads the row first.
    const named = input.endpointId !== undefined && input.eventId !== undefined ? Promise.all([endpointOf(input.endpointId), eventOf(input.eventId)]) : null;
    // Read whatever the row says; a failed read is the attempt's failure, retried as any other.
    named?.catch(() => undefined);
    const row = await db.webhookDeliveries.findById(deliveryId).lean<WebhookDeliveryDocument>();
    if (row === null) return 'skipped';
    // A retry after a crash that followed a success, or a repeated request: delivered once.
    if (row.status === 'delivered' || row.status === 'skipped' || row.status === 'failed') return row.status;
    const [endpoint, event] =
      named !== null && input.endpointId === row.endpointId && input.eventId === row.eventId ? await named : await Promise.all([endpointOf(row.endpointId), eventOf(row.eventId)]);
    if (endpoint === null || !endpoint.enabled) {
      await db.webhookDeliveries.updateOne({ _id: row._id }, { $set: { status: 'skipped', lastError: endpoint === null ? 'the endpoint was removed' : 'the endpoint is disabled' } });
      return 'skipped';
    }
    if (event === null) throw ApplicationFailure.nonRetryable(`event ${row.eventId} is not stored`, 'WEBHOOK_EVENT_MISSING');
    // The candidate was erased while this waited: their event is gone, not sent as a husk.
    if (event.body === ERASED_WEBHOOK_BODY) {
      await db.webhookDeliveries.updateOne({ _id: row._id }, { $set: { status: 'skipped', lastError: "the candidate's data was erased" } });
      return 'skipped';
    }

    const at = new Date();
    const signature = new Webhook(endpoint.secret).sign(event._id, at, event.body);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'interview-portal-webhooks/1',
      'webhook-id': event._id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
    };
    const log = Context.current().log;
    const context = { deliveryId, endpointId: endpoint._id, eventId: event._id };
    let answer: WebhookAnswer;
    try {
      answer = await postWebhook({ url: endpoint.url, headers, body: event.body, timeoutMs: webhooks.timeoutMs, allowedHosts: webhooks.allowedHosts });
    } catch (error) {
      // Our words only, in the log, the row and Temporal: never a message the peer could shape.
      const note = connectionNote(error);
      const refused = error instanceof RefusedWebhookAddress;
      await record(db, row, { at, statusCode: null, error: note, durationMs: Date.now() - at.getTime() }, refused ? 'failed' : 'pending');
      log.warn(refused ? 'webhook address refused' : 'webhook attempt failed', { ...context, error: note });
      // An address refused now may be allowed later (DNS changes), but not by retrying blindly: HR redelivers.
      if (refused) throw ApplicationFailure.nonRetryable(note, WEBHOOK_ADDRESS_REFUSED);
      throw ApplicationFailure.retryable(`the endpoint could not be reached: ${note}`, WEBHOOK_UNREACHABLE);
    }
    const durationMs = Date.now() - at.getTime();
    const { statusCode } = answer;
    if (statusCode >= 200 && statusCode < 300) {
      await record(db, row, { at, statusCode, error: null, durationMs }, 'delivered');
      log.info('webhook delivered', { ...context, statusCode, durationMs });
      return 'delivered';
    }
    if (statusCode === 410) {
      await record(db, row, { at, statusCode, error: 'gone: the endpoint was disabled', durationMs }, 'failed');
      await db.webhookEndpoints.updateOne({ _id: endpoint._id }, { $set: { enabled: false, disabledReason: `the endpoint answered 410 Gone at ${at.toISOString()}`, updatedAt: at } });
      log.warn('webhook endpoint answered 410 Gone; disabled', context);
      throw ApplicationFailure.nonRetryable('the endpoint answered 410 Gone and was disabled', WEBHOOK_GONE);
    }
    // Its status, length and a keyed digest: never the receiver's words, which may quote the candidate.
    const error = answerNote(answer, endpoint.secret);
    await record(db, row, { at, statusCode, error, durationMs }, 'pending');
    log.warn('webhook attempt failed', { ...context, statusCode });
    throw ApplicationFailure.retryable(`the endpoint ${error}`, 'WEBHOOK_REFUSED');
  }

  /** After the last retry: the row says failed, with the last error it had. */
  async function failWebhookDelivery({ deliveryId }: { deliveryId: string }): Promise<void> {
    await db.webhookDeliveries.updateOne({ _id: deliveryId, status: 'pending' }, { $set: { status: 'failed' } });
  }

  async function webhookDeliverySettings(): Promise<WebhookDeliverySettings> {
    return { timeoutMs: webhooks.timeoutMs, retryInitialMs: webhooks.retryInitialMs, lanes: webhooks.lanes };
  }

  return { deliverWebhook, failWebhookDelivery, webhookDeliverySettings };
}
