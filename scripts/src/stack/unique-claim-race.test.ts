import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../test-setup/per-file';

// FerretDB v1's conditional updates are not atomic under concurrency, so every atomic claim
// in the portal is an insert guarded by a unique index. This proves that guard holds.
describe('a unique index on the real database', () => {
  let connection: mongoose.Connection;

  beforeAll(async () => {
    connection = await mongoose.createConnection(testDatabaseUrl(import.meta.url)).asPromise();
    await connection.dropDatabase();
  });

  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });

  it('lets exactly one of 50 concurrent inserts for one key win; the other 49 get duplicate key 11000', async () => {
    const claims = connection.collection('claims');
    await claims.createIndex({ slotKey: 1 }, { unique: true });

    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, candidate) =>
        claims.insertOne({ slotKey: 'interviewer-1/2030-01-07T09:00Z', candidate }),
      ),
    );

    const won = results.filter((r) => r.status === 'fulfilled');
    const codes = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code?: unknown }).code] : []));
    expect(won).toHaveLength(1);
    expect(codes).toEqual(Array.from({ length: 49 }, () => 11000));
    expect(await claims.countDocuments({ slotKey: 'interviewer-1/2030-01-07T09:00Z' })).toBe(1);
  });
});
