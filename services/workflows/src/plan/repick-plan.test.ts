import { describe, expect, it } from 'vitest';
import type { LifecycleState, LifecycleTimings } from '@portal/shared/lifecycle';
import { nextDeadline, wakeAt } from './plan';

const start = '2026-12-01T10:00:00.000Z';
const startMs = Date.parse(start);
const MIN = 60_000;
const timings = { interviewerReminderMs: 15 * MIN, reminderLeadMs: 90_000 } as LifecycleTimings;

/** Booked, a 30 min and a 5 min reminder planned, the panel's and a text's too; a member left and nobody could take the place. */
function held(holdsReminders: boolean | undefined, remindersSent: string[] = []): LifecycleState {
  return {
    status: 'SCHEDULED',
    slot: { start, end: '2026-12-01T11:00:00.000Z', panel: [] },
    remindersPlanned: [30 * MIN, 5 * MIN],
    remindersSent,
    smsRemindersPlanned: [20 * MIN],
    panelReminderPlannedFor: start,
    panelReminderSentFor: null,
    repickOffer: { until: start, start, missing: ['gone'], ...(holdsReminders === undefined ? {} : { holdsReminders }) },
  } as unknown as LifecycleState;
}

describe('a pending re-pick in the plan (docs/adr/0032, issue 47)', () => {
  it('replaces the join reminder by a reminder to choose a new time, at its own moment', () => {
    const next = nextDeadline(held(true), timings);
    expect(next).toEqual({ kind: 'repick-reminder', at: startMs - 30 * MIN, summary: '30min reminder: choose a new time', offsetMs: 30 * MIN });
    if (next) expect(wakeAt(next, timings)).toBe(startMs - 30 * MIN);
  });

  it('plans no text, no panel reminder and no join reminder: after the reminders, the offer ends at the held time', () => {
    const sent = [`${start}|${30 * MIN}`, `${start}|${5 * MIN}`];
    expect(nextDeadline(held(true, sent), timings)).toEqual({ kind: 'repick-deadline', at: startMs, summary: 'new-time offer ends' });
  });

  it('leaves an offer made before the patch as it ran: its join reminders stay planned', () => {
    expect(nextDeadline(held(undefined), timings)?.kind).toBe('reminder');
  });
});
