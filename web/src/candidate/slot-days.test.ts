import { describe, expect, it } from 'vitest';
import { firstDayWithSlots, slotDays } from './slot-days';

const slot = (start: string, minutes = 30) => ({
  start,
  end: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
});

describe('slotDays', () => {
  const now = new Date('2025-03-03T08:00:00Z');

  it('puts a slot on the day it starts in the viewer zone, not in UTC', () => {
    const late = slot('2025-03-04T23:30:00Z');
    const inBerlin = slotDays([late], 'Europe/Berlin', now, 3);
    const inNewYork = slotDays([late], 'America/New_York', now, 3);
    expect(inBerlin.find((d) => d.slots.length > 0)?.day).toBe('2025-03-05');
    expect(inNewYork.find((d) => d.slots.length > 0)?.day).toBe('2025-03-04');
  });

  it('lists every day of the horizon, marking the empty ones', () => {
    const days = slotDays([slot('2025-03-05T09:00:00Z')], 'UTC', now, 2);
    expect(days.map((d) => [d.day, d.slots.length])).toEqual([
      ['2025-03-03', 0],
      ['2025-03-04', 0],
      ['2025-03-05', 1],
    ]);
    expect(firstDayWithSlots(days)).toBe('2025-03-05');
  });

  it('sorts the slots of a day by start time', () => {
    const days = slotDays([slot('2025-03-04T15:00:00Z'), slot('2025-03-04T09:00:00Z')], 'UTC', now, 1);
    expect(days[1]?.slots.map((s) => s.start)).toEqual(['2025-03-04T09:00:00Z', '2025-03-04T15:00:00Z']);
  });

  it('keeps slots that fall past the horizon when the viewer zone is far ahead', () => {
    const edge = slot('2025-03-05T13:00:00Z');
    const days = slotDays([edge], 'Pacific/Kiritimati', now, 1);
    expect(days.at(-1)).toEqual({ day: '2025-03-06', slots: [edge] });
  });

  it('splits a DST-change day correctly in the viewer zone', () => {
    // Europe/Berlin springs forward on 2025-03-30: 01:59 CET is followed by 03:00 CEST.
    const before = slot('2025-03-29T22:30:00Z'); // 23:30 CET on the 29th
    const after = slot('2025-03-30T22:30:00Z'); // 00:30 CEST on the 31st
    const days = slotDays([before, after], 'Europe/Berlin', new Date('2025-03-29T08:00:00Z'), 3);
    expect(days.filter((d) => d.slots.length > 0).map((d) => d.day)).toEqual(['2025-03-29', '2025-03-31']);
  });
});
