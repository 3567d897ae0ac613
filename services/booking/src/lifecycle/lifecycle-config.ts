import type { InterviewKindDocument } from '@portal/db/documents';
import type { AvailabilityAction } from '@portal/shared/availability';
import type { Buffers } from '@portal/shared/buffers';
import type { LifecycleTimings } from '@portal/shared/lifecycle';
import type { NoticeRules } from '@portal/shared/notice';
import { channelOffsetsMs, type ReminderRule } from '@portal/shared/reminders';
import type { BookingEnv } from '../core/env';

const MINUTE = 60_000;

/**
 * The durations a new lifecycle runs with, from config, the kind's rules (its panel's
 * reminder and decision time) and the notice rules and buffers fixed at the invitation.
 */
export function lifecycleTimings(
  env: BookingEnv,
  kind: Pick<InterviewKindDocument, 'interviewerReminderMinutes' | 'decisionWorkingDays' | 'holdMinutes'>,
  fixed: { notice: NoticeRules; reminders: ReminderRule[]; buffers: Buffers | null; availabilityAction?: AvailabilityAction },
): LifecycleTimings {
  const { notice, reminders, buffers } = fixed;
  return {
    invitationExpiryMs: env.INVITATION_EXPIRY_MINUTES * MINUTE,
    reminderOffsetsMs: channelOffsetsMs(reminders, 'email'),
    reminders,
    changeCutoffMs: notice.changeCutoffMinutes * MINUTE,
    joinOpensBeforeMs: env.JOIN_OPENS_BEFORE_MINUTES * MINUTE,
    graceAfterEndMs: env.GRACE_AFTER_END_MINUTES * MINUTE,
    retakeCooldownMs: env.RETAKE_COOLDOWN_MINUTES * MINUTE,
    retakeWindowMs: env.RETAKE_WINDOW_DAYS * 24 * 60 * MINUTE,
    maxAttempts: env.MAX_ATTEMPTS,
    slotRules: slotRules(env, notice, buffers),
    interviewerReminderMs: (env.INTERVIEWER_REMINDER_MINUTES ?? kind.interviewerReminderMinutes) * MINUTE,
    feedbackNudgeMs: env.FEEDBACK_NUDGE_MINUTES * MINUTE,
    feedbackHrNudgeMs: env.FEEDBACK_HR_NUDGE_MINUTES * MINUTE,
    decisionDue:
      env.DECISION_NUDGE_MINUTES === undefined
        ? { workingDays: kind.decisionWorkingDays }
        : { afterMs: env.DECISION_NUDGE_MINUTES * MINUTE },
    feedbackLinkMs: env.FEEDBACK_LINK_DAYS * 24 * 60 * MINUTE,
    mailQueueTimeoutMs: env.MAIL_QUEUE_TIMEOUT_SECONDS * 1000,
    reminderLeadMs: env.REMINDER_LEAD_SECONDS * 1000,
    meetingRoomWaitMs: env.MEETING_ROOM_WAIT_SECONDS * 1000,
    answerNudgeMs: env.INTERVIEWER_ANSWER_NUDGE_MINUTES * MINUTE,
    repickWindowMs: env.REPICK_WINDOW_MINUTES * MINUTE,
    availabilityRecheckMs: env.AVAILABILITY_RECHECK_MINUTES * MINUTE,
    holdMs: (kind.holdMinutes ?? env.HOLD_MINUTES) * MINUTE,
    calendarWriteTimeoutMs: env.CALENDAR_WRITE_TIMEOUT_SECONDS * 1000,
    availabilityHrAfter: env.AVAILABILITY_HR_MINUTES === undefined ? { workingDays: 2 } : { afterMs: env.AVAILABILITY_HR_MINUTES * MINUTE },
    ...(fixed.availabilityAction === 'offer' ? { availabilityAction: fixed.availabilityAction } : {}),
  };
}

/** How an interview's slots are cut: the portal's step, its notice, and its kind's buffers when it has any (docs/adr/0066). */
export function slotRules(env: BookingEnv, notice: NoticeRules, buffers: Buffers | null | undefined) {
  return {
    stepMinutes: env.SLOT_STEP_MINUTES,
    minNoticeMinutes: notice.minNoticeMinutes,
    horizonDays: notice.horizonDays,
    ...buffers,
  };
}
