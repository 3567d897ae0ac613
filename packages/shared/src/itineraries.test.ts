import { describe, expect, it } from 'vitest';
import { generateSlots, type InterviewerAvailability } from './slots';
import { itineraryLayoutProblem, searchItineraries, type MemberFacts, type SessionOptions } from './itineraries';
import { zoneDays } from './itinerary-days';
import type { LoopRules } from './loops';

const HOUR = 3_600_000;
const MIN = 60_000;
const utc = zoneDays('UTC');
const DAY = utc.fromIsoDate('2030-03-04'); // a Monday
const at = (hhmm: string, day = DAY) => utc.bounds(day).from + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * MIN;

function interviewer(id: string, extra: Partial<InterviewerAvailability> = {}): InterviewerAvailability {
  return {
    interviewerId: id,
    timezone: 'UTC',
    weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday: weekday as 1, ranges: [{ start: '09:00', end: '17:00' }] })),
    overrides: [],
    timeOff: [],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    maxPerDay: 8,
    ...extra,
  };
}

/** Each session's options straight from the single-session listing, as booking builds them. */
function sessionsFrom(pools: InterviewerAvailability[][], panels: number[], minutes = 60): SessionOptions[] {
  return pools.map((pool, i) => ({
    durationMs: minutes * MIN,
    panelSize: panels[i] ?? 1,
    slots: generateSlots({
      interviewers: pool,
      booked: [],
      rules: { durationMinutes: minutes, stepMinutes: 15, minNoticeMinutes: 0, horizonDays: 14 },
      now: new Date(at('00:00')),
    })
      .filter((s) => s.interviewerIds.length >= (panels[i] ?? 1))
      .map((s) => ({ start: s.start.getTime(), interviewerIds: s.interviewerIds })),
  }));
}

function facts(pool: InterviewerAvailability[]): Map<string, MemberFacts> {
  return new Map(pool.map((p) => [p.interviewerId, { bufferBeforeMs: p.bufferBeforeMinutes * MIN, bufferAfterMs: p.bufferAfterMinutes * MIN, dayOf: utc.of }]));
}

const sameDay: LoopRules = { order: 'fixed', minBreakMinutes: 0, maxBreakMinutes: 30, days: 1, maxSessionsPerDay: 4 };

describe('itinerary search', () => {
  it('lays four sessions back to back from the first free start, best first', () => {
    const pools = [[interviewer('a')], [interviewer('b')], [interviewer('c')], [interviewer('d')]];
    const found = searchItineraries({ sessions: sessionsFrom(pools, [1, 1, 1, 1]), rules: sameDay, members: facts(pools.flat()), candidateDay: utc, firstDay: DAY });
    expect(found[0]?.starts).toEqual([at('09:00'), at('10:00'), at('11:00'), at('12:00')]);
    expect(found[0]?.idleMs).toBe(0);
    // The last first start that still fits the day: 13:00 (four hours to 17:00).
    expect(Math.max(...found.map((i) => i.starts[0] ?? 0))).toBe(at('13:00'));
    expect(found.every((i) => (i.starts[3] ?? 0) + HOUR <= at('17:00'))).toBe(true);
  });

  it('keeps the break inside its bounds around a booked hour', () => {
    const pools = [[interviewer('a')], [interviewer('b', { timeOff: [{ start: new Date(at('10:00')), end: new Date(at('10:30')) }] })]];
    const rules = { ...sameDay, minBreakMinutes: 15, maxBreakMinutes: 30 };
    const found = searchItineraries({ sessions: sessionsFrom(pools, [1, 1]), rules, members: facts(pools.flat()), candidateDay: utc, firstDay: DAY });
    const nine = found.find((i) => i.starts[0] === at('09:00'));
    // 10:15 is in b's time off, 10:30 is a 30-minute break: the most the rules allow.
    expect(nine?.starts[1]).toBe(at('10:30'));
    expect(found.every((i) => (i.starts[1] ?? 0) - ((i.starts[0] ?? 0) + HOUR) >= 15 * MIN)).toBe(true);
  });

  it('offers nothing when a session has no panel that day', () => {
    const pools = [[interviewer('a')], [interviewer('b', { overrides: [{ date: '2030-03-04', ranges: [] }] })]];
    expect(searchItineraries({ sessions: sessionsFrom(pools, [1, 1]), rules: sameDay, members: facts(pools.flat()), candidateDay: utc, firstDay: DAY })).toEqual([]);
  });

  it('does not count one interviewer for two sessions of the same day', () => {
    // x is in both pools, with a daily cap that would let the claims take x twice only by luck.
    const x = interviewer('x');
    const pools = [[x, interviewer('a')], [x]];
    const found = searchItineraries({ sessions: sessionsFrom(pools, [1, 1]), rules: sameDay, members: facts([x, interviewer('a')]), candidateDay: utc, firstDay: DAY });
    expect(found).toEqual([]);
    const wider = [[x, interviewer('a')], [x, interviewer('b')]];
    expect(searchItineraries({ sessions: sessionsFrom(wider, [1, 1]), rules: sameDay, members: facts(wider.flat()), candidateDay: utc, firstDay: DAY }).length).toBeGreaterThan(0);
  });

  it('spreads a loop over two days within the per-day cap', () => {
    const pools = [[interviewer('a')], [interviewer('b')], [interviewer('c')]];
    const rules: LoopRules = { order: 'fixed', minBreakMinutes: 0, maxBreakMinutes: 0, days: 2, maxSessionsPerDay: 2 };
    const byDay = (s: number) => utc.of(s);
    const found = searchItineraries({ sessions: sessionsFrom(pools, [1, 1, 1]), rules, members: facts(pools.flat()), candidateDay: utc, firstDay: DAY });
    expect(found.length).toBeGreaterThan(0);
    for (const i of found) {
      expect(byDay(i.starts[0] ?? 0)).toBe(DAY);
      expect(byDay(i.starts[2] ?? 0)).toBe(DAY + 1);
    }
    // Earliest finish first: two on Monday from 09:00, the third at 09:00 on Tuesday.
    expect(found[0]?.starts).toEqual([at('09:00'), at('10:00'), at('09:00', DAY + 1)]);
  });

  it('puts free-order sessions in whichever order finishes first', () => {
    const pools = [[interviewer('a', { overrides: [{ date: '2030-03-04', ranges: [{ start: '11:00', end: '12:00' }] }] })], [interviewer('b')]];
    const rules = { ...sameDay, order: 'free' as const };
    const found = searchItineraries({ sessions: sessionsFrom(pools, [1, 1]), rules, members: facts(pools.flat()), candidateDay: utc, firstDay: DAY });
    expect(found[0]?.starts).toEqual([at('11:00'), at('10:00')]);
    const fixed = searchItineraries({ sessions: sessionsFrom(pools, [1, 1]), rules: sameDay, members: facts(pools.flat()), candidateDay: utc, firstDay: DAY });
    expect(fixed[0]?.starts).toEqual([at('11:00'), at('12:00')]);
  });

  it('stays bounded for four sessions over pools of twenty with panels of two', () => {
    const pool = (tag: string) => Array.from({ length: 20 }, (_, i) => interviewer(`${tag}${i}`, { bufferAfterMinutes: 15 }));
    const pools = [pool('a'), pool('b'), pool('c'), pool('d')];
    const started = performance.now();
    const found = searchItineraries({ sessions: sessionsFrom(pools, [2, 2, 2, 2]), rules: sameDay, members: facts(pools.flat()), candidateDay: utc, firstDay: DAY });
    expect(found.length).toBeGreaterThan(10);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('itinerary layout check', () => {
  const durations = [HOUR, HOUR];
  it('accepts what the search offers and refuses a break out of bounds, a wrong order and too many days', () => {
    expect(itineraryLayoutProblem(sameDay, durations, [at('09:00'), at('10:15')], utc.of)).toBeNull();
    expect(itineraryLayoutProblem(sameDay, durations, [at('09:00'), at('11:00')], utc.of)).toMatch(/break/);
    expect(itineraryLayoutProblem(sameDay, durations, [at('11:00'), at('09:00')], utc.of)).toMatch(/order/);
    expect(itineraryLayoutProblem(sameDay, durations, [at('09:00'), at('09:00', DAY + 1)], utc.of)).toMatch(/day/);
    expect(itineraryLayoutProblem(sameDay, durations, [at('09:00')], utc.of)).toMatch(/2 sessions/);
  });
});
