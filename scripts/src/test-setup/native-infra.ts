import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { ensureTool } from '../tools';
import { freePort } from '../stack/free-port';
import { startFerret } from '../stack/start-ferret';
import { startTemporal } from '../stack/start-temporal';
import type { Stack } from '../stack/stack';

/** FerretDB (SQLite in `dir`) and an in-memory, headless Temporal dev server on free ports. */
export async function startNativeMongo(dir: string, stack: Stack): Promise<string> {
  const ferret = await startFerret({
    bin: await ensureTool('ferretdb'),
    port: await freePort(),
    dataDir: join(dir, 'ferretdb'),
    output: createWriteStream(join(dir, 'ferretdb.log')),
    stack,
  });
  return ferret.url;
}

export async function startNativeTemporal(dir: string, stack: Stack): Promise<string> {
  const temporal = await startTemporal({
    bin: await ensureTool('temporal'),
    port: await freePort(),
    output: createWriteStream(join(dir, 'temporal.log')),
    stack,
  });
  return temporal.address;
}
