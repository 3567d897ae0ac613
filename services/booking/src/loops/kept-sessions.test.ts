import { describe, expect, it } from 'vitest';
import { rankedByKept } from './kept-sessions';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString();
const itinerary = (id: string, ...minutes: number[]) => ({ id, sessions: minutes.map((m) => ({ start: at(m) })) });
/** Three sessions booked at 9:00, 9:30 and 10:00; session 2 (index 1) is re-picked. */
const booked = [Date.parse(at(0)), Date.parse(at(30)), Date.parse(at(60))];

describe('a booked loop offered again, ranked by the sessions it keeps (docs/adr/0032)', () => {
  it('puts the itinerary keeping the most booked sessions where they are first, the search order after that', () => {
    const ranked = rankedByKept([itinerary('all-move', 90, 120, 150), itinerary('keeps-first', 0, 45, 90), itinerary('keeps-two', 0, 35, 60)], booked, 1);
    expect(ranked.map((it) => [it.id, it.keeps])).toEqual([
      ['keeps-two', 2],
      ['keeps-first', 1],
      ['all-move', 0],
    ]);
  });

  it('never counts the re-picked session at its held time as kept', () => {
    const [only] = rankedByKept([itinerary('held', 90, 30, 150)], booked, 1);
    expect(only?.keeps).toBe(0);
  });

  it('counts only the sessions that are booked', () => {
    const [only] = rankedByKept([itinerary('unbooked', 0, 45, 60)], [Date.parse(at(0)), null, null], 1);
    expect(only?.keeps).toBe(1);
  });
});
