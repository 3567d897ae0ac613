import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_SOCKETS_PER_SERVICE } from './database';
import { testDatabaseUrl } from './testing';

// Three services, each with all its sockets busy with an update at the same moment.
const IN_FLIGHT = 3 * MAX_SOCKETS_PER_SERVICE;
let connection: Connection;
const rows = () => {
  if (!connection.db) throw new Error('not connected');
  return connection.db.collection<{ _id: string; n: number }>('rows');
};

beforeAll(async () => {
  connection = await mongoose.createConnection(testDatabaseUrl('update_burst'), { maxPoolSize: IN_FLIGHT, minPoolSize: IN_FLIGHT }).asPromise();
  await connection.dropDatabase();
  await rows().insertMany(Array.from({ length: IN_FLIGHT }, (_, i) => ({ _id: `row${i}`, n: 0 })));
});
afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

// FerretDB v1 holds a query's connection while it begins the update's transaction on another; with
// its default pool (50) a burst like this one left every update waiting for a second connection and
// the database answering nobody. Its pool is now sized for all the services' sockets at once.
it('answers every update of a burst as large as all the services can send at once', { timeout: 60_000 }, async () => {
  for (let round = 0; round < 3; round += 1) {
    const results = await Promise.all(Array.from({ length: IN_FLIGHT }, (_, i) => rows().updateOne({ _id: `row${i}` }, { $inc: { n: 1 } })));
    expect(results.every((result) => result.modifiedCount === 1)).toBe(true);
  }
  expect(await rows().countDocuments({ n: 3 })).toBe(IN_FLIGHT);
});
