import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { Stack } from './stack';
import { startProcess, type RunningProcess } from './start-process';
import { waitForHttp } from './wait-for';

/** Debian's package puts the server here; RADICALE_BIN points elsewhere. */
export const RADICALE_BIN = process.env.RADICALE_BIN ?? '/usr/bin/radicale';

export interface RadicaleUser {
  name: string;
  password: string;
}

export interface RadicaleOptions {
  /** Holds the config, the htpasswd file and the collections (`.data/radicale` for start, a temp folder for tests). */
  dir: string;
  port: number;
  users: RadicaleUser[];
  output?: Writable;
  stack?: Stack;
}

export interface RunningRadicale {
  process: RunningProcess;
  /** The server root, e.g. http://127.0.0.1:5232/ ; a user's calendars live under `<url><user>/`. */
  url: string;
}

export function radicaleInstalled(): boolean {
  return existsSync(RADICALE_BIN);
}

/**
 * Radicale (CalDAV) with htpasswd auth. Debian's package verifies `plain` passwords without
 * extra modules (bcrypt needs passlib, which it does not pull in), so the file holds the
 * development passwords as they are: it is written with mode 600 and never leaves `dir`.
 */
export async function startRadicale(options: RadicaleOptions): Promise<RunningRadicale> {
  if (!radicaleInstalled()) throw new Error(`Radicale is not installed (${RADICALE_BIN}); run scripts/setup.sh or apt-get install radicale`);
  await mkdir(join(options.dir, 'collections'), { recursive: true });
  const users = join(options.dir, 'users');
  await writeFile(users, options.users.map((u) => `${u.name}:${u.password}`).join('\n') + '\n', { mode: 0o600 });
  const config = join(options.dir, 'config');
  await writeFile(
    config,
    [
      '[server]',
      `hosts = 127.0.0.1:${options.port}`,
      '[auth]',
      'type = htpasswd',
      `htpasswd_filename = ${users}`,
      'htpasswd_encryption = plain',
      'delay = 0',
      '[storage]',
      `filesystem_folder = ${join(options.dir, 'collections')}`,
      '[logging]',
      'level = warning',
      '',
    ].join('\n'),
  );
  const process = startProcess({ name: 'radicale', command: RADICALE_BIN, args: ['--config', config], output: options.output });
  options.stack?.add(process);
  const url = `http://127.0.0.1:${options.port}/`;
  try {
    // The root answers 401/redirect to anonymous GETs once it is up: any HTTP answer will do.
    await waitForHttp(`${url}.web/`, { process, timeoutMs: 30_000 });
  } catch (error) {
    await process.stop();
    throw error;
  }
  return { process, url };
}
