import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTool } from '../tools';
import { startNativeMongo } from '../test-setup/native-infra';
import { freePort } from './free-port';
import { installGinTwins } from './gin-twins';
import { Stack } from './stack';
import { findPostgres, startPostgres } from './start-postgres';
import { startFerret } from './start-ferret';

/** The index nodes of a FerretDB `explain()` answer (PostgreSQL's JSON plan under `queryPlanner`). */
function indexesUsed(plan: unknown): string[] {
  if (typeof plan !== 'object' || plan === null) return [];
  const node = plan as Record<string, unknown>;
  const own = typeof node['Index Name'] === 'string' ? [node['Index Name']] : [];
  return [...own, ...Object.values(node).flatMap((value) => (Array.isArray(value) ? value.flatMap(indexesUsed) : indexesUsed(value)))];
}

// A read that FerretDB pushes down as `_jsonb -> 'field' @> value` is served by an index only
// through the cluster's GIN twins; without them it scans the collection (tens of ms at 20,000).
describe("FerretDB's equality reads on the portal's PostgreSQL cluster", () => {
  const stack = new Stack();
  let dir: string;
  let connection: mongoose.Connection;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gin-twins-'));
    const url = await startNativeMongo(dir, stack, 'postgresql', () => undefined);
    connection = await mongoose.createConnection(`${url.replace(/\/$/, '')}/twins`).asPromise();
    const things = connection.collection<{ _id: string; owner: string; body: string }>('things');
    await things.createIndex({ owner: 1 });
    const body = 'x'.repeat(1000);
    for (let batch = 0; batch < 4; batch++) {
      await things.insertMany(Array.from({ length: 1000 }, (_, i) => ({ _id: `thing-${batch}-${i}`, owner: `owner-${i % 200}`, body })));
    }
  });

  afterAll(async () => {
    await connection?.close();
    await stack.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('serves a read by _id from an index, not a scan of 4,000 documents', async () => {
    const things = connection.collection('things');
    const explained = await things.find({ _id: 'thing-2-345' as never }).explain();
    expect(indexesUsed(explained.queryPlanner)).toEqual([expect.stringMatching(/^gin_/)]);
    expect(await things.find({ _id: 'thing-2-345' as never }).toArray()).toHaveLength(1);
  });

  it('serves equality on a field the schema indexes from an index', async () => {
    const things = connection.collection('things');
    const explained = await things.find({ owner: 'owner-7' }).explain();
    expect(indexesUsed(explained.queryPlanner)).toEqual([expect.stringMatching(/^gin_/)]);
    expect(await things.find({ owner: 'owner-7' }).toArray()).toHaveLength(20);
  });

  it('leaves a field without an index to a scan (the twins follow the schema, nothing more)', async () => {
    const explained = await connection.collection('things').find({ body: 'nothing' }).explain();
    expect(indexesUsed(explained.queryPlanner)).toEqual([]);
  });
});

describe('a cluster whose indexes predate the trigger', () => {
  const stack = new Stack();
  let dir: string;

  afterAll(async () => {
    await stack.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('gets its twins at the next start, once', async () => {
    dir = await mkdtemp(join(tmpdir(), 'gin-twins-old-'));
    await chmod(dir, 0o755); // the server may run as another user
    const binaries = findPostgres();
    if (!binaries) throw new Error('no PostgreSQL binaries');
    const postgres = await startPostgres({ binaries, port: await freePort(), dataDir: join(dir, 'postgres'), durable: false, stack });
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    try {
      // As an older start left it: no trigger, FerretDB's btree indexes only.
      await client.query('DROP EVENT TRIGGER portal_gin_twins');
      const ferret = await startFerret({ bin: await ensureTool('ferretdb'), port: await freePort(), stateDir: join(dir, 'state'), backend: { kind: 'postgresql', url: postgres.url }, stack });
      const connection = await mongoose.createConnection(`${ferret.url.replace(/\/$/, '')}/old`).asPromise();
      await connection.collection('things').createIndex({ owner: 1 });
      await connection.close();
      const twins = async () => (await client.query("SELECT indexname FROM pg_indexes WHERE schemaname = 'old' AND tablename LIKE 'things_%' AND indexname LIKE 'gin_%'")).rowCount;
      expect(await twins()).toBe(0);

      await installGinTwins(postgres.url);
      expect(await twins()).toBe(2); // _id and owner
      await installGinTwins(postgres.url);
      expect(await twins()).toBe(2);
    } finally {
      await client.end();
    }
  });
});
