import { createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection, WorkflowClient } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_ATTRIBUTES } from '@portal/shared/search-attributes';
import { testTemporalAddress } from '../test-setup/per-file';
import { ensureTool } from '../tools';
import { freePort } from './free-port';
import { startTemporal } from './start-temporal';

// The global setup's server comes from startTemporal (or a container started with the same flags).
describe('the Temporal dev server', () => {
  let connection: Connection;

  beforeAll(async () => {
    connection = await Connection.connect({ address: testTemporalAddress() });
  });

  afterAll(async () => {
    await connection?.close();
  });

  it('has every custom search attribute registered with its type', async () => {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
    const registered = Object.keys(customAttributes ?? {});
    expect(registered).toEqual(expect.arrayContaining(Object.keys(SEARCH_ATTRIBUTES)));
  });
});

/** SQLite's file header: byte 18 (the write version) is 2 when the file journals ahead (WAL), 1 with a rollback journal. */
async function writeVersion(file: string): Promise<number | undefined> {
  const handle = await open(file, 'r');
  try {
    const header = Buffer.alloc(100);
    await handle.read(header, 0, 100, 0);
    return header[18];
  } finally {
    await handle.close();
  }
}

// As scripts/start.sh runs it (docs/adr/0011): lifecycles kept in a SQLite file.
describe('the Temporal dev server on a file', () => {
  let dir: string;

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('keeps a workflow it acknowledged through a SIGKILL, in a file that journals ahead', async () => {
    dir = await mkdtemp(join(tmpdir(), 'temporal-file-'));
    const dbFile = join(dir, 'temporal.db');
    const output = createWriteStream(join(dir, 'temporal.log'));
    const options = { bin: await ensureTool('temporal'), port: await freePort(), dbFile, output };
    const workflowId = `kept-through-a-kill-${process.pid}`;

    const first = await startTemporal(options);
    try {
      const connection = await Connection.connect({ address: first.address });
      await new WorkflowClient({ connection }).start('nobodyRunsThis', { taskQueue: 'no-worker', workflowId, args: [] });
      await connection.close();
      expect(await writeVersion(dbFile)).toBe(2);
    } finally {
      await first.process.stop(0); // SIGTERM, then SIGKILL at once: no time to tidy up
    }

    const second = await startTemporal(options);
    try {
      const connection = await Connection.connect({ address: second.address });
      const described = await new WorkflowClient({ connection }).getHandle(workflowId).describe();
      await connection.close();
      expect(described.status.name).toBe('RUNNING');
    } finally {
      await second.process.stop();
    }
  });
});

// As scripts/start.sh runs it: the Web UI decodes through booking's codec with the HR session cookie.
describe('the Temporal dev server with its Web UI and the portal codec', () => {
  it("reports the codec endpoint with credentials on in the UI's settings, and serves the UI through the same port", async () => {
    const uiPort = await freePort();
    const codecEndpoint = 'http://localhost:5173/codec';
    const output = createWriteStream(join(tmpdir(), `temporal-ui-front-${process.pid}.log`));
    const temporal = await startTemporal({ bin: await ensureTool('temporal'), port: await freePort(), uiPort, codecEndpoint, output });
    try {
      const settings = (await (await fetch(`http://127.0.0.1:${uiPort}/api/v1/settings`)).json()) as { Codec: { Endpoint: string; IncludeCredentials: boolean } };
      expect(settings.Codec).toMatchObject({ Endpoint: codecEndpoint, IncludeCredentials: true });
      const page = await fetch(`http://127.0.0.1:${uiPort}/namespaces/default/workflows`);
      expect([page.status, page.headers.get('content-type')]).toEqual([200, expect.stringContaining('text/html')]);
    } finally {
      await temporal.process.stop();
    }
    // Stopping the server stops the front on its port too.
    await expect(fetch(`http://127.0.0.1:${uiPort}/api/v1/settings`)).rejects.toThrow();
  });
});
