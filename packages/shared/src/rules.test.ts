import { describe, expect, it } from 'vitest';
import { cancelRefusal, joinRefusal, moverOf, rescheduleCountAfterMove, rescheduleRefusal, retakeRefusal, type ChangeFacts } from './rules';

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
