import { describe, expect, it } from 'vitest';
import { fromDateTimeLocal, toDateTimeLocal } from './date-time-local';

describe('datetime-local in a chosen zone', () => {
  it('shows an instant as the wall time of the interviewer zone', () => {
    expect(toDateTimeLocal('2025-08-01T07:00:00.000Z', 'America/Los_Angeles')).toBe('2025-08-01T00:00');
  });

  it('reads a wall time back to the same instant', () => {
    expect(fromDateTimeLocal('2025-08-01T00:00', 'America/Los_Angeles')).toBe('2025-08-01T07:00:00.000Z');
  });

  it('gives empty strings for empty or partial values instead of a wrong date', () => {
    expect(toDateTimeLocal('', 'UTC')).toBe('');
    expect(fromDateTimeLocal('2025-08-01', 'UTC')).toBe('');
  });
});
