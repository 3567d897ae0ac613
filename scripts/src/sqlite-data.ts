import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from './paths';
import type { FerretBackendName } from './stack/embedded-mongo';

/** Where the SQLite backend keeps its files; the layout every start used before PostgreSQL. */
export const sqliteDataDir = join(dataDir, 'ferretdb');
export const postgresDataDir = join(dataDir, 'postgres');

export function hasSqliteData(): boolean {
  return existsSync(sqliteDataDir) && readdirSync(sqliteDataDir).some((name) => name.endsWith('.sqlite'));
}

/**
 * A `.data/` from the SQLite layout holds the portal's data where the PostgreSQL default does not
 * look: starting on an empty database would look like data loss, so say what was found and how to move.
 */
export function refuseUnmigratedSqliteData(backend: FerretBackendName): void {
  if (backend !== 'postgresql' || !hasSqliteData() || existsSync(postgresDataDir)) return;
  throw new Error(
    [
      `Found FerretDB SQLite data in ${sqliteDataDir} (the layout before PostgreSQL became the default), and no PostgreSQL cluster yet.`,
      'Either move it into PostgreSQL once (keeps the SQLite files as they are):',
      '  node_modules/.bin/tsx scripts/src/migrate-sqlite.ts',
      'or keep using SQLite:',
      '  FERRETDB_BACKEND=sqlite bash scripts/start.sh',
    ].join('\n'),
  );
}
