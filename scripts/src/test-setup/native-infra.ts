import { createWriteStream } from 'node:fs';
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureTool } from '../tools';
import { freePort } from '../stack/free-port';
import { startEmbeddedMongo, type FerretBackendName } from '../stack/embedded-mongo';
import { startTemporal } from '../stack/start-temporal';
import type { Stack } from '../stack/stack';

/** FerretDB (on PostgreSQL, or SQLite when asked) and its data in `dir`, on free ports. */
export async function startNativeMongo(dir: string, stack: Stack, backend: FerretBackendName, log: (line: string) => void): Promise<string> {
  // PostgreSQL may run as another user than this one: it must be able to reach its cluster in here.
  await chmod(dir, 0o755);
  return startEmbeddedMongo({
    ferretdbBin: await ensureTool('ferretdb'),
    backend,
    dir,
    ferretPort: await freePort(),
    postgresPort: await freePort(),
    durable: false,
    output: createWriteStream(join(dir, 'ferretdb.log')),
    stack,
    log,
  });
}

/** An in-memory, headless Temporal dev server on a free port. */
export async function startNativeTemporal(dir: string, stack: Stack): Promise<string> {
  const temporal = await startTemporal({
    bin: await ensureTool('temporal'),
    port: await freePort(),
    output: createWriteStream(join(dir, 'temporal.log')),
    stack,
  });
  return temporal.address;
}
