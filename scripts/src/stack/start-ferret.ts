import { mkdir } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { Stack } from './stack';
import { startProcess, type RunningProcess } from './start-process';
import { waitForTcp } from './wait-for';

/** `pool`: FerretDB's PostgreSQL pool, FERRET_PG_POOL unless told (twice the services' sockets, below). */
export type FerretBackend = { kind: 'postgresql'; url: string; pool?: number } | { kind: 'sqlite'; dataDir: string };

export interface FerretOptions {
  bin: string;
  port: number;
  backend: FerretBackend;
  /** FerretDB's state.json. */
  stateDir: string;
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

/**
 * FerretDB's PostgreSQL pool. FerretDB v1 runs an update as a query whose rows stay open while it
 * begins the update's transaction on a second pooled connection. With more updates at once than
 * half the pool, each held one connection and waited for another: FerretDB answered nobody again
 * (a goroutine dump showed every `updateDocument` in `pgxpool.Acquire` under its own open query).
 * So the pool is twice what all the services' sockets together can have in flight (`openDatabase`
 * caps each service at 32), and stays under PostgreSQL's `max_connections` (300).
 */
export const FERRET_PG_POOL = 200;

/** The PostgreSQL URL FerretDB is given: the pool size above added to `url`. */
export function ferretPostgresUrl(url: string, pool = FERRET_PG_POOL): string {
  const withPool = new URL(url);
  withPool.searchParams.set('pool_max_conns', String(pool));
  return withPool.toString();
}

function backendArgs(backend: FerretBackend): string[] {
  if (backend.kind === 'postgresql') return ['--handler=postgresql', `--postgresql-url=${ferretPostgresUrl(backend.url, backend.pool)}`];
  return [
    '--handler=sqlite',
    // Write transactions take SQLite's write lock when they begin, waiting out the busy timeout:
    // a deferred one that must upgrade its lock fails at once with SQLITE_BUSY under load.
    `--sqlite-url=file:${backend.dataDir}/?_txlock=immediate`,
  ];
}

/** FerretDB on PostgreSQL (the default) or SQLite, answering the MongoDB wire protocol on 127.0.0.1. */
export async function startFerret(options: FerretOptions): Promise<RunningFerret> {
  await mkdir(options.stateDir, { recursive: true });
  if (options.backend.kind === 'sqlite') await mkdir(options.backend.dataDir, { recursive: true });
  const process = startProcess({
    name: 'ferretdb',
    command: options.bin,
    args: [
      ...backendArgs(options.backend),
      `--state-dir=${options.stateDir}`,
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
