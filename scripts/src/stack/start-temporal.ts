import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { SEARCH_ATTRIBUTES } from '@portal/shared/search-attributes';
import { freePort } from './free-port';
import type { Stack } from './stack';
import { startProcess, type RunningProcess } from './start-process';
import { startUiFront, type UiFront } from './ui-codec-credentials';
import { waitForHttp } from './wait-for';

export interface TemporalOptions {
  bin: string;
  port: number;
  /** Web UI port; without it the server runs headless. */
  uiPort?: number;
  /**
   * The codec server the UI decodes payloads with (booking's `/codec`, behind the HR sign-in). The
   * UI then calls it with credentials, so the HR session cookie comes along (ui-codec-credentials.ts).
   */
  codecEndpoint?: string;
  /** SQLite file that keeps workflows across restarts; in memory without it. */
  dbFile?: string;
  output?: Writable;
  timeoutMs?: number;
  /** Joins this stack as soon as it is spawned, so a Ctrl-C during start-up stops it too. */
  stack?: Stack;
}

export interface RunningTemporal {
  process: RunningProcess;
  /** host:port of the frontend gRPC service, as clients and workers take it. */
  address: string;
  uiUrl?: string;
}

/**
 * Dynamic config the dev server runs with here, as `--dynamic-config-value` pairs (docs/adr/0063):
 * - the CLI turns `system.forceSearchAttributesCacheRefreshOnRead` on so that attributes created
 *   while it runs are seen at once; the portal's are all registered at the start (`--search-attribute`),
 *   and with it on every start, upsert and list reads them from the store again;
 * - one partition per task queue instead of four: one machine, a handful of workers, and a task
 *   handed straight to a waiting poller instead of forwarded between partitions.
 */
export const DEV_SERVER_DYNAMIC_CONFIG: readonly string[] = [
  'system.forceSearchAttributesCacheRefreshOnRead=false',
  'matching.numTaskqueueReadPartitions=1',
  'matching.numTaskqueueWritePartitions=1',
];

export const devServerDynamicConfigArgs = (): string[] => DEV_SERVER_DYNAMIC_CONFIG.flatMap((pair) => ['--dynamic-config-value', pair]);

/** The Temporal CLI's dev server with our custom search attributes registered. */
export async function startTemporal(options: TemporalOptions): Promise<RunningTemporal> {
  if (options.dbFile) await mkdir(dirname(options.dbFile), { recursive: true });
  // Only used to know when the server is ready; a free port so it never collides.
  const httpPort = await freePort();
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port)];
  args.push('--http-port', String(httpPort), '--log-level', 'warn');
  // With a codec, the UI itself listens on a port of its own behind a front on uiPort.
  const codec = options.uiPort && options.codecEndpoint ? { endpoint: options.codecEndpoint, uiPort: options.uiPort, ownPort: await freePort() } : undefined;
  const ownUiPort = codec?.ownPort ?? options.uiPort;
  args.push(...(ownUiPort ? ['--ui-port', String(ownUiPort)] : ['--headless']));
  if (codec) args.push('--ui-codec-endpoint', codec.endpoint);
  // A file store journals ahead (WAL): readers no longer wait on the writer, and each commit is one
  // fsync of the log instead of a rollback journal's several. synchronous=full keeps every commit
  // durable through a power loss too (docs/adr/0011).
  if (options.dbFile) args.push('--db-filename', options.dbFile, '--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=full');
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) args.push('--search-attribute', `${name}=${type}`);
  args.push(...devServerDynamicConfigArgs());

  const front = codec ? await startUiFront({ host: '127.0.0.1', port: codec.uiPort, uiPort: codec.ownPort }) : undefined;
  const process = withFront(startProcess({ name: 'temporal', command: options.bin, args, output: options.output }), front);
  options.stack?.add(process);
  const uiUrl = options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined;
  try {
    const wait = { process, timeoutMs: options.timeoutMs ?? 60_000 };
    await waitForHttp(`http://127.0.0.1:${httpPort}/api/v1/namespaces/default`, wait);
    if (uiUrl) await waitForHttp(uiUrl, wait);
  } catch (error) {
    await process.stop();
    throw error;
  }
  return { process, address: `127.0.0.1:${options.port}`, ...(uiUrl ? { uiUrl } : {}) };
}

/** The dev server and the UI front in front of it stop together. */
function withFront(process: RunningProcess, front: UiFront | undefined): RunningProcess {
  if (!front) return process;
  return {
    ...process,
    async stop(graceMs) {
      await front.close();
      await process.stop(graceMs);
    },
  };
}
