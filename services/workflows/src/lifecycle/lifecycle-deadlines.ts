import type { LifecycleInput, PanelMember, SlotState } from '@portal/shared/lifecycle';
import { decisionDueAt } from '@portal/shared/working-days';
import { activities, isLoopFollower, panelOf, summarized, type LifecycleParts } from './lifecycle-core';
import type { createPanelRepair } from '../panel-repair/panel-repair';
import type { AvailabilityWatch } from '../availability/availability';
import type { WaitlistLifecycle } from '../waitlist/waitlist-lifecycle';
import { plannedPanelReminder, type Deadline } from '../plan/plan';
import { plannedReminders, reminderKey } from '../plan/reminder-times';
import { plannedSmsReminders, smsReminderKey } from '../plan/reminder-schedule';
import { isPatched } from '../patches/patches';

const REMINDER_AUDIT_IN_MESSAGE_LOG = 'reminder-audit-in-message-log';

/**
 * What the lifecycle's timers do when they fire (expiry, reminders, the window, follow-ups), the
 * reminders a booked time plans, and the window's close, which HR's attendance record shares.
 */
export function createDeadlines(
  input: LifecycleInput,
  parts: LifecycleParts & { panel: ReturnType<typeof createPanelRepair>; availability: Pick<AvailabilityWatch, 'searchNow' | 'tellHr'>; waitlist: Pick<WaitlistLifecycle, 'announce' | 'expire'> },
) {
  const { timings, interviewId } = input;
  const { state, run, now, apply, outbox, texts, webhooks, panel } = parts;
  const loopFollower = isLoopFollower(input);
  // Bearer links for the panel's scorecards: kept out of the queryable state, rebuilt on replay.
  const feedbackLinks = new Map<string, string>();

  function planReminders(slot: SlotState): void {
    state.remindersPlanned = plannedReminders(Date.parse(slot.start), timings.reminderOffsetsMs, now());
    state.panelReminderPlannedFor = plannedPanelReminder(slot.start, timings.interviewerReminderMs, now());
    const sms = plannedSmsReminders(timings, state.smsOptIn === true, Date.parse(slot.start), now());
    if (sms !== undefined) state.smsRemindersPlanned = sms;
  }

  const decisionDue = () => (state.completedAt === null ? undefined : new Date(decisionDueAt(Date.parse(state.completedAt), timings.decisionDue)).toISOString());

  /** The window closes (by its timer, or by HR marking attendance): COMPLETED or NO_SHOW, and what follows. */
  async function closeWindow(joined: boolean, actor: string, detail: string): Promise<void> {
    await apply(joined ? 'WINDOW_CLOSES_JOINED' : 'WINDOW_CLOSES_ABSENT', actor, detail, { completedAt: new Date(now()).toISOString() });
    webhooks.publish(joined ? 'interview.completed' : 'interview.no_show');
    if (!joined) {
      outbox.send('no_show');
      return;
    }
    const members = panelOf(state.slot);
    const issued = await activities.issueFeedbackLinks.executeWithOptions(summarized('issue feedback links'), [
      { interviewId, interviewerIds: members.map((m) => m.interviewerId), expiresAt: new Date(now() + timings.feedbackLinkMs).toISOString() },
    ]);
    for (const { interviewerId, link } of issued) feedbackLinks.set(interviewerId, link);
    state.followUp.feedbackRequested = members.map((m) => m.interviewerId);
    outbox.sendToPanel('feedback_request', members, { extra: (m) => ({ feedbackLink: feedbackLinks.get(m.interviewerId) }) });
    outbox.send('thank_you', undefined, { decisionDueAt: decisionDue() });
  }

  async function pendingFeedback(): Promise<PanelMember[]> {
    const members = panelOf(state.slot);
    const pending = await activities.pendingFeedback.executeWithOptions(summarized('check scorecards'), [
      { interviewId, interviewerIds: members.map((m) => m.interviewerId) },
    ]);
    return members.filter((m) => pending.includes(m.interviewerId));
  }

  /**
   * A sent reminder's audit line rides on its message-log row (written by the send itself), so a
   * reminder costs its timer and one send: no persisting activity, no task to resume after it.
   * Lifecycles started before this patch keep writing the audit event, so their histories replay.
   */
  async function recordReminder(detail: string): Promise<void> {
    if (!isPatched(REMINDER_AUDIT_IN_MESSAGE_LOG)) await apply('RECORD', 'system', detail);
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
        run.retakeWindowClosed = true;
        return;
      case 'repick-reminder':
        // Counted as this offset's reminder: a repair of the same time later plans only those still ahead.
        if (state.slot === null) return;
        state.remindersSent.push(reminderKey(state.slot.start, deadline.offsetMs));
        await panel.onDeadline(deadline);
        return;
      case 'answer-nudge':
      case 'repick-deadline':
        await panel.onDeadline(deadline);
        return;
      case 'availability-search':
        await parts.availability.searchNow();
        return;
      case 'availability-hr':
        await parts.availability.tellHr();
        return;
      case 'hold-announce':
        await parts.waitlist.announce();
        return;
      case 'hold-expiry':
        await parts.waitlist.expire();
        return;
    }
  }

  return { planReminders, closeWindow, onDeadline };
}
