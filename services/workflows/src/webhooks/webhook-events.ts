import { log, proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import type { LifecycleInput, LifecycleState } from '@portal/shared/lifecycle';
import { lifecycleEventId, type PublishedWebhookEvent, type WebhookEventType, type WebhookInterviewData } from '@portal/shared/webhook-events';
import type { WebhookEventActivities } from './activities-api';
import { leftInQueue } from '../outbox/emails';
import { isPatched } from '../patches/patches';

/**
 * The lifecycle's webhook events (docs/adr/0022). Each is published by an activity the lifecycle
 * does not wait for, so a booking's answer never waits on webhooks; each publish starts once the
 * one before it has finished, so an interview's events reach the endpoints' workflows in the order
 * they happened. The lifecycle drains them before it returns.
 *
 * Lifecycles started before webhooks existed publish nothing: the patch is asked once, at the
 * start, so their recorded histories replay as they ran.
 */
const WEBHOOK_EVENTS_PATCH = 'webhook-events';

const publishOptions: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  // A task the server lost is scheduled again (docs/adr/0007); the publish is idempotent.
  scheduleToStartTimeout: '5 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
};
const { publishWebhookEvent } = proxyActivities<WebhookEventActivities>(publishOptions);

async function publishOne(event: PublishedWebhookEvent): Promise<void> {
  for (;;) {
    try {
      await publishWebhookEvent.executeWithOptions({ ...publishOptions, summary: `${event.type} webhook` }, [event]);
      return;
    } catch (error) {
      if (!leftInQueue(error)) throw error;
      log.warn('webhook publish left in its queue; scheduling it again', { eventId: event.id });
    }
  }
}

/** What an event adds to the interview's facts: the time it moved from, a reason, a scorecard, a retake. */
type EventExtra = Pick<WebhookInterviewData, 'previousSlot' | 'cancelReason' | 'scorecard' | 'retake' | 'availability'>;

export function createWebhookEvents(input: LifecycleInput, state: LifecycleState) {
  const on = isPatched(WEBHOOK_EVENTS_PATCH);
  let sequence = 0;
  let tail: Promise<void> = Promise.resolve();

  /** The interview as it is now: the event carries what was true when it happened, not when it is sent. */
  function data(extra: EventExtra): WebhookInterviewData {
    const timezone = state.candidateTimezone ?? input.candidateTimezone;
    const slot = state.slot;
    return {
      interviewId: input.interviewId,
      attempt: input.attempt,
      previousInterviewId: input.previousInterviewId,
      status: state.status,
      outcome: state.outcome,
      position: input.position,
      kind: input.kind,
      candidate: { name: input.candidateName, email: input.candidateEmail, timezone },
      slot: slot === null ? null : { start: slot.start, end: slot.end, timezone },
      panel: (slot?.panel ?? []).map(({ interviewerId, name, email }) => ({ interviewerId, name, email })),
      rescheduleCount: state.rescheduleCount,
      ...extra,
    };
  }

  function send(event: PublishedWebhookEvent): void {
    tail = tail
      .then(() => publishOne(event))
      .then(
        () => undefined,
        (error: unknown) => log.warn('webhook event not published', { interviewId: input.interviewId, eventId: event.id, type: event.type, error: String(error) }),
      );
  }

  return {
    publish(type: Exclude<WebhookEventType, 'interview.erased'>, extra: EventExtra = {}): void {
      if (!on) return;
      sequence += 1;
      send({ id: lifecycleEventId(input.interviewId, sequence), type, occurredAt: new Date(Date.now()).toISOString(), data: data(extra) });
    },
    /**
     * The erasure's event (docs/adr/0048): ids and the status the interview ended in, nothing of
     * the candidate, whatever the endpoint's other events carried.
     */
    erased(): void {
      if (!on) return;
      sequence += 1;
      const { interviewId, previousInterviewId, attempt } = input;
      send({ id: lifecycleEventId(interviewId, sequence), type: 'interview.erased', occurredAt: new Date(Date.now()).toISOString(), data: { interviewId, previousInterviewId, attempt, status: state.status } });
    },
    drain(): Promise<void> {
      return tail;
    },
  };
}
