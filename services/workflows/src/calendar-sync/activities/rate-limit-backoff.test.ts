import { describe, expect, it } from 'vitest';
import { rateLimitWaitMs } from './rate-limit-backoff';

describe('the wait after a rate-limit answer', () => {
  it('doubles with each answer in a row from 2 s, up to 10 minutes', () => {
    expect([1, 2, 3, 4, 12, 40].map((times) => rateLimitWaitMs(times, null))).toEqual([2_000, 4_000, 8_000, 16_000, 600_000, 600_000]);
  });

  it('is never shorter than what Retry-After asked for', () => {
    expect(rateLimitWaitMs(1, 30_000)).toBe(30_000);
    expect(rateLimitWaitMs(3, 1_000)).toBe(8_000);
    expect(rateLimitWaitMs(1, 0)).toBe(2_000);
  });
});
