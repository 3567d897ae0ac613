import { mkdir } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { Stack } from './stack';
import { startProcess, type RunningProcess } from './start-process';
import { waitForTcp } from './wait-for';

export interface FerretOptions {
  bin: string;
  port: number;
  /** Holds one SQLite file per database, and FerretDB's state.json. */
  dataDir: string;
  output?: Writable;
  timeoutMs?: number;
  /** Joins this stack as soon as it is spawned, so a Ctrl-C during start-up stops it too. */
  stack?: Stack;
}

export interface RunningFerret {
  process: RunningProcess;
  /** Server URL without a database name. */
  url: string;
}

/** FerretDB on its SQLite backend, answering the MongoDB wire protocol on 127.0.0.1. */
export async function startFerret(options: FerretOptions): Promise<RunningFerret> {
  await mkdir(options.dataDir, { recursive: true });
  const process = startProcess({
    name: 'ferretdb',
    command: options.bin,
    args: [
      '--handler=sqlite',
      // Write transactions take SQLite's write lock when they begin, waiting out the busy timeout:
      // a deferred one that must upgrade its lock fails at once with SQLITE_BUSY under load.
      `--sqlite-url=file:${options.dataDir}/?_txlock=immediate`,
      `--state-dir=${options.dataDir}`,
      `--listen-addr=127.0.0.1:${options.port}`,
      // No debug/metrics listener: its fixed default port would collide between runs.
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=warn',
    ],
    output: options.output,
  });
  options.stack?.add(process);
  try {
    await waitForTcp('127.0.0.1', options.port, { process, timeoutMs: options.timeoutMs ?? 30_000 });
  } catch (error) {
    await process.stop();
    throw error;
  }
  return { process, url: `mongodb://127.0.0.1:${options.port}` };
}
