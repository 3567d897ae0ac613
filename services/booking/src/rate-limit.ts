import { DomainError } from '@portal/shared/errors';

/**
 * A fixed-window counter per key (IP, token). In-process: each booking instance limits on its
 * own, which bounds abuse per instance; a shared store is the step for a multi-instance setup.
 */
export function createRateLimiter(limitPerMinute: number, now: () => number = Date.now) {
  const windows = new Map<string, { startedAt: number; count: number }>();
  return {
    hit(key: string): void {
      const at = now();
      const window = windows.get(key);
      if (window === undefined || at - window.startedAt >= 60_000) {
        if (windows.size > 50_000) windows.clear();
        windows.set(key, { startedAt: at, count: 1 });
        return;
      }
      window.count += 1;
      if (window.count > limitPerMinute) {
        throw new DomainError('RATE_LIMITED', 'Too many requests; wait a minute and try again.');
      }
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
