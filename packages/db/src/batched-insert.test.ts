import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertBatched } from './batched-insert';
import { databaseOn, isDuplicateKeyError, type Database } from './database';
import { sampleInterview, testDatabaseUrl } from './testing';

let connection: Connection;
let db: Database;
/** The insert commands the server was sent, by collection. */
const inserts: string[] = [];

beforeAll(async () => {
  connection = await mongoose.createConnection(testDatabaseUrl('batched_insert'), { autoIndex: false, monitorCommands: true }).asPromise();
  await connection.dropDatabase();
  db = await databaseOn(connection);
  connection.getClient().on('commandStarted', (event) => {
    if (event.commandName === 'insert') inserts.push(String(event.command.insert));
  });
});

afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

const lock = (id: string, interviewId: string) => ({ _id: id, interviewId, createdAt: new Date() });

describe('inserts asked for side by side', () => {
  it('go to the database as one insert, and each stores what create would have stored', async () => {
    inserts.length = 0;
    const ids = ['side-1', 'side-2', 'side-3', 'side-4', 'side-5'];
    const at = new Date('2026-03-02T09:00:00Z');
    await Promise.all(ids.map((id) => insertBatched(db.interviews, sampleInterview(id, {}, at))));
    expect(inserts).toEqual([db.interviews.collection.collectionName]);

    await db.interviews.create(sampleInterview('created', {}, at));
    const { _id: _created, createdAt: _c, updatedAt: _u, ...created } = (await db.interviews.findById('created').lean()) ?? {};
    for (const id of ids) {
      const stored = await db.interviews.findById(id).lean();
      const { _id, createdAt, updatedAt, ...fields } = stored ?? {};
      expect(_id).toBe(id);
      expect(fields).toEqual({ ...created, candidateName: `Candidate ${id}`, candidateEmail: `${id}@example.test`, meetingUrl: `https://meet.example.test/${id}`, ...keysOf(id, at) });
      expect(createdAt).toBeInstanceOf(Date);
      expect(updatedAt).toBeInstanceOf(Date);
    }
  });

  it('refuse only the one whose key is taken, with the duplicate-key error a lone insert gets', async () => {
    await db.activeLocks.create(lock('taken', 'first'));
    inserts.length = 0;
    const results = await Promise.allSettled([
      insertBatched(db.activeLocks, lock('free-1', 'a')),
      insertBatched(db.activeLocks, lock('taken', 'second')),
      insertBatched(db.activeLocks, lock('free-2', 'b')),
    ]);
    expect(inserts).toEqual([db.activeLocks.collection.collectionName]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(isDuplicateKeyError((results[1] as PromiseRejectedResult).reason)).toBe(true);
    expect((await db.activeLocks.findById('taken').lean())?.interviewId).toBe('first');
    expect(await db.activeLocks.countDocuments({ _id: { $in: ['free-1', 'free-2'] } })).toBe(2);
  });

  it('let exactly one of 50 under the same key land: the key stays an atomic claim', async () => {
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => insertBatched(db.activeLocks, lock('same', `racer-${i}`))));
    const landed = results.flatMap((result, i) => (result.status === 'fulfilled' ? [`racer-${i}`] : []));
    expect(landed).toHaveLength(1);
    expect(results.every((result) => result.status === 'fulfilled' || isDuplicateKeyError(result.reason))).toBe(true);
    expect((await db.activeLocks.findById('same').lean())?.interviewId).toBe(landed[0]);
  });

  it('refuse a bad document by its model and write nothing of it, while the good ones beside it land', async () => {
    inserts.length = 0;
    const results = await Promise.allSettled([
      insertBatched(db.interviews, { ...sampleInterview('bad-status'), status: 'DONE' as never }),
      insertBatched(db.interviews, { ...sampleInterview('extra-field'), favouriteColour: 'green' } as never),
      insertBatched(db.interviews, sampleInterview('good-beside')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/status/);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/favouriteColour/);
    expect(inserts).toEqual([db.interviews.collection.collectionName]);
    expect(await db.interviews.findById('bad-status').lean()).toBeNull();
    expect(await db.interviews.findById('extra-field').lean()).toBeNull();
    expect(await db.interviews.findById('good-beside').lean()).not.toBeNull();
  });
});

/** The search and list keys that differ between two sample interviews: those built from the name, address and date. */
function keysOf(id: string, at: Date) {
  const { emailKey, nameKey, firstNameKey, lastNameKey, listAll, listStatus, listOutcome, listStatusOutcome } = sampleInterview(id, {}, at);
  return { emailKey, nameKey, firstNameKey, lastNameKey, listAll, listStatus, listOutcome, listStatusOutcome };
}
