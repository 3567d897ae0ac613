import { describe, expect, it } from 'vitest';
import { createFailureCounter, createRateLimiter } from './rate-limit';
import { LruRateLimiter } from './rate-limit-lru';
import { openTestDatabase } from '@portal/db/testing';

const memory = (maxKeys = 1_000) => ({ maxKeys, store: 'memory' as const });
const limited = expect.objectContaining({ name: 'DomainError', code: 'RATE_LIMITED' });

describe('createRateLimiter', () => {
  it('allows the limit within a minute and refuses the next call with RATE_LIMITED', async () => {
    const limiter = createRateLimiter(5, memory());
    for (let i = 0; i < 5; i += 1) await limiter.hit('ip:1.2.3.4');
    await expect(limiter.hit('ip:1.2.3.4')).rejects.toThrow(limited);
  });

  it('counts each key on its own', async () => {
    const limiter = createRateLimiter(2, memory());
    await limiter.hit('ip:a');
    await limiter.hit('ip:a');
    await expect(limiter.hit('ip:a')).rejects.toThrow(/Too many requests; try again in \d+ seconds/);
    await expect(limiter.hit('ip:b')).resolves.toBeUndefined();
    await expect(limiter.hit('token:abc')).resolves.toBeUndefined();
  });

  it('a flood of fresh keys, many times the table, does not turn a 429 back into answers', async () => {
    const limiter = createRateLimiter(3, memory(1_000));
    for (let i = 0; i < 4; i += 1) await limiter.hit('ip:flooder').catch(() => undefined);
    for (let i = 0; i < 60_000; i += 1) {
      await limiter.hit(`token:fresh-${i}`);
      // The flooder's own address is hit by every one of its calls, so it stays the most recent.
      if (i % 100 === 0) await expect(limiter.hit('ip:flooder')).rejects.toThrow(limited);
    }
    await expect(limiter.hit('ip:flooder')).rejects.toThrow(limited);
  });
});

describe('LruRateLimiter', () => {
  it('holds at most maxKeys keys, dropping the least recently used', async () => {
    const limiter = new LruRateLimiter({ points: 10, duration: 60, maxKeys: 100 });
    for (let i = 0; i < 1_000; i += 1) await limiter.consume(`k${i}`);
    expect(limiter.size).toBe(100);
    expect(await limiter.get('k0')).toBeNull();
    expect((await limiter.get('k999'))?.consumedPoints).toBe(1);
  });

  it('opens a new window once the minute has passed', async () => {
    let now = 1_000_000;
    const limiter = new LruRateLimiter({ points: 1, duration: 60, maxKeys: 10, now: () => now });
    await limiter.consume('ip:a');
    await expect(limiter.consume('ip:a')).rejects.toMatchObject({ consumedPoints: 2 });
    now += 60_001;
    await expect(limiter.consume('ip:a')).resolves.toMatchObject({ consumedPoints: 1 });
  });
});

describe('createFailureCounter', () => {
  it('blocks a key after its failures and a clear lets it in again', async () => {
    const counter = createFailureCounter({ name: 'test', points: 3, seconds: 900 }, memory());
    for (let i = 0; i < 2; i += 1) await counter.fail('a|1.2.3.4');
    expect(await counter.blockedFor('a|1.2.3.4')).toBe(0);
    await counter.fail('a|1.2.3.4');
    expect(await counter.blockedFor('a|1.2.3.4')).toBeGreaterThan(899_000);
    expect(await counter.blockedFor('a|5.6.7.8')).toBe(0);
    await counter.clear('a|1.2.3.4');
    expect(await counter.blockedFor('a|1.2.3.4')).toBe(0);
  });
});

describe('the database store, shared by every booking instance', () => {
  it('two limiters on one database count one window together', async () => {
    const db = await openTestDatabase('booking_rate_limits');
    try {
      const store = { maxKeys: 100, store: 'database' as const, connection: db.connection };
      const first = createRateLimiter(3, store);
      const second = createRateLimiter(3, store);
      const key = `ip:${Date.now()}`;
      await first.hit(key);
      await second.hit(key);
      await first.hit(key);
      await expect(second.hit(key)).rejects.toThrow(limited);
      await expect(first.hit(`${key}-other`)).resolves.toBeUndefined();
    } finally {
      await db.close();
    }
  });
});
