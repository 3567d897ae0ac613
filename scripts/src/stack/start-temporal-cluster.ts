import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { promisify } from 'node:util';
import pg from 'pg';
import { SEARCH_ATTRIBUTES } from '@portal/shared/search-attributes';
import { freePort } from './free-port';
import { sleep } from './sleep';
import type { Stack } from './stack';
import { startProcess, type RunningProcess } from './start-process';
import { waitForHttp } from './wait-for';

const run = promisify(execFile);

/**
 * The Temporal server as production runs it (docs/adr/0068): its four services as separate
 * processes, two hosts each of frontend, history and matching and one worker, on PostgreSQL with
 * SQL visibility, their rings joined through the store's membership table. The CLI's dev server
 * is one process on SQLite; this is the same server code, deployed apart.
 */
export const CLUSTER_HOSTS = [
  { service: 'frontend', count: 2 },
  { service: 'history', count: 2 },
  { service: 'matching', count: 2 },
  { service: 'worker', count: 1 },
] as const;

export type ClusterService = (typeof CLUSTER_HOSTS)[number]['service'];

/** History shards: fixed for a cluster's life (the store is laid out by them), spread over the history hosts. */
export const HISTORY_SHARDS = 64;

export const TEMPORAL_DATABASES = { default: 'temporal', visibility: 'temporal_visibility' } as const;

export interface ClusterHost {
  /** `frontend-1`, `history-2`, …: its config file's name and its name in the stack's log. */
  name: string;
  service: ClusterService;
  grpcPort: number;
  membershipPort: number;
  /** The frontend's HTTP API (readiness and the UI's health); none on the other services. */
  httpPort?: number;
}

export interface TemporalClusterOptions {
  bins: { server: string; sqlTool: string; cli: string };
  /** The PostgreSQL the cluster keeps its state in (loopback, trust auth, user `postgres`). */
  postgresPort: number;
  /** Its config files; written on every start. */
  dir: string;
  /**
   * Where clients reach the frontends: the proxy spreading gRPC calls over them (nginx). The
   * worker service calls it too, and the cluster metadata names it.
   */
  frontAddress: string;
  output?: Writable;
  stack?: Stack;
  log?: (line: string) => void;
  timeoutMs?: number;
}

export interface RunningTemporalCluster {
  hosts: (ClusterHost & { process: RunningProcess })[];
  /** Each frontend's own host:port. */
  frontends: string[];
  /** Starts a host again after it died or was stopped, on the same ports. */
  restart(name: string): Promise<RunningProcess>;
  /** Makes the `default` namespace and the portal's search attributes; call once the front answers. */
  prepare(): Promise<void>;
}

/** Every host on free loopback ports. */
export async function planClusterHosts(): Promise<ClusterHost[]> {
  const hosts: ClusterHost[] = [];
  for (const { service, count } of CLUSTER_HOSTS) {
    for (let k = 1; k <= count; k += 1) {
      hosts.push({
        name: `${service}-${k}`,
        service,
        grpcPort: await freePort(),
        membershipPort: await freePort(),
        ...(service === 'frontend' ? { httpPort: await freePort() } : {}),
      });
    }
  }
  return hosts;
}

function sqlStore(databaseName: string, postgresPort: number, maxConns: number) {
  return {
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `127.0.0.1:${postgresPort}`,
      connectProtocol: 'tcp',
      user: 'postgres',
      password: '',
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  };
}

function rpc(host: ClusterHost) {
  return {
    rpc: {
      grpcPort: host.grpcPort,
      membershipPort: host.membershipPort,
      bindOnIP: '127.0.0.1',
      ...(host.httpPort ? { httpPort: host.httpPort } : {}),
    },
  };
}

/**
 * One host's server config (JSON is YAML, which the server reads). Every service is named in it:
 * the membership monitor tracks the rings of the services its config lists. The host runs only
 * its own (`--service`), on its own ports; the others' entries carry their first host's.
 */
export function hostConfig(host: ClusterHost, all: ClusterHost[], options: Pick<TemporalClusterOptions, 'postgresPort' | 'frontAddress'>, dynamicConfigFile: string): Record<string, unknown> {
  const services = Object.fromEntries(CLUSTER_HOSTS.map(({ service }) => [service, rpc(service === host.service ? host : (all.find((h) => h.service === service) ?? host))]));
  return {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'default',
      visibilityStore: 'visibility',
      numHistoryShards: HISTORY_SHARDS,
      datastores: {
        // Seven hosts share PostgreSQL's 300 connections with FerretDB's pool of 200: 8 + 3 each.
        default: sqlStore(TEMPORAL_DATABASES.default, options.postgresPort, 8),
        visibility: sqlStore(TEMPORAL_DATABASES.visibility, options.postgresPort, 3),
      },
    },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services,
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: { active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: options.frontAddress } },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    publicClient: { hostPort: options.frontAddress },
    dynamicConfigClient: { filepath: dynamicConfigFile, pollInterval: '10s' },
  };
}

/**
 * Dynamic config: a namespace made at start is seen by every host within a second instead of ten,
 * and a search attribute as soon as it is registered.
 */
const DYNAMIC_CONFIG = [
  'system.namespaceCacheRefreshInterval:',
  '  - value: 1s',
  'system.forceSearchAttributesCacheRefreshOnRead:',
  '  - value: false',
  '',
].join('\n');

async function sqlTool(bin: string, postgresPort: number, database: string, args: string[]): Promise<void> {
  const common = ['--plugin', 'postgres12', '--endpoint', '127.0.0.1', '--port', String(postgresPort), '--user', 'postgres', '--database', database];
  await run(bin, [...common, ...args]).catch((error: { stderr?: string; stdout?: string; message: string }) => {
    throw new Error(`temporal-sql-tool ${args[0]} on ${database} failed: ${error.stderr || error.stdout || error.message}`);
  });
}

/**
 * Both databases made and brought to the server's schema with its own tool (the schemas embedded
 * in it). Run on every start: creating an existing database is refused and let be; an up-to-date
 * schema is left as it is, a newer server's is applied.
 */
export async function setupClusterSchema(bin: string, postgresPort: number): Promise<void> {
  for (const [database, schema] of [
    [TEMPORAL_DATABASES.default, 'postgresql/v12/temporal'],
    [TEMPORAL_DATABASES.visibility, 'postgresql/v12/visibility'],
  ] as const) {
    await sqlTool(bin, postgresPort, database, ['create-database']).catch((error: Error) => {
      if (!/already exists/.test(error.message)) throw error;
    });
    // Version 0.0 is the empty starting point the tool records; update-schema then walks to the newest.
    await sqlTool(bin, postgresPort, database, ['setup-schema', '--version', '0.0']).catch((error: Error) => {
      if (!/already exists|schema_version/.test(error.message)) throw error;
    });
    await sqlTool(bin, postgresPort, database, ['update-schema', '--schema-name', schema]);
  }
}

/** Whether a host has written the cluster's metadata row yet. */
async function clusterMetadataWritten(postgresPort: number): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port: postgresPort, user: 'postgres', database: TEMPORAL_DATABASES.default });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM cluster_metadata_info LIMIT 1');
    return (rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

/** Polls `check` until true; fails if `process` exits first or the time runs out. */
async function until(timeoutMs: number, process: RunningProcess | undefined, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (process?.hasExited()) throw new Error(`${process.name} exited while starting:\n${process.recentOutput()}`);
    if (Date.now() > deadline) throw new Error(`${process?.name ?? 'the cluster'} did not start in ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

async function cli(bin: string, address: string, args: string[]): Promise<string> {
  const { stdout } = await run(bin, [...args, '--address', address, '--command-timeout', '10s']);
  return stdout;
}

export async function startTemporalCluster(options: TemporalClusterOptions): Promise<RunningTemporalCluster> {
  const say = options.log ?? (() => undefined);
  await mkdir(options.dir, { recursive: true });
  say('Temporal cluster: setting up its PostgreSQL schema…');
  await setupClusterSchema(options.bins.sqlTool, options.postgresPort);
  const dynamicConfigFile = join(options.dir, 'dynamicconfig.yaml');
  await writeFile(dynamicConfigFile, DYNAMIC_CONFIG);
  const hosts = await planClusterHosts();
  for (const host of hosts) await writeFile(join(options.dir, `${host.name}.yaml`), JSON.stringify(hostConfig(host, hosts, options, dynamicConfigFile), null, 2));

  const spawnHost = (host: ClusterHost) => {
    const process = startProcess({
      name: `temporal-${host.name}`,
      command: options.bins.server,
      args: ['--root', options.dir, '--config', '.', '--env', host.name, '--allow-no-auth', 'start', '--service', host.service],
      output: options.output,
    });
    options.stack?.add(process);
    return process;
  };
  // The first host to start writes the cluster's metadata; several at once on a new store race for
  // that row and the losers exit. One starts first, the rest once the row is there.
  const [first, ...rest] = hosts;
  if (!first) throw new Error('a cluster needs hosts');
  const running = [{ ...first, process: spawnHost(first) }];
  await until(options.timeoutMs ?? 120_000, running[0]?.process, () => clusterMetadataWritten(options.postgresPort));
  running.push(...rest.map((host) => ({ ...host, process: spawnHost(host) })));
  const frontends = running.filter((host) => host.service === 'frontend');
  try {
    const wait = { timeoutMs: options.timeoutMs ?? 120_000 };
    // The frontend's HTTP API answers once it has joined the rings and loaded the system namespace.
    await Promise.all(frontends.map((host) => waitForHttp(`http://127.0.0.1:${host.httpPort}/api/v1/cluster-info`, { ...wait, process: host.process })));
  } catch (error) {
    await Promise.all(running.map((host) => host.process.stop()));
    throw error;
  }

  return {
    hosts: running,
    frontends: frontends.map((host) => `127.0.0.1:${host.grpcPort}`),
    async restart(name) {
      const host = running.find((h) => h.name === name);
      if (!host) throw new Error(`no cluster host named ${name}`);
      host.process = spawnHost(host);
      return host.process;
    },
    async prepare() {
      const deadline = Date.now() + (options.timeoutMs ?? 120_000);
      /** Tries `step` until it succeeds: a namespace or an attribute reaches each host's cache a moment after it is made. */
      const retry = async (what: string, step: () => Promise<boolean>) => {
        let last: unknown;
        for (;;) {
          const done = await step().catch((error: unknown) => {
            last = error;
            return false;
          });
          if (done) return;
          if (Date.now() > deadline) throw new Error(`the Temporal cluster did not ${what} in time${last instanceof Error ? `: ${last.message}` : ''}`);
          await sleep(500);
        }
      };
      const front = options.frontAddress;
      const own = frontends.map((host) => `127.0.0.1:${host.grpcPort}`);
      await retry('make the default namespace', async () => {
        await cli(options.bins.cli, front, ['operator', 'namespace', 'create', '--namespace', 'default', '--retention', '720h']).catch(() => undefined);
        for (const address of own) await cli(options.bins.cli, address, ['operator', 'namespace', 'describe', '--namespace', 'default']);
        return true;
      });
      const listed = (address: string) => cli(options.bins.cli, address, ['operator', 'search-attribute', 'list', '--namespace', 'default', '--output', 'json']);
      await retry('register the portal\'s search attributes', async () => {
        for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) {
          if ((await listed(front)).includes(`"${name}"`)) continue;
          await cli(options.bins.cli, front, ['operator', 'search-attribute', 'create', '--namespace', 'default', '--name', name, '--type', type]);
        }
        for (const address of own) {
          const names = await listed(address);
          if (!Object.keys(SEARCH_ATTRIBUTES).every((name) => names.includes(`"${name}"`))) return false;
        }
        return true;
      });
    },
  };
}

export interface TemporalUiOptions {
  bin: string;
  port: number;
  /** The cluster's front (nginx), host:port. */
  temporalAddress: string;
  /** Booking's codec through the web origin; the UI calls it with the HR session's cookie. */
  codecEndpoint: string;
  dir: string;
  output?: Writable;
  stack?: Stack;
  timeoutMs?: number;
}

/** The Temporal Web UI server, the one the CLI embeds, on its own port. */
export async function startTemporalUi(options: TemporalUiOptions): Promise<{ process: RunningProcess; url: string }> {
  await mkdir(options.dir, { recursive: true });
  const config = {
    temporalGrpcAddress: options.temporalAddress,
    host: '127.0.0.1',
    port: options.port,
    enableUi: true,
    defaultNamespace: 'default',
    notifyOnNewVersion: false,
    refreshInterval: '0s',
    // Plain HTTP on loopback here; behind TLS in production, where the cookie is secure again.
    cors: { allowOrigins: [], cookieInsecure: true },
    codec: { endpoint: options.codecEndpoint, includeCredentials: true },
  };
  await writeFile(join(options.dir, 'production.yaml'), JSON.stringify(config, null, 2));
  const process = startProcess({
    name: 'temporal-ui',
    command: options.bin,
    args: ['--root', options.dir, '--config', '.', '--env', 'production', 'start'],
    output: options.output,
  });
  options.stack?.add(process);
  const url = `http://127.0.0.1:${options.port}`;
  await waitForHttp(url, { process, timeoutMs: options.timeoutMs ?? 60_000 });
  return { process, url };
}
