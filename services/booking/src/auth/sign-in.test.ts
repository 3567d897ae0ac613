import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@portal/db';
import { openTestDatabase } from '@portal/db/testing';
import { createFailureCounter } from '../rate-limit';
import { hashPassword } from './passwords';
import { signIn, type SignInGuards } from './sign-in';

let db: Database;
let passwordHash: string;

const store = { maxKeys: 10_000, store: 'memory' as const };
const guards = (perAccount = 5, perAddress = 100): SignInGuards => ({
  byAccountAndAddress: createFailureCounter({ name: 'pair', points: perAccount, seconds: 900 }, store),
  byAddress: createFailureCounter({ name: 'ip', points: perAddress, seconds: 86_400 }, store),
});

async function hrUser(): Promise<string> {
  const email = `hr.${randomUUID()}@example.test`;
  await db.hrUsers.create({ _id: randomUUID(), email, role: 'hr', passwordHash, createdAt: new Date() });
  return email;
}

beforeAll(async () => {
  db = await openTestDatabase('booking_sign_in');
  passwordHash = await hashPassword('the-right-password');
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
});
