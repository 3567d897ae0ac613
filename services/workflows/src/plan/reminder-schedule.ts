import { channelOffsetsMs } from '@portal/shared/reminders';
import type { LifecycleState, LifecycleTimings } from '@portal/shared/lifecycle';
import { plannedReminders, reminderLabel } from './reminder-times';

/**
 * The SMS half of a reminder schedule (docs/adr/0027). The email half is `reminderOffsetsMs`, planned
 * as before; the SMS half is planned beside it only for a candidate who opted in to texts, and only
 * in lifecycles whose input carries a schedule (older ones never text a reminder).
 */
export const smsReminderKey = (start: string, offsetMs: number) => `${start}|${offsetMs}|sms`;

/** SMS offsets still ahead at booking, largest first; undefined where the lifecycle has no schedule. */
export function plannedSmsReminders(timings: LifecycleTimings, smsOptIn: boolean, startMs: number, nowMs: number): number[] | undefined {
  if (timings.reminders === undefined) return undefined;
  return smsOptIn ? plannedReminders(startMs, channelOffsetsMs(timings.reminders, 'sms'), nowMs) : [];
}

/** The next SMS reminder due for the booked time, if any. */
export function smsReminderDue(state: LifecycleState): { at: number; summary: string; offsetMs: number } | null {
  const { slot, smsRemindersPlanned } = state;
  if (slot === null || smsRemindersPlanned === undefined) return null;
  const offsetMs = smsRemindersPlanned.find((offset) => !state.remindersSent.includes(smsReminderKey(slot.start, offset)));
  return offsetMs === undefined ? null : { at: Date.parse(slot.start) - offsetMs, summary: `${reminderLabel(offsetMs)} by SMS`, offsetMs };
}

/**
 * The audit trail's note on a booking or a move when the schedule has SMS reminders the candidate
 * will not get, having not opted in to texts: "SMS reminders skipped (no opt-in to texts): 1h reminder".
 */
export function skippedSmsNote(timings: LifecycleTimings, smsOptIn: boolean): string {
  if (timings.reminders === undefined || smsOptIn) return '';
  const offsets = channelOffsetsMs(timings.reminders, 'sms');
  return offsets.length === 0 ? '' : `; SMS reminders skipped (no opt-in to texts): ${offsets.map(reminderLabel).join(', ')}`;
}
