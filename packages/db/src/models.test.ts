import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database';
import { openTestDatabase, sampleInterview } from './testing';

let db: Database;

const interview = (id: string) => sampleInterview(id, { candidateName: 'Ada Lovelace', candidateEmail: 'ada@example.test', candidateTimezone: 'Europe/London' });

beforeAll(async () => {
  db = await openTestDatabase('db_models');
});

afterAll(async () => {
  await db?.close();
});

describe('the models refuse bad documents at the write boundary', () => {
  it('an interview with a status outside the shared union is refused and nothing is stored', async () => {
    await expect(db.interviews.create({ ...interview('bad-status'), status: 'DONE' as never })).rejects.toThrow(/status/);
    expect(await db.interviews.findById('bad-status').lean()).toBeNull();
  });

  it('an interview without a required field is refused', async () => {
    const { candidateEmail: _missing, ...rest } = interview('no-email');
    await expect(db.interviews.create(rest as never)).rejects.toThrow(/candidateEmail/);
    expect(await db.interviews.findById('no-email').lean()).toBeNull();
  });

  it('an update that sets a bad enum is refused too, and the document stays as it was', async () => {
    await db.interviews.create(interview('kept'));
    await expect(db.interviews.updateOne({ _id: 'kept' }, { $set: { outcome: 'MAYBE' as never } })).rejects.toThrow(/outcome/);
    expect(await db.interviews.findById('kept').lean()).toMatchObject({ outcome: 'PENDING', status: 'INVITED' });
  });

  it('a field the schema does not know is refused, not silently dropped', async () => {
    await expect(db.interviews.create({ ...interview('extra'), favouriteColour: 'green' } as never)).rejects.toThrow(/favouriteColour/);
  });

  it('an HR user with an unknown role is refused', async () => {
    await expect(
      db.hrUsers.create({ _id: 'u1', email: 'someone@example.test', role: 'owner' as never, passwordHash: 'x', createdAt: new Date() }),
    ).rejects.toThrow(/role/);
  });

  it('an HR user stored before the disabled and last sign-in fields existed reads as active and never signed in', async () => {
    await db.hrUsers.collection.insertOne({ _id: 'old-user' as never, email: 'old@example.test', role: 'hr', passwordHash: 'x', failedLogins: 0, lockedUntil: null, createdAt: new Date() });
    const user = await db.hrUsers.findById('old-user');
    expect({ disabled: user?.disabled, lastSignInAt: user?.lastSignInAt }).toEqual({ disabled: false, lastSignInAt: null });
    await db.hrUsers.updateOne({ _id: 'old-user' }, { $set: { lastSignInAt: new Date() } });
    expect((await db.hrUsers.findById('old-user'))?.lastSignInAt).toBeInstanceOf(Date);
  });

  it('a message log row with an unknown email kind is refused', async () => {
    await expect(
      db.messages.create({ _id: 'm1', interviewId: 'kept', kind: 'postcard' as never, to: 'ada@example.test', subject: 's', status: 'SENDING', attempts: 1 }),
    ).rejects.toThrow(/kind/);
  });
});
