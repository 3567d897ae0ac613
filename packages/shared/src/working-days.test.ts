import { describe, expect, it } from 'vitest';
import { addWorkingDays, decisionDueAt } from './working-days';

describe('working days', () => {
  it('five working days after a Thursday afternoon is the next Thursday, skipping the weekend', () => {
    const thursday = Date.parse('2026-11-19T15:00:00Z');
    expect(new Date(addWorkingDays(thursday, 5)).toISOString()).toBe('2026-11-26T15:00:00.000Z');
  });

  it('one working day after a Friday is the Monday', () => {
    expect(new Date(addWorkingDays(Date.parse('2026-11-20T09:00:00Z'), 1)).toISOString()).toBe('2026-11-23T09:00:00.000Z');
  });

  it('a test duration is taken as it is', () => {
    expect(decisionDueAt(1_000, { afterMs: 500 })).toBe(1_500);
  });
});
