import { createRequire } from 'node:module';
import { LRUCache } from 'lru-cache';
import { RateLimiterRes, type RateLimiterStoreAbstract as StoreAbstract } from 'rate-limiter-flexible';

// The base class of the library's own stores: its typings declare it, its entry point does not export it.
const RateLimiterStoreAbstract = createRequire(import.meta.url)('rate-limiter-flexible/lib/RateLimiterStoreAbstract.js') as typeof StoreAbstract;

interface Window {
  consumed: number;
  expiresAt: number;
}

interface StoreResult {
  consumedPoints: number;
  msBeforeNext: number;
}

/**
 * rate-limiter-flexible's store contract over lru-cache. Its own memory store keeps every key
 * until its window ends, so memory grows with the number of distinct keys a flood brings; this
 * one holds at most `maxKeys`, evicting the least recently used.
 */
export class LruRateLimiter extends RateLimiterStoreAbstract {
  private readonly windows: LRUCache<string, Window>;

  constructor(options: { points: number; duration: number; maxKeys: number; now?: () => number }) {
    super({ points: options.points, duration: options.duration, storeClient: 'lru' });
    this.windows = new LRUCache({ max: options.maxKeys });
    this.now = options.now ?? Date.now;
  }

  private readonly now: () => number;

  get size(): number {
    return this.windows.size;
  }

  _getRateLimiterRes(_key: string, changedPoints: number, result: StoreResult): RateLimiterRes {
    return new RateLimiterRes(
      Math.max(this.points - result.consumedPoints, 0),
      result.msBeforeNext,
      result.consumedPoints,
      result.consumedPoints === changedPoints,
    );
  }

  _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<StoreResult> {
    const at = this.now();
    const window = this.windows.get(key);
    if (forceExpire || window === undefined || window.expiresAt <= at) {
      // A point given back after its window ended gives nothing: the new window starts at zero.
      if (points < 0 && !forceExpire) return Promise.resolve({ consumedPoints: 0, msBeforeNext: 0 });
      const fresh = { consumed: points, expiresAt: msDuration > 0 ? at + msDuration : Number.POSITIVE_INFINITY };
      this.windows.set(key, fresh);
      return Promise.resolve(this.resultOf(fresh, at));
    }
    // A refused call takes nothing: the window stays full, and a point given back opens one place.
    if (points > 0 && window.consumed + points > this.points) return Promise.resolve(this.resultOf({ ...window, consumed: window.consumed + points }, at));
    window.consumed += points;
    return Promise.resolve(this.resultOf(window, at));
  }

  _get(key: string): Promise<StoreResult | null> {
    const at = this.now();
    const window = this.windows.get(key);
    return Promise.resolve(window === undefined || window.expiresAt <= at ? null : this.resultOf(window, at));
  }

  _delete(key: string): Promise<boolean> {
    return Promise.resolve(this.windows.delete(key));
  }

  private resultOf(window: Window, at: number): StoreResult {
    return {
      consumedPoints: window.consumed,
      msBeforeNext: Number.isFinite(window.expiresAt) ? window.expiresAt - at : -1,
    };
  }
}
