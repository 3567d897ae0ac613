import type { Database } from '@portal/db';
import { INTERVIEW_KINDS, type InterviewKind } from '@portal/shared/interview-kinds';
import { defaultReminderRules, type ReminderRule } from '@portal/shared/reminders';
import type { BookingEnv } from './env';

/** The portal's schedule where HR has set none for a kind: the configured offsets, by email and by SMS. */
export function defaultReminders(env: BookingEnv, kind: InterviewKind): ReminderRule[] {
  return defaultReminderRules(env.REMINDER_OFFSETS_MINUTES ?? INTERVIEW_KINDS[kind].reminderOffsetsMinutes);
}

/** The schedule a new invitation runs under: its own over the kind's over the default (docs/adr/0027). */
export async function remindersForInvitation(db: Database, env: BookingEnv, kind: InterviewKind, invitation?: ReminderRule[]): Promise<ReminderRule[]> {
  if (invitation !== undefined) return invitation;
  const settings = await db.kindSettings.findById(kind, { reminders: 1 }).lean();
  return settings?.reminders ?? defaultReminders(env, kind);
}
