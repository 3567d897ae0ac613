import { describe, expect, it } from 'vitest';
import type { AvailabilityState } from '@portal/shared/availability';
import type { LifecycleState, LifecycleTimings } from '@portal/shared/lifecycle';
import { nextDeadline } from './plan';

const HOUR = 3_600_000;
const now = Date.parse('2026-12-01T08:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function invited(availability: AvailabilityState | null, expiresAt = now + 24 * HOUR): LifecycleState {
  return { status: 'INVITED', invitationExpiresAt: iso(expiresAt), availability } as LifecycleState;
}

function windows(lastEnd: number, overrides: Partial<AvailabilityState> = {}): AvailabilityState {
  return {
    windows: [{ start: iso(now + 48 * HOUR), end: iso(now + 50 * HOUR) }, { start: iso(lastEnd - 2 * HOUR), end: iso(lastEnd) }],
    timezone: 'UTC',
    note: null,
    submittedAt: iso(now),
    searchAt: iso(now + 15 * 60_000),
    hrDueAt: iso(now + 48 * HOUR),
    hrTold: false,
    ...overrides,
  };
}

describe('an invitation waiting on the candidate\'s windows (plan.ts, docs/adr/0071)', () => {
  const timings = {} as LifecycleTimings;

  it('searches the windows next, before HR is told and long before the invitation expires', () => {
    expect(nextDeadline(invited(windows(now + 96 * HOUR)), timings)).toMatchObject({ kind: 'availability-search', at: now + 15 * 60_000 });
  });

  it('tells HR once nothing is left to search before that, and never again once told', () => {
    const searched = windows(now + 96 * HOUR, { searchAt: iso(now + 72 * HOUR) });
    expect(nextDeadline(invited(searched), timings)).toMatchObject({ kind: 'availability-hr', at: now + 48 * HOUR });
    expect(nextDeadline(invited({ ...searched, hrTold: true }), timings)).toMatchObject({ kind: 'availability-search' });
  });

  it('keeps the invitation open until the last window has ended, then lets it expire', () => {
    const lastEnd = now + 96 * HOUR;
    const done = windows(lastEnd, { searchAt: iso(lastEnd + HOUR), hrTold: true });
    expect(nextDeadline(invited(done), timings)).toEqual({ kind: 'invitation-expiry', at: lastEnd, summary: 'invitation expiry' });
    expect(nextDeadline(invited(null), timings)).toEqual({ kind: 'invitation-expiry', at: now + 24 * HOUR, summary: 'invitation expiry' });
  });

  it('tells HR when the last window ends if that comes before the set time', () => {
    const soon = windows(now + 30 * HOUR, { windows: [{ start: iso(now + 28 * HOUR), end: iso(now + 30 * HOUR) }], searchAt: iso(now + 40 * HOUR) });
    expect(nextDeadline(invited(soon), timings)).toMatchObject({ kind: 'availability-hr', at: now + 30 * HOUR });
  });

  it('with a time offered inside the windows (docs/adr/0073): offers it at once, then waits only for its expiry', () => {
    const hold = { id: 'hold_x', interviewId: 'x', start: iso(now + 48 * HOUR), end: iso(now + 49 * HOUR), claimId: 'c', expiresAt: iso(now + HOUR), purpose: 'window' as const };
    const waiting = windows(now + 96 * HOUR);
    expect(nextDeadline({ ...invited(waiting), hold: { ...hold, announced: false } }, timings)).toMatchObject({ kind: 'hold-announce', at: 0 });
    // Neither the search (due in 15 minutes) nor HR's word comes before the candidate's answer.
    expect(nextDeadline({ ...invited(waiting), hold: { ...hold, announced: true } }, timings)).toMatchObject({ kind: 'hold-expiry', at: now + HOUR });
    // An earlier time's hold is a booking's: an invitation has none open.
    expect(nextDeadline({ ...invited(waiting), hold: { ...hold, purpose: 'earlier', announced: true } }, timings)).toMatchObject({ kind: 'availability-search' });
  });
});
