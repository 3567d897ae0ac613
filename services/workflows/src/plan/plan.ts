import type { LifecycleState, LifecycleTimings } from '@portal/shared/lifecycle';
import { decisionDueAt } from '@portal/shared/working-days';
import { smsReminderDue } from './reminder-schedule';
import { reminderKey, reminderLabel } from './reminder-times';

/** What the lifecycle waits for next. Pure, so it runs the same on every replay. */
export type Deadline =
  | { kind: 'invitation-expiry'; at: number; summary: string }
  | { kind: 'reminder'; at: number; summary: string; offsetMs: number }
  | { kind: 'panel-reminder'; at: number; summary: string; offsetMs: number }
  | { kind: 'sms-reminder'; at: number; summary: string; offsetMs: number }
  | { kind: 'window-opens'; at: number; summary: string }
  | { kind: 'window-closes'; at: number; summary: string }
  | { kind: 'feedback-nudge'; at: number; summary: string }
  | { kind: 'feedback-overdue'; at: number; summary: string }
  | { kind: 'decision-due'; at: number; summary: string }
  | { kind: 'retake-window-closes'; at: number; summary: string }
  | { kind: 'answer-nudge'; at: number; summary: string }
  | { kind: 'repick-deadline'; at: number; summary: string }
  | { kind: 'repick-reminder'; at: number; summary: string; offsetMs: number }
  | { kind: 'availability-search'; at: number; summary: string }
  | { kind: 'availability-hr'; at: number; summary: string }
  | { kind: 'hold-announce'; at: number; summary: string }
  | { kind: 'hold-expiry'; at: number; summary: string };

const earliest = (deadlines: (Deadline | null)[]): Deadline | null =>
  deadlines.reduce<Deadline | null>((first, next) => (next !== null && (first === null || next.at < first.at) ? next : first), null);

/** The panel's reminder is planned only when its moment is still ahead at booking, as the candidate's are. */
export function plannedPanelReminder(start: string, reminderMs: number, nowMs: number): string | null {
  return reminderMs > 0 && Date.parse(start) - reminderMs > nowMs ? start : null;
}

/** After the interview, while no outcome is set: feedback nudges (COMPLETED only) and HR's decision nudge. */
function followUpDeadline(state: LifecycleState, timings: LifecycleTimings): Deadline | null {
  if (state.completedAt === null || state.outcome !== 'PENDING') return null;
  const done = Date.parse(state.completedAt);
  const { followUp } = state;
  const waiting = state.status === 'COMPLETED' && followUp.feedbackReceived.length < followUp.feedbackRequested.length;
  return earliest([
    waiting && !followUp.interviewersNudged
      ? { kind: 'feedback-nudge', at: done + timings.feedbackNudgeMs, summary: 'feedback nudge to interviewers' }
      : null,
    waiting && !followUp.hrToldFeedbackLate
      ? { kind: 'feedback-overdue', at: done + timings.feedbackHrNudgeMs, summary: 'tell HR feedback is late' }
      : null,
    followUp.hrNudgedForDecision ? null : { kind: 'decision-due', at: decisionDueAt(done, timings.decisionDue), summary: 'decision due: nudge HR' },
  ]);
}

/**
 * A held earlier time (docs/adr/0072): taken in at once when the coordinator offers it, then ended
 * at its expiry unless answered first. First on a tie: a hold outranks the booking's own timers.
 */
function holdDeadline(state: LifecycleState): Deadline | null {
  const hold = state.hold;
  if (!hold) return null;
  // An earlier time is for a booking; a time offered inside the windows (docs/adr/0073), for an invitation.
  const open = hold.purpose === 'window' ? state.status === 'INVITED' : state.status === 'SCHEDULED' || state.status === 'IN_PROGRESS';
  if (!open) return null;
  return hold.announced
    ? { kind: 'hold-expiry', at: Date.parse(hold.expiresAt), summary: `held time ${hold.start} expires` }
    : { kind: 'hold-announce', at: 0, summary: `offer the held time ${hold.start}` };
}

export function nextDeadline(state: LifecycleState, timings: LifecycleTimings): Deadline | null {
  return earliest([holdDeadline(state), statusDeadline(state, timings)]);
}

function statusDeadline(state: LifecycleState, timings: LifecycleTimings): Deadline | null {
  switch (state.status) {
    case 'INVITED': {
      const expiry = state.invitationExpiresAt === null ? null : Date.parse(state.invitationExpiresAt);
      const availability = state.availability;
      if (!availability) return expiry === null ? null : { kind: 'invitation-expiry', at: expiry, summary: 'invitation expiry' };
      // The candidate said when they could come: the invitation stays open until the last of those times has passed.
      const lastEnd = Math.max(...availability.windows.map((w) => Date.parse(w.end)));
      const searchAt = Date.parse(availability.searchAt);
      // On a tie HR is told first: windows that ended unmatched are news for HR before the invitation expires.
      // A time offered inside the windows is open: no search and no word to HR until it is answered or expires.
      const offered = state.hold?.purpose === 'window';
      // A loop session's windows are searched, and HR told, by its loop (docs/adr/0077): the session only waits with them.
      const byLoop = availability.byLoop === true;
      return earliest([
        searchAt < lastEnd && !offered && !byLoop ? { kind: 'availability-search', at: searchAt, summary: 'search the candidate’s windows' } : null,
        availability.hrTold || offered || byLoop ? null : { kind: 'availability-hr', at: Math.min(Date.parse(availability.hrDueAt), lastEnd), summary: 'tell HR if nothing fits the windows' },
        expiry === null ? null : { kind: 'invitation-expiry', at: Math.max(expiry, lastEnd), summary: 'invitation expiry' },
      ]);
    }
    case 'SCHEDULED': {
      if (state.slot === null) return null;
      const start = state.slot.start;
      const startMs = Date.parse(start);
      const due = state.remindersPlanned.find((offset) => !state.remindersSent.includes(reminderKey(start, offset)));
      const panelDue = state.panelReminderPlannedFor === start && state.panelReminderSentFor !== start;
      const text = smsReminderDue(state);
      const nudge = state.answerNudge;
      // A re-pick is pending: no join reminder for the held time; the candidate's reminder asks for a new time.
      const held = state.repickOffer?.holdsReminders === true;
      return earliest([
        text && !held ? { kind: 'sms-reminder', ...text } : null,
        // Absent in lifecycles from before panels were watched: their plans are as they were.
        state.repickOffer ? { kind: 'repick-deadline', at: Date.parse(state.repickOffer.until), summary: 'new-time offer ends' } : null,
        nudge && !nudge.sent && Date.parse(nudge.at) < startMs ? { kind: 'answer-nudge', at: Date.parse(nudge.at), summary: 'nudge unanswered interviewers' } : null,
        due === undefined
          ? null
          : held
            ? { kind: 'repick-reminder', at: startMs - due, summary: `${reminderLabel(due)}: choose a new time`, offsetMs: due }
            : { kind: 'reminder', at: startMs - due, summary: reminderLabel(due), offsetMs: due },
        panelDue && !held
          ? {
              kind: 'panel-reminder',
              at: startMs - timings.interviewerReminderMs,
              summary: `interviewers' ${reminderLabel(timings.interviewerReminderMs)}`,
              offsetMs: timings.interviewerReminderMs,
            }
          : null,
        { kind: 'window-opens', at: startMs, summary: 'interview starts' },
      ]);
    }
    case 'IN_PROGRESS':
      return state.slot === null
        ? null
        : { kind: 'window-closes', at: Date.parse(state.slot.end) + timings.graceAfterEndMs, summary: 'interview ends' };
    case 'COMPLETED':
    case 'NO_SHOW':
      if (state.outcome === 'PENDING') return followUpDeadline(state, timings);
      if ((state.outcome === 'FAILED' || state.outcome === 'ON_HOLD') && state.completedAt !== null) {
        return {
          kind: 'retake-window-closes',
          at: Date.parse(state.completedAt) + timings.retakeWindowMs,
          summary: 'retake window closes',
        };
      }
      return null;
    default:
      return null;
  }
}

/**
 * When the lifecycle acts on a deadline: reminders are handed to the notifications worker
 * `reminderLeadMs` ahead of their moment (it holds them until then), everything else at its moment.
 */
export function wakeAt(deadline: Deadline, timings: LifecycleTimings): number {
  const held = deadline.kind === 'reminder' || deadline.kind === 'panel-reminder' || deadline.kind === 'sms-reminder';
  return held ? deadline.at - (timings.reminderLeadMs ?? 0) : deadline.at;
}

/** The lifecycle is over: nothing can change it any more. */
export function isFinished(state: LifecycleState, retakeWindowClosed: boolean): boolean {
  switch (state.status) {
    case 'CANCELLED':
    case 'EXPIRED':
    case 'ARCHIVED':
      return true;
    case 'COMPLETED':
    case 'NO_SHOW':
      return state.outcome === 'PASSED' || retakeWindowClosed;
    default:
      return false;
  }
}
