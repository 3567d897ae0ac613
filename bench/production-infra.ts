import { createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, freePortRun } from '@portal/devstack/free-port';
import { repoRoot } from '@portal/devstack/paths';
import { startFerret } from '@portal/devstack/start-ferret';
import { startNginx } from '@portal/devstack/start-nginx';
import { findPostgres, startPostgres, type RunningPostgres } from '@portal/devstack/start-postgres';
import { startTemporalCluster } from '@portal/devstack/start-temporal-cluster';
import { waitForHttp } from '@portal/devstack/wait-for';
import { ensureClusterTools, ensureTool } from '@portal/devstack/tools';

/** Instances of each portal service on the production topology. */
export const PRODUCTION_INSTANCES = 2;

export interface ProductionBenchInfra {
  mongoUrl: string;
  /** nginx, spreading gRPC over the two frontends. */
  temporalAddress: string;
  /** nginx, round robin over the booking instances. */
  bookingUrl: string;
  /** Where the booking instances must listen (nginx already points at them). */
  bookingPorts: number[];
  /** SIGKILLs one cluster host (`history-1`, `frontend-1`, `matching-1`, …) and starts it again after 1–5 s. */
  killHost(name: string): Promise<void>;
  /** Stops PostgreSQL (the store of FerretDB and of the cluster) and starts it again on its data. */
  restartPostgres(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The production topology's infrastructure for the lifecycles bench (docs/adr/0068): durable
 * PostgreSQL, FerretDB on it, the Temporal cluster (frontend, history and matching ×2, worker ×1)
 * on it, and nginx in front of the frontends (gRPC) and of the booking instances the harness starts.
 */
export async function startProductionBenchInfra(log: (line: string) => void): Promise<ProductionBenchInfra> {
  // nginx serves the web build and answers for it before the portal counts as up.
  if (!existsSync(join(repoRoot, 'web', 'dist', 'index.html'))) throw new Error('web/dist is missing: build it first with `bash scripts/build-web.sh`');
  const dir = await mkdtemp(join(tmpdir(), 'portal-production-bench-'));
  // PostgreSQL runs as its own user and must reach its cluster inside.
  await chmod(dir, 0o755);
  log(`production topology (Temporal cluster, PostgreSQL, nginx) in ${dir}`);
  const binaries = findPostgres();
  if (binaries === undefined) throw new Error('the production topology needs PostgreSQL (Debian package or PG_BIN_DIR)');
  const [cluster, cli, ferretBin] = await Promise.all([ensureClusterTools(log), ensureTool('temporal', log), ensureTool('ferretdb', log)]);
  const ports = { postgres: await freePort(), ferret: await freePort(), temporal: await freePort(), web: await freePort(), booking: await freePortRun(PRODUCTION_INSTANCES) };
  const bookingPorts = Array.from({ length: PRODUCTION_INSTANCES }, (_, k) => ports.booking + k);
  const output = (name: string) => createWriteStream(join(dir, `${name}.log`), { flags: 'a' });
  // Twice the sockets every portal process may hold (32 each), as start.sh sizes it.
  const pool = 2 * 32 * 3 * PRODUCTION_INSTANCES;
  const postgresUp = () => startPostgres({ binaries, port: ports.postgres, dataDir: join(dir, 'postgres'), durable: true, maxConnections: pool + 150, output: output('postgres') });
  let postgres: RunningPostgres = await postgresUp();
  const ferret = await startFerret({ bin: ferretBin, port: ports.ferret, stateDir: join(dir, 'ferretdb-state'), backend: { kind: 'postgresql', url: postgres.url, pool }, output: output('ferretdb') });
  const temporal = await startTemporalCluster({
    bins: { server: cluster.server, sqlTool: cluster.sqlTool, cli },
    postgresPort: ports.postgres,
    dir: join(dir, 'temporal-cluster'),
    frontAddress: `127.0.0.1:${ports.temporal}`,
    output: output('temporal-cluster'),
    log,
  });
  const nginx = await startNginx(
    {
      webRoot: join(repoRoot, 'web', 'dist'),
      webPort: ports.web,
      bookingPorts,
      temporal: { port: ports.temporal, frontends: temporal.frontends },
      dir: join(dir, 'nginx'),
      webNginxConf: join(repoRoot, 'web', 'nginx.conf'),
    },
    { output: output('nginx') },
  );
  await temporal.prepare();
  return {
    mongoUrl: ferret.url,
    temporalAddress: `127.0.0.1:${ports.temporal}`,
    bookingUrl: `http://127.0.0.1:${ports.web}`,
    bookingPorts,
    async killHost(name) {
      const host = temporal.hosts.find((h) => h.name === name);
      if (!host) throw new Error(`no cluster host named ${name}`);
      // A host that died on its own is only started again (its exit is in the run's cluster log).
      if (!host.process.hasExited()) process.kill(-host.process.pid, 'SIGKILL');
      await host.process.exited;
      await sleep(1_000 + Math.random() * 4_000);
      const started = await temporal.restart(name);
      if (host.httpPort) await waitForHttp(`http://127.0.0.1:${host.httpPort}/api/v1/cluster-info`, { timeoutMs: 120_000, process: started });
    },
    async restartPostgres() {
      await postgres.process.stop();
      postgres = await postgresUp();
    },
    async stop() {
      await nginx.stop();
      await Promise.all(temporal.hosts.map((host) => host.process.stop()));
      await ferret.process.stop();
      await postgres.process.stop();
      if (process.env.BENCH_KEEP_INFRA === '1') log(`the production topology's data kept in ${dir}`);
      else await rm(dir, { recursive: true, force: true });
    },
  };
}
