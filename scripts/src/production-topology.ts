import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { startDemoCalendar } from './demo-calendar';
import { dataDir, repoRoot } from './paths';
import type { StackConfig } from './start-config';
import type { Stack } from './stack/stack';
import { startFerret, FERRET_PG_POOL } from './stack/start-ferret';
import { startNginx } from './stack/start-nginx';
import { findPostgres, startPostgres } from './stack/start-postgres';
import { startTemporalCluster, startTemporalUi, type RunningTemporalCluster } from './stack/start-temporal-cluster';
import { ensureClusterTools } from './tools';

/** Sockets one portal process may have open to FerretDB (`openDatabase` caps each at 32). */
const SOCKETS_PER_SERVICE = 32;

export interface ProductionInfra {
  cluster: RunningTemporalCluster;
  temporalUiUrl: string;
  temporalFrontends: string[];
  demoCalendar: Record<string, string>;
}

/**
 * PostgreSQL, then on it FerretDB and the Temporal cluster, nginx in front of the cluster's
 * frontends and (once they start) the booking instances, and the Temporal Web UI through nginx
 * (docs/adr/0068). The portal's services are started by the caller, as in the dev topology.
 */
export async function startProductionInfra(config: StackConfig, bins: { temporal: string; ferretdb: string }, output: Writable, stack: Stack, say: (line: string) => void): Promise<ProductionInfra> {
  const cluster = await ensureClusterTools(say);
  const binaries = findPostgres();
  if (binaries === undefined) throw new Error('the production topology needs PostgreSQL: install Debian\'s postgresql package or set PG_BIN_DIR');
  // FerretDB's pool is twice what every portal process's sockets can have in flight (start-ferret.ts),
  // and PostgreSQL holds it, the cluster's hosts (11 each) and room to spare.
  const pool = Math.max(FERRET_PG_POOL, 2 * SOCKETS_PER_SERVICE * 3 * config.PORTAL_INSTANCES);
  say(`PostgreSQL from ${binaries.source}: FerretDB's store and the Temporal cluster's`);
  const postgres = await startPostgres({ binaries, port: config.POSTGRES_PORT, dataDir: join(dataDir, 'postgres'), durable: true, maxConnections: pool + 150, output, stack });
  say('starting FerretDB, the Temporal cluster (2 frontend, 2 history, 2 matching, 1 worker) and Radicale…');
  const [, temporal, demoCalendar] = await Promise.all([
    startFerret({ bin: bins.ferretdb, port: config.MONGO_PORT, stateDir: join(dataDir, 'ferretdb-state'), backend: { kind: 'postgresql', url: postgres.url, pool }, output, stack }),
    startTemporalCluster({
      bins: { server: cluster.server, sqlTool: cluster.sqlTool, cli: bins.temporal },
      postgresPort: config.POSTGRES_PORT,
      dir: join(dataDir, 'temporal-cluster'),
      frontAddress: `127.0.0.1:${config.TEMPORAL_PORT}`,
      output,
      stack,
      log: say,
    }),
    startDemoCalendar(config.RADICALE_PORT, stack, output),
  ]);
  await startNginx(
    {
      webRoot: join(repoRoot, 'web', 'dist'),
      webPort: config.WEB_PORT,
      bookingPorts: Array.from({ length: config.PORTAL_INSTANCES }, (_, k) => config.BOOKING_PORT + k),
      temporal: { port: config.TEMPORAL_PORT, frontends: temporal.frontends },
      dir: join(dataDir, 'nginx'),
      webNginxConf: join(repoRoot, 'web', 'nginx.conf'),
    },
    { output, stack },
  );
  await temporal.prepare();
  const ui = await startTemporalUi({
    bin: cluster.uiServer,
    port: config.TEMPORAL_UI_PORT,
    temporalAddress: `127.0.0.1:${config.TEMPORAL_PORT}`,
    // Through nginx, where HR's session cookie lives; booking answers signed-in HR only.
    codecEndpoint: `http://localhost:${config.WEB_PORT}/codec`,
    dir: join(dataDir, 'temporal-ui'),
    output,
    stack,
  });
  return { cluster: temporal, temporalUiUrl: ui.url, temporalFrontends: temporal.frontends, demoCalendar };
}
