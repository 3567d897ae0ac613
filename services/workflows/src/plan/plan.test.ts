import { describe, expect, it } from 'vitest';
import type { LifecycleState, LifecycleTimings } from '@portal/shared/lifecycle';
import { wakeAt, type Deadline } from './plan';
import { plannedSmsReminders, skippedSmsNote, smsReminderDue, smsReminderKey } from './reminder-schedule';

const timings = (reminderLeadMs?: number) => ({ reminderLeadMs }) as LifecycleTimings;
const at = Date.parse('2026-12-01T10:00:00Z');

describe('wakeAt', () => {
  it('hands the candidate\'s and the panel\'s reminders over the lead ahead of their moment', () => {
    const reminder: Deadline = { kind: 'reminder', at, summary: '1h reminder', offsetMs: 3_600_000 };
    const panel: Deadline = { kind: 'panel-reminder', at, summary: "interviewers' 15min reminder", offsetMs: 900_000 };
    expect(wakeAt(reminder, timings(60_000))).toBe(at - 60_000);
    expect(wakeAt(panel, timings(60_000))).toBe(at - 60_000);
  });

  it('acts on every other deadline at its moment, and on reminders too in lifecycles started without a lead', () => {
    expect(wakeAt({ kind: 'window-opens', at, summary: 'interview starts' }, timings(60_000))).toBe(at);
    expect(wakeAt({ kind: 'invitation-expiry', at, summary: 'invitation expiry' }, timings(60_000))).toBe(at);
    expect(wakeAt({ kind: 'reminder', at, summary: '1h reminder', offsetMs: 3_600_000 }, timings(undefined))).toBe(at);
  });
});

describe('SMS reminders (reminder-schedule.ts)', () => {
  const rules = [
    { offsetMinutes: 60, channel: 'email' as const },
    { offsetMinutes: 10, channel: 'sms' as const },
    { offsetMinutes: 120, channel: 'sms' as const },
  ];
  const start = at;

  it('plans the SMS offsets still ahead, largest first, only for a candidate who opted in', () => {
    const withSchedule = { reminders: rules } as LifecycleTimings;
    expect(plannedSmsReminders(withSchedule, true, start, start - 30 * 60_000)).toEqual([600_000]);
    expect(plannedSmsReminders(withSchedule, true, start, start - 3 * 3_600_000)).toEqual([7_200_000, 600_000]);
    expect(plannedSmsReminders(withSchedule, false, start, start - 3 * 3_600_000)).toEqual([]);
    expect(plannedSmsReminders({} as LifecycleTimings, true, start, 0), 'a lifecycle from before schedules').toBeUndefined();
  });

  it('the next text due is the first planned one not yet handed over for the booked time', () => {
    const slot = { start: new Date(start).toISOString() };
    const state = { slot, smsRemindersPlanned: [7_200_000, 600_000], remindersSent: [smsReminderKey(slot.start, 7_200_000)] } as unknown as LifecycleState;
    expect(smsReminderDue(state)).toEqual({ at: start - 600_000, summary: '10min reminder by SMS', offsetMs: 600_000 });
    expect(smsReminderDue({ ...state, smsRemindersPlanned: undefined })).toBeNull();
  });

  it('says which SMS reminders a candidate without an opt-in will not get', () => {
    expect(skippedSmsNote({ reminders: rules } as LifecycleTimings, false)).toBe('; SMS reminders skipped (no opt-in to texts): 2h reminder, 10min reminder');
    expect(skippedSmsNote({ reminders: rules } as LifecycleTimings, true)).toBe('');
    expect(skippedSmsNote({} as LifecycleTimings, false)).toBe('');
  });
});
