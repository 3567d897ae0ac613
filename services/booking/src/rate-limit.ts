import type mongoose from 'mongoose';
import { RateLimiterMongo, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { DomainError } from '@portal/shared/errors';
import { LruRateLimiter } from './rate-limit-lru';

export interface RateLimiter {
  /** Counts one call against `key`; throws RATE_LIMITED once the key has used its window. */
  hit(key: string): Promise<void>;
}

/** Failures counted per key, for sign-in: only failures count, and a success wipes them. */
export interface FailureCounter {
  /** Milliseconds until `key` may try again; 0 when it may now. */
  blockedFor(key: string): Promise<number>;
  fail(key: string): Promise<void>;
  clear(key: string): Promise<void>;
}

export interface LimiterStore {
  /** Keys the in-process store holds at most; past that the least recently used go first. */
  maxKeys: number;
  /** `memory` per instance, or `database` shared by every booking instance (the `rate_limits` collection). */
  store: 'memory' | 'database';
  connection?: mongoose.Connection;
}

interface Window {
  name: string;
  points: number;
  seconds: number;
}

/**
 * Fixed windows on rate-limiter-flexible. The in-process store is an LRU of bounded size: a flood
 * of fresh keys evicts the keys nobody used lately, never the table, so the flooder's own key (hit
 * by every one of its calls) keeps its count. With the database store, the in-process one stands
 * in while the database cannot answer.
 */
function limiterFor(window: Window, store: LimiterStore): RateLimiterAbstract {
  const memory = new LruRateLimiter({ points: window.points, duration: window.seconds, maxKeys: store.maxKeys });
  if (store.store === 'memory') return memory;
  if (store.connection === undefined) throw new Error('the database rate-limit store needs a connection');
  prepareSharedStore(store.connection).catch(() => undefined);
  return new RateLimiterMongo({
    storeClient: store.connection,
    tableName: RATE_LIMITS,
    disableIndexesCreation: true,
    keyPrefix: window.name,
    points: window.points,
    duration: window.seconds,
    insuranceLimiter: memory,
  });
}

const RATE_LIMITS = 'rate_limits';
const prepared = new WeakSet<mongoose.Connection>();

/**
 * The shared store's collection: one window per key (unique), and windows that ended removed by
 * a TTL index where the database has them (MongoDB); FerretDB v1 has none, so there a sweep every
 * ten minutes removes them, keeping the collection the size of the keys of the last minutes.
 */
async function prepareSharedStore(connection: mongoose.Connection): Promise<void> {
  if (prepared.has(connection)) return;
  prepared.add(connection);
  const collection = connection.collection(RATE_LIMITS);
  await collection.createIndex({ key: 1 }, { unique: true });
  try {
    await collection.createIndex({ expire: -1 }, { expireAfterSeconds: 0 });
  } catch {
    setInterval(() => void collection.deleteMany({ expire: { $lt: new Date() } }).catch(() => undefined), 10 * 60_000).unref();
  }
}

export function createRateLimiter(limitPerMinute: number, store: LimiterStore): RateLimiter {
  const limiter = limiterFor({ name: 'calls', points: limitPerMinute, seconds: 60 }, store);
  return {
    async hit(key) {
      try {
        await limiter.consume(key);
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
        throw new DomainError('RATE_LIMITED', `Too many requests; try again in ${seconds} seconds.`);
      }
    },
  };
}

export function createFailureCounter(window: Window, store: LimiterStore): FailureCounter {
  const limiter = limiterFor(window, store);
  return {
    async blockedFor(key) {
      const used = await limiter.get(key);
      return used !== null && used.consumedPoints >= window.points ? used.msBeforeNext : 0;
    },
    async fail(key) {
      await limiter.penalty(key);
    },
    async clear(key) {
      await limiter.delete(key);
    },
  };
}
