import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '@portal/db';
import { openTestDatabase } from '@portal/db/testing';
import { createWindowCounter, type LimiterStore } from '../rate-limit/rate-limit';
import { hashPassword, verifyPassword } from './passwords';
import { signIn as checkSignIn, type PasswordCheck, type SignInGuards } from './sign-in';

// The real scrypt check, watched: how many passwords a burst gets evaluated. What this file asserts
// is which hashes are computed and how many, not their work, so every hash here (the account's and
// sign-in's stand-in) is made at a small cost, which travels with the hash to the real check: about
// 150 hashes at the portal's cost took a minute or more of two loaded cores in a whole run, and
// slowed the files beside it (docs/testing.md).
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const check = { verify: vi.fn(verifyPassword), standInHash: hashPassword('no account has this password', CHEAP) } satisfies PasswordCheck;
const signIn = (db: Database, guards: SignInGuards, ip: string, email: string, password: string) => checkSignIn(db, guards, ip, email, password, check);

let db: Database;
let passwordHash: string;

const memory: LimiterStore = { maxKeys: 10_000, store: 'memory' };
const guards = (perAccount = 5, perAddress = 100, store = memory): SignInGuards => ({
  byAccountAndAddress: createWindowCounter({ name: 'pair', points: perAccount, seconds: 900 }, store),
  byAddress: createWindowCounter({ name: 'ip', points: perAddress, seconds: 86_400 }, store),
});

async function hrUser(): Promise<string> {
  const email = `hr.${randomUUID()}@example.test`;
  await db.hrUsers.create({ _id: randomUUID(), email, role: 'hr', passwordHash, createdAt: new Date() });
  return email;
}

beforeAll(async () => {
  db = await openTestDatabase('booking_sign_in');
  passwordHash = await hashPassword('the-right-password', CHEAP);
});

beforeEach(() => {
  check.verify.mockClear();
});

afterAll(async () => {
  await db?.close();
});

describe('signing in to the HR console', () => {
  it('five wrong passwords from one address make that address wait for that account, even with the right password', async () => {
    const email = await hrUser();
    const guard = guards();
    for (let i = 0; i < 5; i += 1) {
      await expect(signIn(db, guard, '203.0.113.7', email, `wrong-${i}`)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    }
    await expect(signIn(db, guard, '203.0.113.7', email, 'the-right-password')).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/try again in 15 minutes/),
    });
  });

  it('a blocked sign-in reads the account and does a wrong password\'s hash work, without checking its password', async () => {
    const email = await hrUser();
    const guard = guards();
    for (let i = 0; i < 5; i += 1) await signIn(db, guard, '203.0.113.13', email, `wrong-${i}`).catch(() => undefined);
    check.verify.mockClear();
    const reads = vi.spyOn(db.hrUsers, 'findOne');
    try {
      await expect(signIn(db, guard, '203.0.113.13', email, 'the-right-password')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
      expect(reads).toHaveBeenCalledTimes(1);
    } finally {
      reads.mockRestore();
    }
    expect(check.verify).toHaveBeenCalledTimes(1);
    expect(check.verify.mock.calls[0]?.[1]).not.toBe(passwordHash);
  });

  it('an attacker who tries wrong passwords elsewhere does not lock the owner out', async () => {
    const email = await hrUser();
    const guard = guards();
    for (let i = 0; i < 20; i += 1) await signIn(db, guard, '198.51.100.9', email, `guess-${i}`).catch(() => undefined);
    await expect(signIn(db, guard, '192.0.2.1', email, 'the-right-password')).resolves.toMatchObject({ email });
  });

  it('an unknown address is answered and blocked exactly as a real one, so neither tells an account exists', async () => {
    const guard = guards();
    const ghost = `nobody.${randomUUID()}@example.test`;
    for (let i = 0; i < 5; i += 1) {
      await expect(signIn(db, guard, '203.0.113.8', ghost, 'whatever')).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'Wrong email or password.' });
    }
    await expect(signIn(db, guard, '203.0.113.8', ghost, 'whatever')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('a success wipes the failures before it', async () => {
    const email = await hrUser();
    const guard = guards();
    for (let i = 0; i < 4; i += 1) await signIn(db, guard, '203.0.113.9', email, 'typo').catch(() => undefined);
    await signIn(db, guard, '203.0.113.9', email, 'the-right-password');
    for (let i = 0; i < 4; i += 1) await signIn(db, guard, '203.0.113.9', email, 'typo').catch(() => undefined);
    await expect(signIn(db, guard, '203.0.113.9', email, 'the-right-password')).resolves.toMatchObject({ email });
  });

  it('one address guessing across many accounts waits once it has used its day', async () => {
    const guard = guards(5, 6);
    for (let i = 0; i < 6; i += 1) await signIn(db, guard, '203.0.113.10', `spray.${i}@example.test`, 'Winter2026!').catch(() => undefined);
    const email = await hrUser();
    await expect(signIn(db, guard, '203.0.113.10', email, 'the-right-password')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(signIn(db, guard, '203.0.113.11', email, 'the-right-password')).resolves.toMatchObject({ email });
  });

  it('wrong passwords sent all at once count in full', async () => {
    const email = await hrUser();
    const guard = guards();
    await Promise.allSettled(Array.from({ length: 8 }, (_, i) => signIn(db, guard, '203.0.113.12', email, `burst-${i}`)));
    await expect(signIn(db, guard, '203.0.113.12', email, 'the-right-password')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it.each(['memory', 'database'] as const)(
    'a burst of 30 wrong passwords at once from one address (%s store) evaluates 5: 5 answered UNAUTHORIZED, 25 RATE_LIMITED',
    { timeout: 90_000 },
    async (kind) => {
      // The shared store's windows turn on the clock's 900 s marks: a burst begun just before one
      // would see the right password let in by the next window, not by the limit.
      const left = 900_000 - (Date.now() % 900_000);
      if (left < 20_000) await sleep(left + 100);
      const email = await hrUser();
      const store: LimiterStore = kind === 'memory' ? memory : { maxKeys: 10_000, store: 'database', connection: db.connection };
      // Two booking instances on one database share the limit; in memory one instance holds it.
      const instances = kind === 'memory' ? [guards(5, 100, store)] : [guards(5, 100, store), guards(5, 100, store)];
      const answers = await Promise.allSettled(
        Array.from({ length: 30 }, (_, i) => signIn(db, instances[i % instances.length] ?? guards(), '203.0.113.20', email, `burst-${i}`)),
      );
      const codes = answers.map((answer) => (answer.status === 'rejected' ? (answer.reason as { code: string }).code : 'SIGNED_IN'));
      expect(codes.filter((code) => code === 'UNAUTHORIZED')).toHaveLength(5);
      expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(25);
      // Every refusal costs a hash; only the five evaluated ones are against the account's own.
      const checked = () => check.verify.mock.calls.filter(([, stored]) => stored === passwordHash);
      expect(check.verify).toHaveBeenCalledTimes(30);
      expect(checked()).toHaveLength(5);
      // The right password is refused too until the window passes, and is not even checked.
      await expect(signIn(db, instances[0] ?? guards(), '203.0.113.20', email, 'the-right-password')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
      expect(checked()).toHaveLength(5);
    },
  );
});
