import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@portal/db';
import { openTestDatabase } from '@portal/db/testing';
import { calendarGrantStates } from './calendar-grant-states';

const key = Buffer.alloc(32, 7);
const LIFETIME_MS = 10 * 60_000;
let db: Database;

beforeAll(async () => {
  db = await openTestDatabase('booking_calendar_grant_states');
});
afterAll(async () => {
  await db?.close();
});

const start = (interviewerId: string) => ({ interviewerId, provider: 'google' as const, startedBy: 'hr@example.test', verifier: `verifier-of-${interviewerId}-${'x'.repeat(43)}` });

describe('a calendar sign-in’s state', () => {
  it('opens once: the callback gets the start and its verifier, and the same state a second time is STATE_USED', async () => {
    const states = calendarGrantStates(db, key, LIFETIME_MS);
    const state = await states.open(start('once'));
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await states.take(state, 'google')).toEqual(start('once'));
    await expect(states.take(state, 'google')).rejects.toMatchObject({ code: 'STATE_USED' });
  });

  it('two callbacks racing with one state: exactly one gets the verifier', async () => {
    const states = calendarGrantStates(db, key, LIFETIME_MS);
    const state = await states.open(start('race'));
    const results = await Promise.allSettled([states.take(state, 'google'), states.take(state, 'google'), states.take(state, 'google')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r.reason as { code: string }).code)).toEqual(['STATE_USED', 'STATE_USED']);
  });

  it('expires: taken after its lifetime it is STATE_EXPIRED, and spent all the same', async () => {
    const states = calendarGrantStates(db, key, LIFETIME_MS);
    const opened = new Date('2031-01-01T09:00:00Z');
    const state = await states.open(start('late'), opened);
    await expect(states.take(state, 'google', new Date(opened.getTime() + LIFETIME_MS))).rejects.toMatchObject({ code: 'STATE_EXPIRED' });
    await expect(states.take(state, 'google', opened)).rejects.toMatchObject({ code: 'STATE_USED' });
  });

  it('a state never opened, malformed, missing or for the other provider is STATE_INVALID and does not spend the real one', async () => {
    const states = calendarGrantStates(db, key, LIFETIME_MS);
    const state = await states.open(start('other'));
    for (const wrong of [null, 'short', `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`]) {
      await expect(states.take(wrong, 'google')).rejects.toMatchObject({ code: 'STATE_INVALID' });
    }
    await expect(states.take(state, 'microsoft')).rejects.toMatchObject({ code: 'STATE_INVALID' });
    expect((await states.take(state, 'google')).interviewerId).toBe('other');
  });

  it('keeps the verifier sealed: the stored start holds neither the state nor the verifier as typed, and another key cannot open it', async () => {
    const states = calendarGrantStates(db, key, LIFETIME_MS);
    const state = await states.open(start('sealed'));
    const stored = await db.calendarGrantStarts.findOne({ interviewerId: 'sealed' }).lean();
    expect(JSON.stringify(stored)).not.toContain(state);
    expect(JSON.stringify(stored)).not.toContain('verifier-of-sealed');
    await expect(calendarGrantStates(db, Buffer.alloc(32, 8), LIFETIME_MS).take(state, 'google')).rejects.toMatchObject({ code: 'STATE_INVALID' });
  });
});
