import { describe, expect, it } from 'vitest';
import { createRateLimiter, createWindowCounter, type LimiterStore } from './rate-limit';
import { LruRateLimiter } from './rate-limit-lru';
import { RATE_LIMIT_TICKETS, windowOf } from './rate-limit-tickets';
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

describe('createWindowCounter', () => {
  it('refuses a key once its points are taken, and a clear lets it in again', async () => {
    const counter = createWindowCounter({ name: 'test', points: 3, seconds: 900 }, memory());
    for (let i = 0; i < 3; i += 1) expect(await counter.take('a|1.2.3.4')).toMatchObject({ ok: true });
    expect(await counter.take('a|1.2.3.4')).toMatchObject({ ok: false, retryInMs: expect.any(Number) });
    expect(await counter.take('a|5.6.7.8')).toMatchObject({ ok: true });
    await counter.clear('a|1.2.3.4');
    expect(await counter.take('a|1.2.3.4')).toMatchObject({ ok: true });
  });

  it('a point given back can be taken again', async () => {
    const counter = createWindowCounter({ name: 'test', points: 1, seconds: 60 }, memory());
    const first = await counter.take('k');
    expect(await counter.take('k')).toMatchObject({ ok: false });
    if (first.ok) await first.release();
    expect(await counter.take('k')).toMatchObject({ ok: true });
  });
});

/** 30 calls at once on one key of a 5-point window, spread over `counters` (booking instances). */
async function burst(counters: ReturnType<typeof createWindowCounter>[], key: string): Promise<number> {
  const takes = await Promise.all(Array.from({ length: 30 }, (_, i) => counters[i % counters.length]?.take(key)));
  return takes.filter((take) => take?.ok).length;
}

/**
 * The database store's windows are whole minutes on the clock (windowOf): calls that straddle two
 * each stay under the limit. A test counts within one, starting with 10 s of its minute left at
 * least; each takes a second or two, even on a loaded machine.
 */
async function clearOfTheMinute(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 10_000) await new Promise((resolve) => setTimeout(resolve, left + 10));
}

describe('the database store, shared by every booking instance', () => {
  async function withDatabase(work: (store: LimiterStore) => Promise<void>): Promise<void> {
    const db = await openTestDatabase('booking_rate_limits');
    try {
      await clearOfTheMinute();
      await work({ maxKeys: 100, store: 'database', connection: db.connection });
    } finally {
      await db.close();
    }
  }

  it('two limiters on one database count one window together', () =>
    withDatabase(async (store) => {
      const first = createRateLimiter(3, store);
      const second = createRateLimiter(3, store);
      const key = `ip:${Date.now()}`;
      await first.hit(key);
      await second.hit(key);
      await first.hit(key);
      await expect(second.hit(key)).rejects.toThrow(limited);
      await expect(first.hit(`${key}-other`)).resolves.toBeUndefined();
    }));

  it('30 parallel calls through two instances on a limit of 5 pass exactly 5, every time', () =>
    withDatabase(async (store) => {
      const window = { name: 'burst', points: 5, seconds: 60 };
      const instances = [createWindowCounter(window, store), createWindowCounter(window, store)];
      for (let round = 0; round < 5; round += 1) expect(await burst(instances, `ip:round-${round}`)).toBe(5);
    }));

  it('a point given back is taken again, by its own instance at once and by another within a second', () =>
    withDatabase(async (store) => {
      const window = { name: 'give-back', points: 2, seconds: 60 };
      const [first, second] = [createWindowCounter(window, store), createWindowCounter(window, store)];
      const taken = await first.take('k');
      await second.take('k');
      expect(await second.take('k')).toMatchObject({ ok: false });
      if (taken.ok) await taken.release();
      expect(await first.take('k')).toMatchObject({ ok: true });
      if (taken.ok) await taken.release();
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect(await second.take('k')).toMatchObject({ ok: true });
      expect(await first.take('k')).toMatchObject({ ok: false });
    }));

  it('calls one after another pass exactly the limit, whichever ticket the first one drew', () =>
    withDatabase(async (store) => {
      const counter = createWindowCounter({ name: 'sequential', points: 5, seconds: 60 }, store);
      for (let key = 0; key < 10; key += 1) {
        const passed: boolean[] = [];
        for (let i = 0; i < 7; i += 1) passed.push((await counter.take(`k${key}`)).ok);
        expect(passed).toEqual([true, true, true, true, true, false, false]);
      }
    }));

  it('the last free ticket is found wherever it is, after another instance cleared the window and took all but one', () =>
    withDatabase(async (store) => {
      const window = { name: 'hole', points: 5, seconds: 60 };
      const [first, second] = [createWindowCounter(window, store), createWindowCounter(window, store)];
      for (let i = 0; i < 4; i += 1) expect(await first.take('k')).toMatchObject({ ok: true });
      await second.clear('k');
      // Four tickets held again, the free one anywhere but where the first instance would look next.
      const { id, expire } = windowOf(window, 'k', Date.now());
      const tickets = store.connection?.collection<{ _id: string; window: string; expire: Date }>(RATE_LIMIT_TICKETS);
      await tickets?.insertMany([5, 1, 2, 3].map((n) => ({ _id: `${id}:${n}`, window: id, expire })));
      expect(await first.take('k')).toMatchObject({ ok: true });
      expect(await second.take('k')).toMatchObject({ ok: false });
    }));

  it('a cleared window starts again from nothing', () =>
    withDatabase(async (store) => {
      const counter = createWindowCounter({ name: 'clear', points: 5, seconds: 60 }, store);
      expect(await burst([counter], 'k')).toBe(5);
      await counter.clear('k');
      expect(await burst([counter], 'k')).toBe(5);
    }));
});

describe('the in-process store', () => {
  it('30 parallel calls on a limit of 5 pass exactly 5', async () => {
    const counter = createWindowCounter({ name: 'burst', points: 5, seconds: 60 }, memory());
    expect(await burst([counter], 'ip:203.0.113.5')).toBe(5);
  });
});
