import { describe, expect, it } from 'vitest';
import { calendarMonths } from './month-grid';

const slot = (start: string) => ({ start, end: start });

describe('calendarMonths', () => {
  it('lays a month out Monday first and counts the free times of each day', () => {
    const [november] = calendarMonths([
      { day: '2026-11-01', slots: [] },
      { day: '2026-11-24', slots: [slot('2026-11-24T09:00:00Z'), slot('2026-11-24T10:00:00Z')] },
      { day: '2026-11-25', slots: [] },
    ]);
    expect(november?.month).toBe('2026-11');
    // 1 November 2026 is a Sunday: six blanks before it.
    expect(november?.cells.slice(0, 7).map((c) => c.day)).toEqual([null, null, null, null, null, null, '2026-11-01']);
    expect(november?.cells.find((c) => c.day === '2026-11-24')?.free).toBe(2);
    expect(november?.cells.find((c) => c.day === '2026-11-25')?.free).toBe(0);
    expect(november?.cells.at(-1)?.day).toBe('2026-11-30');
  });

  it('leaves out the weeks already over, keeping the week of the first listed day', () => {
    const [november] = calendarMonths([
      { day: '2026-11-18', slots: [] },
      { day: '2026-11-19', slots: [slot('2026-11-19T09:00:00Z')] },
    ]);
    // The week of Wednesday 18 November starts on Monday 16.
    expect(november?.cells[0]?.day).toBe('2026-11-16');
    expect(november?.cells).toHaveLength(15);
  });

  it('offers a second month only when it has a free day', () => {
    const days = [
      { day: '2026-11-30', slots: [slot('2026-11-30T09:00:00Z')] },
      { day: '2026-12-01', slots: [] },
    ];
    expect(calendarMonths(days).map((m) => m.month)).toEqual(['2026-11']);
    expect(calendarMonths([...days, { day: '2026-12-02', slots: [slot('2026-12-02T09:00:00Z')] }]).map((m) => m.month)).toEqual([
      '2026-11',
      '2026-12',
    ]);
  });
});
