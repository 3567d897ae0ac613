import mongoose, { type Connection } from 'mongoose';

/**
 * A database of the test file's own on the server the shared test setup started (MONGO_URL is the
 * server URL; the database name is ours to append). Dropped on close, so runs leave nothing behind.
 */
export async function openTestDatabase(name: string): Promise<{ db: Connection; close(): Promise<void> }> {
  const serverUrl = process.env.MONGO_URL;
  if (!serverUrl) throw new Error('MONGO_URL is not set: run through the workspace test setup, or start FerretDB/MongoDB and export it');
  const [base = '', query] = serverUrl.split('?');
  const hostPart = base.replace(/^(mongodb(?:\+srv)?:\/\/[^/]+).*$/, '$1');
  const url = `${hostPart}/${name}_${process.pid}${query ? `?${query}` : ''}`;
  const db = await mongoose.createConnection(url, { serverSelectionTimeoutMS: 5000 }).asPromise();
  await db.dropDatabase();
  return {
    db,
    close: async () => {
      await db.dropDatabase();
      await db.close();
    },
  };
}
