import * as wf from '@temporalio/workflow';
import {
  WEBHOOK_ADDRESS_REFUSED,
  WEBHOOK_DELIVER_SIGNAL,
  WEBHOOK_GONE,
  type WebhookDeliveryRequest,
  type WebhookEndpointWorkflowInput,
} from '@portal/shared/webhook-events';
import type { WebhookDeliveryActivities, WebhookDeliverySettings } from './activities-api';
import { leftInQueue } from '../outbox/emails';

/**
 * One endpoint's deliveries (docs/adr/0022), workflow id `webhook-endpoint:<endpointId>`. The rule:
 * each interview's deliveries go one after the other in the order they were asked for (a lane per
 * interview); different interviews go side by side, up to `lanes` at once. A delivery is retried
 * by Temporal with backoff for a day; the next one of its interview waits for it to end.
 *
 * A request seen before (the same delivery id: a publish retried after its signal went out) is
 * dropped. The workflow ends after an idle hour (the next request starts it again) and continues
 * as new when its history grows, carrying what still waits.
 */
export const deliverWebhookSignal = wf.defineSignal<[WebhookDeliveryRequest]>(WEBHOOK_DELIVER_SIGNAL);

const SEEN_KEPT = 2_000;
const IDLE_BEFORE_EXIT = '1 hour';
/**
 * Continue-as-new is rare on purpose (docs/adr/0022, "Measured"): a run that continues while
 * requests keep arriving has its task failed by the server for every signal that lands meanwhile,
 * is replayed from its first event each time, and the publishes' signals are refused until it
 * manages; so the run is let grow well past the server's suggestion (4,096 events), to a fixed
 * bound under its hard limits (51,200 events, 50 MB): about 4,000 deliveries a run.
 */
const HISTORY_BEFORE_CONTINUE = 20_000;
const HISTORY_BYTES_BEFORE_CONTINUE = 20 * 1024 * 1024;

const { webhookDeliverySettings } = wf.proxyLocalActivities<WebhookDeliveryActivities>({ startToCloseTimeout: '10 seconds' });
const { failWebhookDelivery } = wf.proxyActivities<WebhookDeliveryActivities>({ startToCloseTimeout: '30 seconds' });

const deliveryOptions = (settings: WebhookDeliverySettings): wf.ActivityOptions => ({
  startToCloseTimeout: settings.timeoutMs + 10_000,
  scheduleToCloseTimeout: '24 hours',
  // A task the server lost is scheduled again (docs/adr/0007); the activity reads its row first.
  scheduleToStartTimeout: '5 minutes',
  retry: {
    initialInterval: settings.retryInitialMs,
    backoffCoefficient: 2,
    maximumInterval: '1 hour',
    nonRetryableErrorTypes: [WEBHOOK_GONE, WEBHOOK_ADDRESS_REFUSED],
  },
});

const laneOf = (request: WebhookDeliveryRequest) => request.interviewId ?? `delivery:${request.deliveryId}`;

export async function webhookEndpointDelivery(input: WebhookEndpointWorkflowInput): Promise<void> {
  const settings = input.settings ?? (await webhookDeliverySettings());
  const options = deliveryOptions(settings);
  const { deliverWebhook } = wf.proxyActivities<WebhookDeliveryActivities>(options);
  const waiting = new Map<string, WebhookDeliveryRequest[]>();
  const seenOrder = [...(input.seen ?? [])];
  const seen = new Set(seenOrder);
  const running = new Set<string>();
  let continuing = false;

  function enqueue(request: WebhookDeliveryRequest): void {
    const lane = waiting.get(laneOf(request));
    if (lane === undefined) waiting.set(laneOf(request), [request]);
    else lane.push(request);
  }

  for (const request of input.pending ?? []) enqueue(request);
  wf.setHandler(deliverWebhookSignal, (request) => {
    if (seen.has(request.deliveryId)) return;
    seen.add(request.deliveryId);
    seenOrder.push(request.deliveryId);
    if (seenOrder.length > SEEN_KEPT) seen.delete(seenOrder.shift() ?? '');
    enqueue(request);
  });

  async function deliver(request: WebhookDeliveryRequest): Promise<void> {
    try {
      for (;;) {
        try {
          await deliverWebhook.executeWithOptions({ ...options, summary: `delivery ${request.deliveryId}` }, [{ deliveryId: request.deliveryId, endpointId: input.endpointId, eventId: request.eventId }]);
          return;
        } catch (error) {
          if (!leftInQueue(error)) throw error;
        }
      }
    } catch (error) {
      // A day of retries, a 410 or a refused address: the log keeps the attempts, the row says failed.
      wf.log.warn('webhook delivery failed', { deliveryId: request.deliveryId, interviewId: request.interviewId, error: String(error) });
      await failWebhookDelivery({ deliveryId: request.deliveryId });
    }
  }

  /** Works through one interview's deliveries in order; stops between two only to continue as new. */
  async function runLane(key: string): Promise<void> {
    try {
      for (let lane = waiting.get(key); lane !== undefined && !continuing; lane = waiting.get(key)) {
        const next = lane[0];
        if (next === undefined) break;
        await deliver(next);
        lane.shift();
        if (lane.length === 0) waiting.delete(key);
      }
    } finally {
      running.delete(key);
    }
  }

  const startable = () => [...waiting.keys()].filter((key) => !running.has(key));
  const canStart = () => running.size < settings.lanes && startable().length > 0;
  const historyLong = () => {
    const { historyLength, historySize } = wf.workflowInfo();
    return historyLength > (settings.continueAfterEvents ?? HISTORY_BEFORE_CONTINUE) || historySize > HISTORY_BYTES_BEFORE_CONTINUE;
  };

  for (;;) {
    if (historyLong()) {
      continuing = true;
      await wf.condition(() => running.size === 0);
      await wf.condition(wf.allHandlersFinished);
      const pending = [...waiting.values()].flat();
      return wf.continueAsNew<typeof webhookEndpointDelivery>({ endpointId: input.endpointId, settings, pending, seen: seenOrder });
    }
    for (const key of startable()) {
      if (running.size >= settings.lanes) break;
      running.add(key);
      // Not awaited: lanes run side by side; `running` says when each is done.
      void runLane(key);
    }
    if (running.size === 0 && waiting.size === 0) {
      if (!(await wf.condition(() => waiting.size > 0, IDLE_BEFORE_EXIT)) && waiting.size === 0) return;
      continue;
    }
    await wf.condition(() => canStart() || (running.size === 0 && waiting.size === 0) || historyLong());
  }
}
