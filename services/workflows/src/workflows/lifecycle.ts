import * as wf from '@temporalio/workflow';
import { DOMAIN_ERROR_CODES } from '@portal/shared/errors';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import { transition, type InterviewEvent } from '@portal/shared/status';
import {
  bookRefusal,
  cancelRefusal,
  attendanceRefusal,
  joinRefusal,
  moverOf,
  newTimeRefusal,
  outcomeRefusal,
  rescheduleCountAfterMove,
  rescheduleRefusal,
  resendRefusal,
  retakeRefusal,
  type ChangeFacts,
} from '@portal/shared/rules';
import type { ChangeSet, LifecycleActivities } from './activities-api';
import { lifecycleSummary, type LifecycleInput, type LifecycleState, type PanelMember, type SlotState, type SmsChoice } from '@portal/shared/lifecycle';
import { decisionDueAt } from '@portal/shared/working-days';
import {
  approveRetakeUpdate,
  bookUpdate,
  cancelUpdate,
  eraseUpdate,
  candidateLinkQuery,
  feedbackSubmittedSignal,
  joinUpdate,
  markAttendanceUpdate,
  panelNoticeSignal,
  resendInvitationUpdate,
  rescheduleUpdate,
  setOutcomeUpdate,
  stateQuery,
} from './definitions';
import { currentDetails } from './details';
import { createBookingSteps, type BookingSteps } from './booking-steps';
import { createCalendarWrites } from './calendar-writes';
import { createOutbox } from './emails';
import { createMeetingRoom } from './meeting-room';
import { createTexts } from './texts';
import { plannedSmsReminders, skippedSmsNote, smsReminderKey } from './reminder-schedule';
import { createPanelRepair } from './panel-repair';
import { createWebhookEvents } from './webhooks';
import { asUpdateFailure, isStoreRefusal, refuseIf } from './failures';
import { isFinished, nextDeadline, plannedPanelReminder, plannedReminders, reminderKey, wakeAt, type Deadline } from './plan';
import { AttemptKey, CandidateEmailKey, InterviewIdKey, InterviewStatusKey, ScheduledStartKey } from './search-attributes';

const activityOptions: wf.ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: [...DOMAIN_ERROR_CODES],
  },
};
const activities = wf.proxyActivities<LifecycleActivities>(activityOptions);
const steps = createBookingSteps(activityOptions);
const REMINDER_AUDIT_IN_MESSAGE_LOG = 'reminder-audit-in-message-log';
/** HR's reschedules neither spend nor meet the candidate's allowance (before it, they did both). */
const HR_MOVES_PATCH = 'hr-moves-outside-allowance';
/** A loop's session books on the claim its loop holds for it; before, it claimed again (docs/adr/0039). */
const LOOP_CLAIM_PATCH = 'loop-claim-handed-over';

function summarized(summary: string): wf.ActivityOptions {
  return { ...activityOptions, summary };
}

/** One interview's whole life: the single writer of its status, its timers and its email. */
export async function interviewLifecycle(input: LifecycleInput): Promise<LifecycleState> {
  const { timings, interviewId } = input;
  const state: LifecycleState = {
    interviewId,
    status: 'INVITED',
    outcome: 'PENDING',
    attempt: input.attempt,
    slot: null,
    rescheduleCount: 0,
    rescheduleLimit: input.rescheduleLimit,
    joinedAt: null,
    completedAt: null,
    cancelReason: null,
    invitationExpiresAt: null,
    linkIssued: false,
    remindersPlanned: [],
    remindersSent: [],
    nextTimer: null,
    nextInterviewId: null,
    version: 0,
    panelReminderPlannedFor: null,
    panelReminderSentFor: null,
    followUp: { feedbackRequested: [], feedbackReceived: [], interviewersNudged: false, hrToldFeedbackLate: false, hrNudgedForDecision: false },
    invitationsResent: 0,
    candidateTimezone: input.candidateTimezone,
    meetingUrl: input.meeting ? input.meeting.url : (input.meetingUrl ?? null),
  };
  // The candidate's bearer link: outside the queried state, answered only to candidateLinkQuery.
  let candidateLink: string | null = null;
  const outbox = createOutbox(input, state, () => candidateLink, () => rooms.linkPending());
  const texts = createTexts(input, state, outbox.facts);
  const calendars = createCalendarWrites(interviewId);
  const rooms = createMeetingRoom(input, state, {
    outbox,
    calendars,
    recordLink: (url) => exclusive(() => apply('RECORD', 'system', 'meeting link ready', { meetingUrl: url })),
  });
  const webhooks = createWebhookEvents(input, state);
  // Bearer links for the panel's scorecards: kept out of the queryable state, rebuilt on replay.
  const feedbackLinks = new Map<string, string>();
  let planVersion = 0;
  let busy = false;
  // Whether the start's own work (search attributes, the link, the invitation) is done; see exclusive().
  let initialized = false;
  let retakeWindowClosed = false;
  // A loop's later session: the candidate's link and invitation are the first session's (docs/adr/0031).
  const loopFollower = input.loop !== undefined && input.loop.session > 0;

  const facts = (): ChangeFacts => ({
    status: state.status,
    slotStart: state.slot?.start ?? null,
    rescheduleCount: state.rescheduleCount,
    rescheduleLimit: state.rescheduleLimit,
  });
  const now = () => Date.now();
  // The wall-clock time the last persisted change reported (0 before any). The workflow's own
  // clock stays at the start of its task while the task's local activities run, and a timer
  // starts only when the task completes: timing from a clock that stale would fire every
  // deadline set after a booking as late as the booking's claim and write took.
  let persistedAt = 0;
  const clock = () => Math.max(now(), persistedAt);

  /**
   * Changes run one at a time; each re-checks its rule once it holds the lock. One condition pass
   * wakes every waiter whose condition holds, so a woken waiter looks at `busy` again before
   * taking it: two updates arriving in one workflow task would otherwise both run.
   */
  async function exclusive<T>(work: () => Promise<T>): Promise<T> {
    // An update can arrive with the start, in the lifecycle's first workflow task. Its handler
    // then runs beside the start's own steps, and a replay (after a cache eviction or a restart)
    // orders the two differently: the history no longer replays and the lifecycle is stuck.
    // Waiting here until the start's work is done gives one order on every run.
    if (!initialized) await wf.condition(() => initialized);
    while (busy) await wf.condition(() => !busy);
    busy = true;
    rooms.flush();
    try {
      return await work();
    } catch (error) {
      throw asUpdateFailure(error);
    } finally {
      busy = false;
    }
  }

  async function apply(event: InterviewEvent | 'RECORD', actor: string, detail: string, set: ChangeSet = {}, via: BookingSteps = steps.forLifecycle()) {
    const from = state.status;
    const to = event === 'RECORD' ? from : transition(from, event);
    const change = { interviewId, version: state.version, from, to, event, actor, detail, set };
    // A change the store refuses (docs/adr/0013) throws here, undone: the state stays as it was.
    const persisted = await via.persistChange(`persist ${event}: ${from} → ${to}`, change);
    // A history recorded before the change reported its time replays without it, as it ran.
    if (persisted !== undefined) persistedAt = Math.max(persistedAt, Date.parse(persisted.persistedAt));
    // The number is the interview document's (the notifications worker reads it there), not the state's.
    const { candidatePhone: _number, ...stateSet } = set;
    Object.assign(state, stateSet, { status: to, version: state.version + 1 });
    planVersion += 1;
    wf.upsertSearchAttributes([
      { key: InterviewStatusKey, value: to },
      { key: ScheduledStartKey, value: state.slot ? new Date(state.slot.start) : null },
    ]);
  }

  function planReminders(slot: SlotState): void {
    state.remindersPlanned = plannedReminders(Date.parse(slot.start), timings.reminderOffsetsMs, now());
    state.panelReminderPlannedFor = plannedPanelReminder(slot.start, timings.interviewerReminderMs, now());
    const sms = plannedSmsReminders(timings, state.smsOptIn === true, Date.parse(slot.start), now());
    if (sms !== undefined) state.smsRemindersPlanned = sms;
  }

  /** The candidate's number and opt-in travel with the change that books or moves the time (docs/adr/0026). */
  const smsChange = ({ phone, sms }: SmsChoice): ChangeSet => ({
    ...(phone === undefined ? {} : { candidatePhone: phone }),
    ...(sms === undefined ? {} : { smsOptIn: sms }),
  });
  const smsNote = (change: ChangeSet) => skippedSmsNote(timings, change.smsOptIn ?? state.smsOptIn === true);

  /**
   * Cancels the booking or the invitation: the change, then everything that follows from it.
   * `quietly`: the candidate is not told (an erasure HR asked not to announce).
   */
  async function cancelNow(actor: string, reason: string | undefined, detail = reason ? `cancelled: ${reason}` : 'cancelled', quietly = false): Promise<void> {
    await apply('CANCEL', actor, detail, { cancelReason: reason ?? null });
    webhooks.publish('interview.cancelled', { cancelReason: reason ?? null });
    if (state.slot !== null) await release(state.slot);
    rooms.cancelled();
    outbox.dropPendingReminders();
    texts.dropPendingReminders();
    if (!quietly) {
      outbox.send('cancelled', `v${state.version}`, { cancelReason: reason });
      texts.send('cancelled', `v${state.version}`, { cancelReason: reason });
    }
    outbox.sendToPanel('interviewer_cancelled', panelOf(state.slot), { variant: `v${state.version}`, extra: () => ({ cancelReason: reason }) });
    calendars.remove(panelOf(state.slot), state.version, (m) => outbox.eventFacts(m));
  }

  const panel = createPanelRepair({
    input,
    state,
    outbox,
    calendars,
    activityOptions,
    apply: (event, actor, detail, set) => apply(event, actor, detail, set),
    cancel: cancelNow,
    wake: () => {
      planVersion += 1;
    },
    now,
  });

  /** The candidate's zone travels with the change that books the time, so its email already uses it. */
  const zoneChange = (timezone: string | undefined): ChangeSet =>
    timezone !== undefined && timezone !== state.candidateTimezone ? { candidateTimezone: timezone } : {};

  const panelOf = (slot: SlotState | null): PanelMember[] => slot?.panel ?? [];
  const decisionDue = () => (state.completedAt === null ? undefined : new Date(decisionDueAt(Date.parse(state.completedAt), timings.decisionDue)).toISOString());

  /** The window closes (by its timer, or by HR marking attendance): COMPLETED or NO_SHOW, and what follows. */
  async function closeWindow(joined: boolean, actor: string, detail: string): Promise<void> {
    await apply(joined ? 'WINDOW_CLOSES_JOINED' : 'WINDOW_CLOSES_ABSENT', actor, detail, { completedAt: new Date(now()).toISOString() });
    webhooks.publish(joined ? 'interview.completed' : 'interview.no_show');
    if (!joined) {
      outbox.send('no_show');
      return;
    }
    const panel = panelOf(state.slot);
    const issued = await activities.issueFeedbackLinks.executeWithOptions(summarized('issue feedback links'), [
      { interviewId, interviewerIds: panel.map((m) => m.interviewerId), expiresAt: new Date(now() + timings.feedbackLinkMs).toISOString() },
    ]);
    for (const { interviewerId, link } of issued) feedbackLinks.set(interviewerId, link);
    state.followUp.feedbackRequested = panel.map((m) => m.interviewerId);
    outbox.sendToPanel('feedback_request', panel, { extra: (m) => ({ feedbackLink: feedbackLinks.get(m.interviewerId) }) });
    outbox.send('thank_you', undefined, { decisionDueAt: decisionDue() });
  }

  const nameOf = (interviewerId: string) => panelOf(state.slot).find((m) => m.interviewerId === interviewerId)?.name ?? interviewerId;

  async function pendingFeedback(): Promise<PanelMember[]> {
    const panel = panelOf(state.slot);
    const pending = await activities.pendingFeedback.executeWithOptions(summarized('check scorecards'), [
      { interviewId, interviewerIds: panel.map((m) => m.interviewerId) },
    ]);
    return panel.filter((m) => pending.includes(m.interviewerId));
  }

  async function claim(start: string, via: BookingSteps): Promise<SlotState> {
    const { interviewerIds, durationMinutes, panelSize } = input;
    const interview = interviewerIds && durationMinutes !== undefined ? { interviewerIds, durationMinutes, panelSize } : undefined;
    return via.claimSlot(`claim slot ${start}`, { interviewId, start, rules: timings.slotRules, interview, candidateEmail: input.candidateEmail });
  }

  /**
   * The claim a loop made for this session, under this session's claim id at this start: claiming
   * again would find every key already its own and answer the same panel, at the cost of a read and
   * an insert per key. Only the loop sends one (its claims are this session's, docs/adr/0031).
   */
  function handedOver(start: string, loopClaim: SlotState | undefined): SlotState | null {
    const ms = Date.parse(start);
    if (loopClaim === undefined || input.loop === undefined || Number.isNaN(ms)) return null;
    const at = new Date(ms).toISOString();
    if (loopClaim.start !== at || loopClaim.claimId !== `${interviewId}@${at}`) return null;
    return wf.patched(LOOP_CLAIM_PATCH) ? loopClaim : null;
  }

  async function release(slot: SlotState, via: BookingSteps = steps.forLifecycle()): Promise<void> {
    await via.releaseSlot(`release slot ${slot.start}`, { interviewId, claimId: slot.claimId });
  }

  /**
   * A sent reminder's audit line rides on its message-log row (written by the send itself), so a
   * reminder costs its timer and one send: no persisting activity, no task to resume after it.
   * Lifecycles started before this patch keep writing the audit event, so their histories replay.
   */
  async function recordReminder(detail: string): Promise<void> {
    if (!wf.patched(REMINDER_AUDIT_IN_MESSAGE_LOG)) await apply('RECORD', 'system', detail);
  }

  async function onDeadline(deadline: Deadline): Promise<void> {
    switch (deadline.kind) {
      case 'invitation-expiry':
        await apply('EXPIRE', 'system', 'invitation expired before a booking');
        if (!loopFollower) outbox.send('expired');
        return;
      case 'reminder':
        if (state.slot === null) return;
        state.remindersSent.push(reminderKey(state.slot.start, deadline.offsetMs));
        outbox.sendReminder(deadline.offsetMs, deadline.summary, `${deadline.summary} sent`, deadline.at);
        await recordReminder(`${deadline.summary} sent`);
        return;
      case 'sms-reminder':
        // Only lifecycles with a schedule plan these; the audit line rides on the text's log row.
        if (state.slot === null) return;
        state.remindersSent.push(smsReminderKey(state.slot.start, deadline.offsetMs));
        texts.sendReminder(deadline.offsetMs, deadline.summary, deadline.at);
        return;
      case 'panel-reminder':
        if (state.slot === null) return;
        state.panelReminderSentFor = state.slot.start;
        outbox.sendToPanel('interviewer_reminder', state.slot.panel, {
          reminder: true,
          sendAt: deadline.at,
          audit: `${deadline.summary} sent`,
          extra: () => ({ reminderOffsetMinutes: Math.round(deadline.offsetMs / 60_000) }),
        });
        await recordReminder(`${deadline.summary} sent`);
        return;
      case 'feedback-nudge': {
        state.followUp.interviewersNudged = true;
        const pending = await pendingFeedback();
        outbox.sendToPanel('feedback_nudge', pending, { extra: (m) => ({ feedbackLink: feedbackLinks.get(m.interviewerId) }) });
        if (pending.length > 0) await apply('RECORD', 'system', `feedback nudge sent to ${pending.map((m) => m.name).join(', ')}`);
        return;
      }
      case 'feedback-overdue': {
        state.followUp.hrToldFeedbackLate = true;
        const pending = await pendingFeedback();
        if (pending.length === 0) return;
        outbox.sendToHr('feedback_overdue', { pendingFeedbackFrom: pending.map((m) => m.name) });
        await apply('RECORD', 'system', `HR told feedback is late from ${pending.map((m) => m.name).join(', ')}`);
        return;
      }
      case 'decision-due':
        state.followUp.hrNudgedForDecision = true;
        outbox.sendToHr('decision_due', { decisionDueAt: decisionDue() });
        await apply('RECORD', 'system', 'HR nudged: no outcome yet');
        return;
      case 'window-opens':
        await apply('WINDOW_OPENS', 'system', 'interview window opened');
        return;
      case 'window-closes': {
        const joined = state.joinedAt !== null;
        await closeWindow(joined, 'system', joined ? 'interview window closed' : 'window closed without the candidate joining');
        return;
      }
      case 'retake-window-closes':
        retakeWindowClosed = true;
        return;
      case 'answer-nudge':
      case 'repick-deadline':
        await panel.onDeadline(deadline);
        return;
    }
  }

  wf.setHandler(stateQuery, () => state);
  wf.setHandler(candidateLinkQuery, () => candidateLink);

  wf.setHandler(
    bookUpdate,
    ({ start, timezone, loopClaim, ...choice }) =>
      exclusive(async () => {
        refuseIf(bookRefusal(facts()));
        const via = steps.forChange();
        const slot = handedOver(start, loopClaim) ?? (await claim(start, via));
        const sms = smsChange(choice);
        try {
          await apply('BOOK', 'candidate', `booked ${slot.start}${smsNote(sms)}`, { slot, ...zoneChange(timezone), ...sms }, via);
        } catch (error) {
          await release(slot, via);
          throw error;
        }
        planReminders(slot);
        webhooks.publish('interview.booked');
        rooms.booked(slot);
        rooms.announce(() => {
          outbox.send('confirmation');
          texts.send('confirmation');
          panel.invite(slot.panel);
          calendars.put(slot.panel, state.version, (m) => outbox.eventFacts(m));
        });
        return state;
      }),
    { validator: (_request) => refuseIf(bookRefusal(facts())) },
  );

  wf.setHandler(
    rescheduleUpdate,
    ({ start, actor = 'candidate', reason, timezone, ...choice }) =>
      exclusive(async () => {
        // Lifecycles started before HR's moves were HR's replay them as the candidate's.
        // A re-pick offered because the panel could not be completed spends no allowance (docs/adr/0032).
        const mover = (moverOf(actor) === 'hr' || panel.offerOpen()) && wf.patched(HR_MOVES_PATCH) ? 'hr' : 'candidate';
        refuseIf(rescheduleRefusal(facts(), now(), timings.changeCutoffMs, mover));
        const previous = state.slot;
        refuseIf(newTimeRefusal(facts(), start));
        // Refused just above; the check tells the compiler.
        if (previous === null) return state;
        const via = steps.forChange();
        const slot = await claim(start, via);
        const sms = smsChange(choice);
        const detail = `moved from ${previous.start} to ${slot.start}${reason ? `: ${reason}` : ''}${smsNote(sms)}`;
        try {
          await apply('RESCHEDULE', actor, detail, { slot, rescheduleCount: rescheduleCountAfterMove(state, mover), ...zoneChange(timezone), ...sms }, via);
        } catch (error) {
          await release(slot, via);
          throw error;
        }
        // Re-plan before the next await: apply() has already woken the timer loop, which reads
        // the plan when it resumes; planning after release() let it time the new slot with the
        // old plan, so a reminder skipped for the old time was sent late for the new one.
        planReminders(slot);
        panel.moved();
        await release(previous, via);
        rooms.moved(slot);
        outbox.dropPendingReminders();
        texts.dropPendingReminders();
        webhooks.publish('interview.rescheduled', { previousSlot: { start: previous.start, end: previous.end } });
        outbox.send('rescheduled', `v${state.version}`);
        texts.send('rescheduled', `v${state.version}`);
        // Whoever stays gets the update (SEQUENCE up), whoever left a CANCEL for the old time, whoever joined a REQUEST.
        const stays = (m: PanelMember, panel: PanelMember[]) => panel.some((p) => p.interviewerId === m.interviewerId);
        const variant = `v${state.version}`;
        outbox.sendToPanel('interviewer_update', slot.panel.filter((m) => stays(m, previous.panel)), { variant });
        panel.invite(slot.panel.filter((m) => !stays(m, previous.panel)), variant);
        outbox.sendToPanel('interviewer_cancelled', previous.panel.filter((m) => !stays(m, slot.panel)), { variant, slot: previous });
        calendars.put(slot.panel, state.version, (m) => outbox.eventFacts(m));
        calendars.remove(previous.panel.filter((m) => !stays(m, slot.panel)), state.version, (m) => outbox.eventFacts(m, previous));
        return state;
      }),
    { validator: ({ actor = 'candidate' }) => refuseIf(rescheduleRefusal(facts(), now(), timings.changeCutoffMs, moverOf(actor))) },
  );

  wf.setHandler(
    cancelUpdate,
    ({ reason, actor }) =>
      exclusive(async () => {
        refuseIf(cancelRefusal(facts(), now(), timings.changeCutoffMs));
        await cancelNow(actor, reason);
        return state;
      }),
    { validator: (_request) => refuseIf(cancelRefusal(facts(), now(), timings.changeCutoffMs)) },
  );

  wf.setHandler(
    joinUpdate,
    () =>
      exclusive(async () => {
        refuseIf(joinRefusal(facts(), now(), timings.joinOpensBeforeMs));
        if (state.joinedAt === null) {
          await apply('RECORD', 'candidate', 'candidate joined', { joinedAt: new Date(now()).toISOString() });
        }
        return { meetingUrl: state.meetingUrl };
      }),
    { validator: () => refuseIf(joinRefusal(facts(), now(), timings.joinOpensBeforeMs)) },
  );

  wf.setHandler(
    setOutcomeUpdate,
    ({ outcome, actor }) =>
      exclusive(async () => {
        refuseIf(outcomeRefusal(state));
        await apply('RECORD', actor, `outcome set to ${outcome}`, { outcome });
        webhooks.publish('interview.outcome_set');
        return state;
      }),
    { validator: (_request) => refuseIf(outcomeRefusal(state)) },
  );

  wf.setHandler(panelNoticeSignal, (notice) => panel.notice(notice));

  wf.setHandler(feedbackSubmittedSignal, ({ interviewerId }) => {
    if (!state.followUp.feedbackReceived.includes(interviewerId)) {
      state.followUp.feedbackReceived.push(interviewerId);
      webhooks.publish('scorecard.submitted', { scorecard: { interviewerId } });
    }
    planVersion += 1;
  });

  wf.setHandler(
    resendInvitationUpdate,
    ({ actor }) =>
      exclusive(async () => {
        refuseIf(resendRefusal(state, candidateLink !== null));
        state.invitationsResent += 1;
        outbox.send(input.attempt > 1 ? 'retake_invitation' : 'invitation', `resend-${state.invitationsResent}`);
        await apply('RECORD', actor, `invitation sent again (${state.invitationsResent})`);
        return state;
      }),
    { validator: (_request) => refuseIf(resendRefusal(state, candidateLink !== null)) },
  );

  wf.setHandler(
    markAttendanceUpdate,
    ({ attended, actor }) =>
      exclusive(async () => {
        refuseIf(attendanceRefusal(facts(), now()));
        if (state.status === 'SCHEDULED') await apply('WINDOW_OPENS', actor, 'interview window opened (recorded by HR)');
        await closeWindow(attended, actor, attended ? 'marked as attended by HR' : 'marked as a no-show by HR');
        return state;
      }),
    { validator: (_request) => refuseIf(attendanceRefusal(facts(), now())) },
  );

  const retakeRules = { cooldownMs: timings.retakeCooldownMs, maxAttempts: timings.maxAttempts };
  const retakeFacts = () => ({ ...state, completedAt: state.completedAt });

  wf.setHandler(
    approveRetakeUpdate,
    ({ newInterviewId, actor }) =>
      exclusive(async () => {
        refuseIf(retakeRefusal(retakeFacts(), now(), retakeRules));
        const next = await activities.createRetakeInterview.executeWithOptions(summarized('create retake interview'), [
          { fromInterviewId: interviewId, newInterviewId, actor },
        ]);
        await apply('ARCHIVE_FOR_RETAKE', actor, `retake approved as interview ${newInterviewId}`, {
          nextInterviewId: newInterviewId,
        });
        const nextWorkflowId = interviewWorkflowId(newInterviewId);
        await wf.startChild(interviewLifecycle, {
          workflowId: nextWorkflowId,
          args: [{ ...next, notificationsTaskQueue: input.notificationsTaskQueue, timings }],
          parentClosePolicy: wf.ParentClosePolicy.ABANDON,
          staticSummary: lifecycleSummary(next),
          memo: { previousWorkflowId: wf.workflowInfo().workflowId },
        });
        wf.upsertMemo({ nextWorkflowId });
        webhooks.publish('retake.created', { retake: { interviewId: newInterviewId } });
        return { newInterviewId };
      }),
    { validator: (_request) => refuseIf(retakeRefusal(retakeFacts(), now(), retakeRules)) },
  );

  // Erasure (docs/adr/0030): the lifecycle cancels what is still open, takes the panel's calendar
  // event down (it names the candidate), forgets the candidate's search attribute and ends, so
  // nothing runs under the data key once it is destroyed.
  let erased = false;
  wf.setHandler(eraseUpdate, ({ actor, notify }) =>
    exclusive(async () => {
      if (erased) return state;
      if (state.status === 'INVITED' || state.status === 'SCHEDULED') {
        await cancelNow(actor, undefined, 'cancelled: candidate data erased', !notify);
      } else {
        calendars.remove(panelOf(state.slot), state.version, (m) => outbox.eventFacts(m));
      }
      wf.upsertSearchAttributes([{ key: CandidateEmailKey, value: null }]);
      erased = true;
      planVersion += 1;
      return state;
    }),
  );

  wf.upsertSearchAttributes([
    { key: InterviewIdKey, value: interviewId },
    // A lifecycle started before the digest keeps the address it was started with, so it replays.
    { key: CandidateEmailKey, value: input.candidateSearchKey ?? input.candidateEmail },
    { key: InterviewStatusKey, value: state.status },
    { key: AttemptKey, value: input.attempt },
  ]);

  // The link also manages a booking, so it outlives the invitation by the booking horizon; the
  // invitation itself expires by the workflow's timer, which the link checks through the status.
  const invitationExpiresAt = now() + timings.invitationExpiryMs;
  const linkValidMs = (timings.slotRules.horizonDays + 2) * 24 * 60 * 60 * 1000;
  const issued = await steps.issueCandidateToken('issue candidate link', {
    interviewId,
    attempt: input.attempt,
    expiresAt: new Date(invitationExpiresAt + linkValidMs).toISOString(),
  });
  candidateLink = issued.link;
  state.linkIssued = true;
  state.invitationExpiresAt = new Date(invitationExpiresAt).toISOString();
  if (!loopFollower) outbox.send(input.attempt > 1 ? 'retake_invitation' : 'invitation');
  webhooks.publish('interview.invited');
  initialized = true;

  while (!erased && !isFinished(state, retakeWindowClosed)) {
    if (panel.pending()) {
      try {
        await exclusive(() => panel.repair());
      } catch (error) {
        // As a timer's change below: nobody's input, so a refusal fails the task, not the lifecycle.
        if (isStoreRefusal(error)) throw new Error("the store refused the lifecycle's own panel change");
        throw error;
      }
      continue;
    }
    const seen = planVersion;
    const changed = () => planVersion !== seen;
    const deadline = nextDeadline(state, timings);
    state.nextTimer = deadline && { at: new Date(deadline.at).toISOString(), summary: deadline.summary };
    wf.setCurrentDetails(currentDetails(state, nameOf));
    if (deadline === null) {
      await wf.condition(changed);
      continue;
    }
    const wait = wakeAt(deadline, timings) - clock();
    if (wait > 0 && (await wf.condition(changed, wait, { summary: deadline.summary }))) continue;
    try {
      await exclusive(async () => {
        if (!changed()) await onDeadline(deadline);
      });
    } catch (error) {
      // A timer's change holds nobody's input, so a refusal there is the store's fault, not a
      // caller's: the workflow task fails (visible in the Web UI) and retries, instead of the
      // whole lifecycle failing on an ApplicationFailure.
      if (isStoreRefusal(error)) throw new Error(`the store refused the lifecycle's own change (${deadline.summary})`);
      throw error;
    }
  }
  state.nextTimer = null;
  wf.setCurrentDetails(currentDetails(state, nameOf));
  await wf.condition(wf.allHandlersFinished);
  await panel.drain();
  await outbox.drain();
  await texts.drain();
  await calendars.drain();
  await rooms.drain();
  await webhooks.drain();
  return state;
}
