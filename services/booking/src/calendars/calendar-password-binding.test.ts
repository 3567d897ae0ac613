import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCalendarPassword, sealCalendarPassword, sealSecret } from '@portal/calendar/credentials';
import type { Database } from '@portal/db';
import { openTestDatabase } from '@portal/db/testing';
import { bindCalendarPasswords } from './calendar-password-binding';

const key = Buffer.alloc(32, 5);
const SERVER = 'https://caldav.example.test/dav/';
let db: Database;

const connection = (interviewerId: string, secret: ReturnType<typeof sealSecret>) => ({
  _id: interviewerId, serverUrl: SERVER, username: 'ana', secret,
  readCalendarUrl: `${SERVER}ana/work/`, writeCalendarUrl: `${SERVER}ana/interviews/`, connectedBy: 'test', updatedAt: new Date(),
});

beforeAll(async () => {
  db = await openTestDatabase('booking_calendar_binding');
});

afterAll(async () => {
  await db?.close();
});

describe('calendar passwords stored before origins were bound', () => {
  it('are sealed again bound to their server at start; bound ones and ones under another key are left alone', async () => {
    const bound = sealCalendarPassword(key, 'bound-password', { interviewerId: 'bound', serverUrl: SERVER });
    const otherKey = sealSecret(Buffer.alloc(32, 6), 'other', 'other-key');
    await db.calendarConnections.create([
      connection('legacy', sealSecret(key, 'legacy-password', 'legacy')),
      connection('bound', bound),
      connection('other-key', otherKey),
    ]);

    expect(await bindCalendarPasswords(db, key)).toBe(1);

    const legacy = await db.calendarConnections.findById('legacy').lean();
    if (legacy === null || legacy.provider === 'google' || legacy.provider === 'microsoft') throw new Error('the legacy connection is gone');
    expect(openCalendarPassword(key, legacy.secret, { interviewerId: 'legacy', serverUrl: SERVER })).toEqual({ password: 'legacy-password', legacy: false });
    expect(() => openCalendarPassword(key, legacy.secret, { interviewerId: 'legacy', serverUrl: 'https://elsewhere.example.test/' })).toThrow();
    expect(await db.calendarConnections.findById('bound').lean()).toMatchObject({ secret: bound });
    expect(await db.calendarConnections.findById('other-key').lean()).toMatchObject({ secret: otherKey });
    expect(await bindCalendarPasswords(db, key)).toBe(0);
  });
});
