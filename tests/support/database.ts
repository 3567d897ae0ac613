import mongoose from 'mongoose';

/** Reads (or writes) the portal's database directly on its own connection, closed afterwards. */
export async function withDatabase<T>(mongoUrl: string, read: (db: mongoose.mongo.Db) => Promise<T>): Promise<T> {
  const connection = await mongoose.createConnection(mongoUrl).asPromise();
  try {
    if (connection.db === undefined) throw new Error('no database on the connection');
    return await read(connection.db);
  } finally {
    await connection.close();
  }
}
