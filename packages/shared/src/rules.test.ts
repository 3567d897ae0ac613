import { describe, expect, it } from 'vitest';
import {
  attendanceRefusal,
  cancelRefusal,
  joinRefusal,
  moverOf,
  newTimeRefusal,
  outcomeRefusal,
  rescheduleCountAfterMove,
  rescheduleRefusal,
  resendRefusal,
  retakeRefusal,
  type ChangeFacts,
} from './rules';

const start = Date.parse('2026-12-01T10:00:00Z');
const scheduled: ChangeFacts = {
  status: 'SCHEDULED',
  slotStart: new Date(start).toISOString(),
  rescheduleCount: 0,
  rescheduleLimit: 3,
};
const HOUR = 3_600_000;

describe('candidate change rules', () => {
  it('a reschedule beyond the limit is refused with RESCHEDULE_LIMIT', () => {
    expect(rescheduleRefusal({ ...scheduled, rescheduleCount: 3 }, start - 10 * HOUR, 2 * HOUR)?.code).toBe('RESCHEDULE_LIMIT');
  });
  it("HR's move past the candidate's allowance is not refused, and spends none of it", () => {
    const spent = { ...scheduled, rescheduleCount: 3 };
    expect(rescheduleRefusal(spent, start - 10 * HOUR, 2 * HOUR, moverOf('hr@example.test'))).toBeNull();
    expect(rescheduleRefusal(spent, start - 10 * HOUR, 2 * HOUR, moverOf('candidate'))?.code).toBe('RESCHEDULE_LIMIT');
    expect(rescheduleCountAfterMove(spent, moverOf('hr@example.test'))).toBe(3);
    expect(rescheduleCountAfterMove(scheduled, moverOf('candidate'))).toBe(1);
  });
  it('a reschedule inside the cutoff is refused as too late', () => {
    expect(rescheduleRefusal(scheduled, start - HOUR, 2 * HOUR)?.code).toBe('TOO_LATE_TO_CHANGE');
    expect(rescheduleRefusal(scheduled, start - 3 * HOUR, 2 * HOUR)).toBeNull();
  });
  it('an archived interview answers as superseded, a cancelled one as cancelled', () => {
    expect(cancelRefusal({ ...scheduled, status: 'ARCHIVED' }, 0, 0)?.code).toBe('LINK_SUPERSEDED');
    expect(rescheduleRefusal({ ...scheduled, status: 'CANCELLED' }, 0, 0)?.code).toBe('INTERVIEW_CANCELLED');
  });
  it('the room opens shortly before the start and stays open in progress', () => {
    expect(joinRefusal(scheduled, start - 20 * 60_000, 10 * 60_000)?.code).toBe('NOT_JOINABLE');
    expect(joinRefusal(scheduled, start - 5 * 60_000, 10 * 60_000)).toBeNull();
    expect(joinRefusal({ ...scheduled, status: 'IN_PROGRESS' }, start + HOUR, 0)).toBeNull();
  });
  it('a move needs a booking, and a time other than the booked one', () => {
    expect(newTimeRefusal({ slotStart: null }, scheduled.slotStart ?? '')).toEqual({ code: 'ILLEGAL_TRANSITION', message: 'Nothing is booked yet.' });
    expect(newTimeRefusal(scheduled, '2026-12-01T11:00:00+01:00')).toEqual({ code: 'SLOT_UNAVAILABLE', message: 'The interview is already at that time.' });
    expect(newTimeRefusal(scheduled, '2026-12-01T11:00:00Z')).toBeNull();
  });
});

describe('HR change rules', () => {
  it('an outcome is set only after the interview, while PENDING or ON HOLD', () => {
    expect(outcomeRefusal({ status: 'COMPLETED', outcome: 'PENDING' })).toBeNull();
    expect(outcomeRefusal({ status: 'NO_SHOW', outcome: 'ON_HOLD' })).toBeNull();
    expect(outcomeRefusal({ status: 'COMPLETED', outcome: 'PASSED' })).toEqual({
      code: 'ILLEGAL_TRANSITION',
      message: 'An outcome cannot be set while the interview is COMPLETED with outcome PASSED.',
    });
    expect(outcomeRefusal({ status: 'SCHEDULED', outcome: 'PENDING' })?.code).toBe('ILLEGAL_TRANSITION');
  });
  it('an invitation is sent again only while unbooked and once its link exists', () => {
    expect(resendRefusal({ status: 'INVITED' }, true)).toBeNull();
    expect(resendRefusal({ status: 'INVITED' }, false)?.code).toBe('ILLEGAL_TRANSITION');
    expect(resendRefusal({ status: 'SCHEDULED' }, true)).toEqual({
      code: 'ILLEGAL_TRANSITION',
      message: 'Only an invitation not yet booked can be sent again; the interview is SCHEDULED.',
    });
  });
  it('attendance is recorded once the interview has started, not before', () => {
    expect(attendanceRefusal(scheduled, start)).toBeNull();
    expect(attendanceRefusal({ ...scheduled, status: 'IN_PROGRESS' }, start - HOUR)).toBeNull();
    expect(attendanceRefusal(scheduled, start - 1)).toEqual({
      code: 'NOT_JOINABLE',
      message: 'Attendance can be recorded once the interview has started; it is SCHEDULED.',
    });
    expect(attendanceRefusal({ ...scheduled, status: 'INVITED', slotStart: null }, start)?.code).toBe('NOT_JOINABLE');
  });
});

describe('retake rules', () => {
  const completed = { status: 'COMPLETED' as const, outcome: 'FAILED' as const, completedAt: '2026-12-01T11:00:00Z', attempt: 1 };
  const rules = { cooldownMs: 7 * 24 * HOUR, maxAttempts: 3 };
  const later = Date.parse('2026-12-09T00:00:00Z');
  it('is allowed after a failed interview once the cooldown has passed', () => {
    expect(retakeRefusal(completed, later, rules)).toBeNull();
  });
  it('is refused for PASSED or PENDING outcomes', () => {
    expect(retakeRefusal({ ...completed, outcome: 'PASSED' }, later, rules)?.code).toBe('RETAKE_REFUSED');
    expect(retakeRefusal({ ...completed, outcome: 'PENDING' }, later, rules)?.code).toBe('RETAKE_REFUSED');
  });
  it('is refused during the cooldown and at the attempt limit', () => {
    expect(retakeRefusal(completed, Date.parse('2026-12-02T00:00:00Z'), rules)?.message).toMatch(/cooldown/);
    expect(retakeRefusal({ ...completed, attempt: 3 }, later, rules)?.message).toMatch(/limit of 3/);
  });
  it('a second approval of an archived interview answers ALREADY_APPROVED', () => {
    expect(retakeRefusal({ ...completed, status: 'ARCHIVED' }, later, rules)?.code).toBe('ALREADY_APPROVED');
  });
});
