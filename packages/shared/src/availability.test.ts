import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { availabilityInput, fitsAWindow, nearestOutside, normaliseWindows } from './availability';

const HOUR = 3_600_000;
const now = Date.parse('2026-12-01T08:00:00Z');
const interview = { durationMinutes: 60, horizonDays: 14 };

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('the candidate\'s windows (availability.ts)', () => {
  it('reads local times in the candidate\'s zone, keeps instants with an offset, and merges overlaps in time order', () => {
    const windows = normaliseWindows(
      {
        timezone: 'Europe/Berlin',
        windows: [
          { start: '2026-12-03T14:00', end: '2026-12-03T16:00' },
          { start: '2026-12-02T09:00', end: '2026-12-02T11:00' },
          { start: '2026-12-02T10:30:00+01:00', end: '2026-12-02T12:00:00+01:00' },
        ],
      },
      interview,
      now,
    );
    expect(windows).toEqual([
      { start: '2026-12-02T08:00:00.000Z', end: '2026-12-02T11:00:00.000Z' },
      { start: '2026-12-03T13:00:00.000Z', end: '2026-12-03T15:00:00.000Z' },
    ]);
  });

  it('refuses, on the window\'s field, one shorter than the interview, one already past and one beyond the horizon', () => {
    const one = (start: string, end: string) => () => normaliseWindows({ timezone: 'UTC', windows: [{ start: '2026-12-02T09:00', end: '2026-12-02T11:00' }, { start, end }] }, interview, now);
    expect(refusal(one('2026-12-02T13:00', '2026-12-02T13:30'))).toMatchObject({ code: 'BAD_INPUT', details: { field: 'windows.1' } });
    expect(refusal(one('2026-11-30T09:00', '2026-11-30T11:00')).message).toContain('already passed');
    expect(refusal(one('2026-12-20T09:00', '2026-12-20T11:00')).message).toContain('14 days');
  });

  it('takes 1 to 20 windows, a known zone and a note of at most 500 characters', () => {
    const token = 'x'.repeat(20);
    const window = { start: '2026-12-02T09:00', end: '2026-12-02T11:00' };
    expect(availabilityInput.safeParse({ token, windows: [window], timezone: 'UTC' }).success).toBe(true);
    expect(availabilityInput.safeParse({ token, windows: [], timezone: 'UTC' }).success).toBe(false);
    expect(availabilityInput.safeParse({ token, windows: Array(21).fill(window), timezone: 'UTC' }).success).toBe(false);
    expect(availabilityInput.safeParse({ token, windows: [window], timezone: 'Mars/Olympus' }).success).toBe(false);
    expect(availabilityInput.safeParse({ token, windows: [{ start: 'tomorrow', end: 'later' }], timezone: 'UTC' }).success).toBe(false);
    expect(availabilityInput.safeParse({ token, windows: [window], timezone: 'UTC', note: 'n'.repeat(501) }).success).toBe(false);
  });

  it('a time fits when the whole interview lies inside a window; the nearest others are those closest to any window', () => {
    const windows = [{ start: '2026-12-02T09:00:00.000Z', end: '2026-12-02T11:00:00.000Z' }];
    const at = (h: number) => Date.parse('2026-12-02T00:00:00Z') + h * HOUR;
    expect(fitsAWindow(windows, at(10), HOUR)).toBe(true);
    expect(fitsAWindow(windows, at(10.5), HOUR)).toBe(false);
    expect(nearestOutside(windows, [at(2), at(7), at(10), at(11.5), at(20)], HOUR, 2)).toEqual(['2026-12-02T07:00:00.000Z', '2026-12-02T11:30:00.000Z']);
  });
});
