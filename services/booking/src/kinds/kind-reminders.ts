import { INTERVIEW_KINDS, type InterviewKind } from '@portal/shared/interview-kinds';
import { defaultReminderRules, type ReminderRule } from '@portal/shared/reminders';
import type { BookingEnv } from '../core/env';

/** The portal's schedule where HR has set none for a kind: the configured offsets, by email and by SMS. */
export function defaultReminders(env: BookingEnv, kind: InterviewKind): ReminderRule[] {
  return defaultReminderRules(env.REMINDER_OFFSETS_MINUTES ?? INTERVIEW_KINDS[kind].reminderOffsetsMinutes);
}
