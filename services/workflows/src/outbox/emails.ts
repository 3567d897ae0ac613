import { TimeoutType } from '@temporalio/common';
import { ActivityFailure, CancellationScope, log, proxyActivities, TimeoutFailure, type ActivityOptions } from '@temporalio/workflow';
import {
  emailIdempotencyKey,
  type EmailKind,
  type InterviewEmailFacts,
  type NotificationActivities,
} from '@portal/shared/email';
import { DEFAULT_MAIL_QUEUE_TIMEOUT_MS, type LifecycleInput, type LifecycleState, type PanelMember, type SlotState } from '@portal/shared/lifecycle';

/** A held reminder's heartbeat timeout: how late a reminder held by a worker that died can be. */
const HELD_SEND_HEARTBEAT_MS = 30_000;

const asPerson = (member: PanelMember) => ({ name: member.name, email: member.email, timezone: member.timezone });

/** The activity was never picked up from its queue in time (the server may have lost its task; docs/adr/0007). */
export const leftInQueue = (error: unknown) =>
  error instanceof ActivityFailure && error.cause instanceof TimeoutFailure && error.cause.timeoutType === TimeoutType.SCHEDULE_TO_START;

/**
 * Sends run beside the lifecycle, so a slow or failing mail server never delays a timer or an
 * update. Reminder sends for a time that was changed or cancelled are cancelled with it.
 *
 * A send that no notifications worker picks up within `mailQueueTimeoutMs` is scheduled again,
 * as often as that happens: a task the Temporal server lost (a restart) would otherwise wait
 * forever. Its idempotency key stays, so the message log keeps it to one email (docs/adr/0007).
 */
export function createOutbox(input: LifecycleInput, state: LifecycleState, candidateLink: () => string | null, meetingLinkPending: () => boolean = () => false) {
  const mailOptions: ActivityOptions = {
    taskQueue: input.notificationsTaskQueue,
    startToCloseTimeout: '30 seconds',
    scheduleToStartTimeout: input.timings.mailQueueTimeoutMs ?? DEFAULT_MAIL_QUEUE_TIMEOUT_MS,
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes' },
  };
  const { sendEmail } = proxyActivities<NotificationActivities>(mailOptions);
  // A held reminder's attempt lasts its hold as well as its send; its heartbeats during the hold
  // let the server retry it elsewhere soon after its worker dies, instead of after the whole hold.
  const heldMailOptions: ActivityOptions = {
    ...mailOptions,
    startToCloseTimeout: (input.timings.reminderLeadMs ?? 0) + 30_000,
    heartbeatTimeout: HELD_SEND_HEARTBEAT_MS,
  };
  const inFlight: Promise<unknown>[] = [];
  let reminderScope = new CancellationScope();

  function facts(extra: Partial<InterviewEmailFacts>): InterviewEmailFacts {
    return {
      interviewId: input.interviewId,
      candidateName: input.candidateName,
      candidateEmail: input.candidateEmail,
      candidateTimezone: state.candidateTimezone ?? input.candidateTimezone,
      position: input.position,
      kindLabel: input.kindLabel,
      attempt: input.attempt,
      link: candidateLink() ?? '',
      start: state.slot?.start,
      end: state.slot?.end,
      interviewerTimezone: state.slot?.interviewerTimezone,
      meetingUrl: state.meetingUrl ?? undefined,
      ...(meetingLinkPending() ? { meetingLinkPending: true } : {}),
      linkExpiresAt: state.invitationExpiresAt ?? undefined,
      calendarSequence: state.version,
      hrEmail: input.hrEmail,
      panel: state.slot?.panel.map(asPerson),
      ...extra,
    };
  }

  /** The facts of a slot other than the current one (a cancel to whoever left the panel). */
  const slotFacts = (slot: SlotState) => ({
    start: slot.start,
    end: slot.end,
    interviewerTimezone: slot.interviewerTimezone,
    panel: slot.panel.map(asPerson),
  });

  /** `sendAt`: a reminder handed over ahead of its moment, held by the notifications worker until then. */
  function sendOne(kind: EmailKind, idempotencyKey: string, facts: InterviewEmailFacts, label: string, scope?: CancellationScope, audit?: string, sendAt?: number): void {
    const request = {
      kind,
      idempotencyKey,
      facts,
      ...(audit === undefined ? {} : { audit }),
      ...(sendAt === undefined ? {} : { sendAt: new Date(sendAt).toISOString() }),
    };
    const options = sendAt === undefined ? mailOptions : heldMailOptions;
    const once = () => sendEmail.executeWithOptions({ ...options, summary: label }, [request]);
    const run = async (): Promise<unknown> => {
      for (let scheduled = 1; ; scheduled += 1) {
        try {
          return await once();
        } catch (error) {
          if (!leftInQueue(error)) throw error;
          log.warn('email left in its queue; scheduling it again', { interviewId: input.interviewId, kind, idempotencyKey, scheduled });
        }
      }
    };
    track(kind, scope ? scope.run(run) : run());
  }

  /** Only lifecycles with a lead hold their reminders; the others' requests stay as they were recorded. */
  const held = (sendAt: number | undefined) => ((input.timings.reminderLeadMs ?? 0) > 0 ? sendAt : undefined);

  function track(kind: EmailKind, send: Promise<unknown>): void {
    inFlight.push(
      send.catch((error: unknown) => {
        log.warn('email not sent', { interviewId: input.interviewId, kind, error: String(error) });
      }),
    );
  }

  return {
    /** The candidate's message facts as they are now (texts compose from the same). */
    facts,
    /** `variant` tells apart two messages of one kind for the same slot (e.g. two reschedules). */
    send(kind: EmailKind, variant?: string, extra: Partial<InterviewEmailFacts> = {}): void {
      const idempotencyKey = emailIdempotencyKey(input.interviewId, kind, state.slot?.start, variant);
      sendOne(kind, idempotencyKey, facts(extra), `${kind} email`);
    },
    /** `audit`: the line the interview's audit trail shows once the message is sent (kept on its log row). */
    sendReminder(offsetMs: number, label: string, audit?: string, sendAt?: number): void {
      const idempotencyKey = emailIdempotencyKey(input.interviewId, 'reminder', state.slot?.start, String(offsetMs));
      const reminderFacts = facts({ reminderOffsetMinutes: Math.round(offsetMs / 60_000) });
      sendOne('reminder', idempotencyKey, reminderFacts, `${label} email`, reminderScope, audit, held(sendAt));
    },
    /**
     * One message per panel member, each keyed by the member as well as the slot, so a member
     * gets it once; `options.slot` names the slot when it is not the current one.
     */
    sendToPanel(
      kind: EmailKind,
      members: PanelMember[],
      options: {
        variant?: string;
        slot?: SlotState;
        extra?: (member: PanelMember) => Partial<InterviewEmailFacts>;
        reminder?: boolean;
        sendAt?: number;
        audit?: string;
      } = {},
    ): void {
      const slot = options.slot ?? state.slot;
      for (const member of members) {
        const variant = [member.interviewerId, options.variant].filter(Boolean).join(':');
        const idempotencyKey = emailIdempotencyKey(input.interviewId, kind, slot?.start, variant);
        const facts_ = facts({ ...(slot ? slotFacts(slot) : {}), recipient: asPerson(member), ...options.extra?.(member) });
        const audit = options.audit && `${options.audit} to ${member.name}`;
        sendOne(kind, idempotencyKey, facts_, `${kind} email to ${member.name}`, options.reminder ? reminderScope : undefined, audit, held(options.sendAt));
      }
    },
    /** A notice to the hiring team (HR's address from the invitation). */
    sendToHr(kind: EmailKind, extra: Partial<InterviewEmailFacts>, variant?: string): void {
      const idempotencyKey = emailIdempotencyKey(input.interviewId, kind, state.slot?.start, variant);
      sendOne(kind, idempotencyKey, facts({ recipient: { name: 'Hiring team', email: input.hrEmail }, ...extra }), `${kind} email to HR`);
    },
    /** What a panel member's copy of the event says (their calendar's event), for `slot` or the current one. */
    eventFacts(member: PanelMember, slot?: SlotState): InterviewEmailFacts {
      const at = slot ?? state.slot;
      return facts({ ...(at ? slotFacts(at) : {}), recipient: asPerson(member) });
    },
    /** Stops reminder sends still retrying for a time that no longer holds. */
    dropPendingReminders(): void {
      reminderScope.cancel();
      reminderScope = new CancellationScope();
    },
    async drain(): Promise<void> {
      await Promise.all(inFlight);
    },
  };
}
