import type mongoose from 'mongoose';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '@portal/shared/errors';
import { LruRateLimiter } from './rate-limit-lru';
import { createTicketWindow, type LimitWindow, type Take } from './rate-limit-tickets';

export type { LimitWindow, Take } from './rate-limit-tickets';

/**
 * Every limit is taken before the work it guards, in one atomic step, and checked after: a burst
 * of parallel calls cannot all read "under the limit" before any of them is counted.
 */
export interface WindowCounter {
  /** Takes one point of `key`'s window: a ticket (with `release` to give it back), or the wait. */
  take(key: string): Promise<Take>;
  /** Gives back every point `key` has taken in its window. */
  clear(key: string): Promise<void>;
}

export interface RateLimiter {
  /** Counts one call against `key`; throws RATE_LIMITED once the key has used its window. */
  hit(key: string): Promise<void>;
}

export interface LimiterStore {
  /** Keys the in-process store holds at most; past that the least recently used go first. */
  maxKeys: number;
  /** `memory` per instance, or `database` shared by every booking instance (the `rate_limit_tickets` collection). */
  store: 'memory' | 'database';
  connection?: mongoose.Connection;
}

/**
 * The in-process window: rate-limiter-flexible's fixed window over a bounded LRU, whose
 * read-add-write runs without an await between, so it is atomic within the process. A flood of
 * fresh keys evicts the keys nobody used lately, never the table, so the flooder's own key (hit by
 * every one of its calls) keeps its count.
 */
function memoryWindow(window: LimitWindow, maxKeys: number): WindowCounter {
  const limiter = new LruRateLimiter({ points: window.points, duration: window.seconds, maxKeys });
  return {
    async take(key) {
      try {
        const taken = await limiter.consume(key);
        return {
          ok: true,
          remaining: taken.remainingPoints,
          resetInMs: taken.msBeforeNext,
          release: async () => void (await limiter.reward(key, 1)),
        };
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        return { ok: false, retryInMs: Math.max(1, refusal.msBeforeNext) };
      }
    },
    async clear(key) {
      await limiter.delete(key);
    },
  };
}

/** With the database store, the in-process window stands in while the database cannot answer. */
export function createWindowCounter(window: LimitWindow, store: LimiterStore): WindowCounter {
  const memory = memoryWindow(window, store.maxKeys);
  if (store.store === 'memory') return memory;
  if (store.connection === undefined) throw new Error('the database rate-limit store needs a connection');
  const shared = createTicketWindow(store.connection, window, store.maxKeys);
  return {
    take: (key) => shared.take(key).catch(() => memory.take(key)),
    clear: (key) => Promise.all([shared.clear(key).catch(() => undefined), memory.clear(key)]).then(() => undefined),
  };
}

export function createRateLimiter(limitPerMinute: number, store: LimiterStore): RateLimiter {
  const counter = createWindowCounter({ name: 'calls', points: limitPerMinute, seconds: 60 }, store);
  return {
    async hit(key) {
      const taken = await counter.take(key);
      if (taken.ok) return;
      const seconds = Math.max(1, Math.ceil(taken.retryInMs / 1000));
      throw new DomainError('RATE_LIMITED', `Too many requests; try again in ${seconds} seconds.`);
    },
  };
}
