import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../stack/free-port';
import { startRadicale, type RadicaleUser } from '../stack/start-radicale';

export interface TestRadicale {
  /** Server root, e.g. http://127.0.0.1:40123/ */
  url: string;
  /** Stops the server; its collections stay, so `start()` brings the same calendars back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its folder. */
  close(): Promise<void>;
}

/**
 * A Radicale of one test file's own, in a temporary folder on a free port: a file can stop and
 * restart it (a calendar server going down) without touching other files.
 */
export async function startTestRadicale(users: RadicaleUser[]): Promise<TestRadicale> {
  const dir = await mkdtemp(join(tmpdir(), 'portal-radicale-'));
  const port = await freePort();
  const output = createWriteStream(join(dir, 'radicale.log'));
  let running = await startRadicale({ dir, port, users, output });
  let stopped = false;
  return {
    url: running.url,
    async stop() {
      stopped = true;
      await running.process.stop(5_000);
    },
    async start() {
      running = await startRadicale({ dir, port, users, output });
      stopped = false;
    },
    async close() {
      if (!stopped) await running.process.stop(5_000);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
