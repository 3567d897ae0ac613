import { describe, expect, it } from 'vitest';
import { addDays, dayKeyIn, hhmmIn, instantOfWallTime } from './zoned-time';

describe('zoned time', () => {
  it('names the calendar day of an instant in a zone', () => {
    const instant = new Date('2025-06-30T22:30:00Z');
    expect(dayKeyIn(instant, 'UTC')).toBe('2025-06-30');
    expect(dayKeyIn(instant, 'Asia/Tokyo')).toBe('2025-07-01');
    expect(hhmmIn(instant, 'Asia/Tokyo')).toBe('07:30');
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('turns a wall time in a zone into the instant', () => {
    expect(instantOfWallTime('2025-01-15', '09:00', 'America/New_York').toISOString()).toBe('2025-01-15T14:00:00.000Z');
    expect(instantOfWallTime('2025-07-15', '09:00', 'Europe/London').toISOString()).toBe('2025-07-15T08:00:00.000Z');
  });

  it('moves a wall time inside the spring-forward gap forward by the gap', () => {
    // 02:30 does not exist in Berlin on 2025-03-30; a clock would read 03:30 CEST.
    expect(instantOfWallTime('2025-03-30', '02:30', 'Europe/Berlin').toISOString()).toBe('2025-03-30T01:30:00.000Z');
  });

  it('picks the earlier of the two instants when clocks go back', () => {
    // 02:30 happens twice in Berlin on 2025-10-26; the first is still CEST (+02:00).
    expect(instantOfWallTime('2025-10-26', '02:30', 'Europe/Berlin').toISOString()).toBe('2025-10-26T00:30:00.000Z');
  });
});
