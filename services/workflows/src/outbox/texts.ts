import * as wf from '@temporalio/workflow';
import { smsIdempotencyKey, type InterviewEmailFacts, type NotificationActivities, type SmsKind } from '@portal/shared/email';
import { DEFAULT_MAIL_QUEUE_TIMEOUT_MS, type LifecycleInput, type LifecycleState } from '@portal/shared/lifecycle';
import { leftInQueue } from './emails';
import { isPatched } from '../patches/patches';

/** Lifecycles recorded before texts existed replay without one; every text is scheduled behind this patch. */
const SMS_TEXTS_PATCH = 'sms-texts';
const HELD_SEND_HEARTBEAT_MS = 30_000;

/**
 * Texts to a candidate who opted in (docs/adr/0026): the confirmation, a move, a cancel and each
 * SMS reminder, beside their emails, through the notifications worker's sendSms with the same
 * exactly-once keys (the email's, with the channel). Like email, sends run beside the lifecycle;
 * reminder texts for a time that changed are cancelled with it.
 */
export function createTexts(input: LifecycleInput, state: LifecycleState, facts: (extra: Partial<InterviewEmailFacts>) => InterviewEmailFacts) {
  const options: wf.ActivityOptions = {
    taskQueue: input.notificationsTaskQueue,
    startToCloseTimeout: '30 seconds',
    scheduleToStartTimeout: input.timings.mailQueueTimeoutMs ?? DEFAULT_MAIL_QUEUE_TIMEOUT_MS,
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes' },
  };
  const heldOptions: wf.ActivityOptions = {
    ...options,
    startToCloseTimeout: (input.timings.reminderLeadMs ?? 0) + 30_000,
    heartbeatTimeout: HELD_SEND_HEARTBEAT_MS,
  };
  const { sendSms } = wf.proxyActivities<NotificationActivities>(options);
  const inFlight: Promise<unknown>[] = [];
  let reminderScope = new wf.CancellationScope();

  const enabled = () => state.smsOptIn === true && isPatched(SMS_TEXTS_PATCH);

  function sendOne(kind: SmsKind, idempotencyKey: string, factsOf: InterviewEmailFacts, label: string, held?: { scope: wf.CancellationScope; audit: string; sendAt?: number }) {
    const request = {
      kind,
      idempotencyKey,
      facts: factsOf,
      ...(held ? { audit: held.audit } : {}),
      ...(held?.sendAt === undefined ? {} : { sendAt: new Date(held.sendAt).toISOString() }),
    };
    const chosen = held?.sendAt === undefined ? options : heldOptions;
    const run = async (): Promise<unknown> => {
      for (;;) {
        try {
          return await sendSms.executeWithOptions({ ...chosen, summary: label }, [request]);
        } catch (error) {
          if (!leftInQueue(error)) throw error;
        }
      }
    };
    inFlight.push(
      (held ? held.scope.run(run) : run()).catch((error: unknown) => {
        wf.log.warn('text not sent', { interviewId: input.interviewId, kind, error: String(error) });
      }),
    );
  }

  return {
    send(kind: Exclude<SmsKind, 'reminder'>, variant?: string, extra: Partial<InterviewEmailFacts> = {}): void {
      if (!enabled()) return;
      sendOne(kind, smsIdempotencyKey(input.interviewId, kind, state.slot?.start, variant), facts(extra), `${kind} text`);
    },
    sendReminder(offsetMs: number, label: string, sendAt: number): void {
      if (!enabled()) return;
      const key = smsIdempotencyKey(input.interviewId, 'reminder', state.slot?.start, String(offsetMs));
      const held = (input.timings.reminderLeadMs ?? 0) > 0 ? sendAt : undefined;
      const reminderFacts = facts({ reminderOffsetMinutes: Math.round(offsetMs / 60_000) });
      sendOne('reminder', key, reminderFacts, label, { scope: reminderScope, audit: `${label} sent`, sendAt: held });
    },
    dropPendingReminders(): void {
      reminderScope.cancel();
      reminderScope = new wf.CancellationScope();
    },
    async drain(): Promise<void> {
      await Promise.all(inFlight);
    },
  };
}
