import { existsSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { databaseOn } from '@portal/db';
import { backfillDerivedFields } from '@portal/db/backfill';
import { dataDir } from './paths';
import { hasSqliteData, postgresDataDir, sqliteDataDir } from './sqlite-data';
import { startEmbeddedMongo } from './stack/embedded-mongo';
import { freePort } from './stack/free-port';
import { Stack } from './stack/stack';
import { ensureTools } from './tools';

/**
 * One-shot move of a `.data/` from the SQLite layout into the embedded PostgreSQL: every database
 * and collection is copied as it is, then the fields this version derives (search and list keys,
 * busy times on day claims, released claims of finished interviews) are filled in. The SQLite
 * files stay where they are; `FERRETDB_BACKEND=sqlite` still opens them.
 */
const say = (line: string) => console.log(`[migrate] ${line}`);

async function main(stack: Stack): Promise<void> {
  if (!hasSqliteData()) throw new Error(`No FerretDB SQLite data in ${sqliteDataDir}: nothing to move.`);
  if (existsSync(postgresDataDir)) throw new Error(`${postgresDataDir} exists already: the data was moved, or PostgreSQL is in use. Remove it to move again.`);
  const tools = await ensureTools(say);
  const common = { ferretdbBin: tools.ferretdb, dir: dataDir, durable: true, stack, log: say };
  const [sourceUrl, targetUrl] = await Promise.all([
    startEmbeddedMongo({ ...common, backend: 'sqlite', ferretPort: await freePort(), postgresPort: 0 }),
    startEmbeddedMongo({ ...common, backend: 'postgresql', ferretPort: await freePort(), postgresPort: await freePort() }),
  ]);
  const source = await mongoose.createConnection(sourceUrl).asPromise();
  const target = await mongoose.createConnection(targetUrl).asPromise();
  try {
    if (!source.db) throw new Error('no handle on the SQLite-backed FerretDB');
    const { databases } = await source.db.admin().listDatabases();
    for (const { name } of databases) {
      const from = source.useDb(name).db;
      const to = target.useDb(name).db;
      if (!from || !to) continue;
      for (const { name: collection } of await from.listCollections().toArray()) {
        const docs = await from.collection(collection).find({}).toArray();
        for (let i = 0; i < docs.length; i += 500) await to.collection(collection).insertMany(docs.slice(i, i + 500), { ordered: false });
        say(`${name}.${collection}: ${docs.length} documents`);
      }
      if (name === 'portal') {
        const filled = await backfillDerivedFields(await databaseOn(target.useDb(name)));
        say(`derived fields: ${JSON.stringify(filled)}`);
      }
    }
  } finally {
    await Promise.all([source.close(), target.close()]);
  }
  say(`done: PostgreSQL cluster in ${postgresDataDir}; the SQLite files in ${join(dataDir, 'ferretdb')} are untouched.`);
}

const stack = new Stack({ log: say });
stack.stopOnSignals();
main(stack)
  .then(() => stack.stop())
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    await stack.stop();
    process.exit(1);
  });
