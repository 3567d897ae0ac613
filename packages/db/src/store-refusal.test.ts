import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import type { Database } from './database';
import { isStoreRefusal } from './store-refusal';
import { openTestDatabase, sampleInterview } from './testing';

let db: Database;
const failureOf = (write: Promise<unknown>) =>
  write.then(
    () => {
      throw new Error('the write was taken');
    },
    (error: unknown) => error,
  );

beforeAll(async () => {
  db = await openTestDatabase('store_refusal');
  await db.interviews.create(sampleInterview('held'));
});

afterAll(async () => {
  await db?.close();
});

describe('which failed writes are refusals', () => {
  it('a NUL the PostgreSQL backend cannot hold (SQLSTATE 22P05) is refused, in an update and in an insert', async () => {
    expect(isStoreRefusal(await failureOf(db.interviews.updateOne({ _id: 'held' }, { $set: { cancelReason: 'why\u0000not' } })))).toBe(true);
    expect(isStoreRefusal(await failureOf(db.interviews.create(sampleInterview('nul', { candidateName: 'A\u0000B' }))))).toBe(true);
  });

  it('a document the model refuses is refused', async () => {
    expect(isStoreRefusal(await failureOf(db.interviews.create({ ...sampleInterview('bad'), status: 'NOPE' as never })))).toBe(true);
  });

  it('a document past the size the driver can send is refused', async () => {
    expect(isStoreRefusal(await failureOf(db.interviews.updateOne({ _id: 'held' }, { $set: { cancelReason: 'x'.repeat(17 * 1024 * 1024) } })))).toBe(true);
  });

  it('a server that cannot be reached is not refused: it is retried', async () => {
    const error = await failureOf(mongoose.createConnection('mongodb://127.0.0.1:9/none', { serverSelectionTimeoutMS: 200 }).asPromise());
    expect(error).toMatchObject({ name: 'MongooseServerSelectionError' });
    expect(isStoreRefusal(error)).toBe(false);
  });

  it('a serialization failure (SQLSTATE 40001), an error labelled retryable and an unknown error are retried', () => {
    expect(isStoreRefusal(Object.assign(new Error('ERROR: could not serialize access (SQLSTATE 40001)'), { code: 1 }))).toBe(false);
    expect(isStoreRefusal(Object.assign(new Error('write conflict'), { code: 121, errorLabelSet: new Set(['RetryableWriteError']) }))).toBe(false);
    expect(isStoreRefusal(new Error('anything unknown'))).toBe(false);
  });
});
