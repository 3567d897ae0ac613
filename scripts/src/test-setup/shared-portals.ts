import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MicrosoftStandInPlace } from '../stack/microsoft-graph/stand-in-app';
import { deleteSchedulesHere, startPortalProcesses, type PortalProcesses } from './portal-processes';
import { startBehindWebPreview, type WebPreview } from './web-preview';

/** The run's servers, as the global setup started them. */
export interface RunInfra {
  /** Server URL without a database. */
  mongoUrl: string;
  temporalAddress: string;
  sinkUrl: string;
  workflowBundlePath: string;
  dailyApiUrl: string;
  zoomOrigin: string;
  google: { apiUrl: string; tokenUrl: string; serviceAccountKey: string };
  microsoft: MicrosoftStandInPlace;
}

/** What a test file learns of a shared portal. */
export interface SharedPortalAddress {
  bookingUrl: string;
  notificationsUrl: string;
  sinkUrl: string;
  mongoUrl: string;
  /** The built web app in front of it, when asked for (`POST /web-portal`); its emailed links name it. */
  webUrl?: string;
}

/** The settings as one key: the same settings in any order are the same portal. */
export function settingsKey(settings: Record<string, string>): string {
  return JSON.stringify(Object.entries(settings).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function withDatabase(serverUrl: string, database: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(serverUrl);
  if (!match) throw new Error(`MONGO_URL is not a MongoDB connection string: ${serverUrl}`);
  return `${match[1]}/${database}${match[2] ?? ''}`;
}

/**
 * Portals shared by the test files of one run (docs/testing.md, "One portal for many files"):
 * the first file that asks for a set of settings starts a portal with them, in the vitest main
 * process, and every later file asking for the same settings gets the same one. Test files run in
 * processes of their own, so they ask over HTTP on loopback (`POST /portal` with the settings as
 * JSON; `POST /web-portal` for one with the built web app in front, as browser files need). A
 * shared portal has its own database and task queues and lives until the run ends.
 */
export async function startSharedPortals(infra: RunInfra, log: (line: string) => void): Promise<{ url: string; stop(): Promise<void> }> {
  const portals = new Map<string, Promise<{ address: SharedPortalAddress; processes: PortalProcesses; preview?: WebPreview }>>();

  function portalFor(settings: Record<string, string>, withWeb: boolean) {
    const key = `${withWeb ? 'web ' : ''}${settingsKey(settings)}`;
    const existing = portals.get(key);
    if (existing) return existing;
    const name = `shared_${createHash('sha256').update(key).digest('hex').slice(0, 8)}_${process.pid}`;
    const started = Date.now();
    const starting = (async () => {
      const mongoUrl = withDatabase(infra.mongoUrl, `t_${name}`);
      const startProcesses = (extra: Record<string, string> = {}) =>
        startPortalProcesses(
          {
            mongoUrl,
            temporalAddress: infra.temporalAddress,
            sinkUrl: infra.sinkUrl,
            workflowBundlePath: infra.workflowBundlePath,
            dailyApiUrl: infra.dailyApiUrl,
            dailyApiKey: name,
            zoom: { origin: infra.zoomOrigin, accountId: name },
            google: infra.google,
            microsoft: infra.microsoft,
            lifecycleTaskQueue: `t-${name}-lifecycle`.replace(/_/g, '-'),
            notificationsTaskQueue: `t-${name}-notifications`.replace(/_/g, '-'),
          },
          { ...settings, ...extra },
          { onUnexpectedExit: (report) => log(`shared portal ${name}: ${report}`) },
        );
      // With the web app, its emailed links name the preview in front of it.
      const { portal: processes, preview } = withWeb
        ? await startBehindWebPreview((webUrl) => startProcesses({ PUBLIC_WEB_URL: webUrl }))
        : { portal: await startProcesses(), preview: undefined };
      log(`shared portal ${name} started in ${((Date.now() - started) / 1000).toFixed(1)} s for ${key}`);
      const address = { bookingUrl: processes.bookingUrl, notificationsUrl: processes.notificationsUrl, sinkUrl: infra.sinkUrl, mongoUrl, ...(preview ? { webUrl: preview.webUrl } : {}) };
      return { address, processes, preview };
    })();
    portals.set(key, starting);
    return starting;
  }

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const routes = ['/portal', '/web-portal', '/schedules-deleted'];
    if (request.method !== 'POST' || !routes.includes(request.url ?? '')) {
      response.writeHead(404).end();
      return;
    }
    try {
      let body = '';
      for await (const chunk of request) body += String(chunk);
      if (request.url === '/schedules-deleted') {
        // A test file's own portal stopped: its Schedules go by this process's Temporal client, so the
        // file's worker need not load one (portal-processes.ts, ADR 0064). It says what it could not delete.
        const { taskQueue } = JSON.parse(body) as { taskQueue?: unknown };
        if (typeof taskQueue !== 'string') throw new Error('no taskQueue');
        await deleteSchedulesHere(infra.temporalAddress, taskQueue);
        response.writeHead(204).end();
        return;
      }
      const settings = JSON.parse(body) as Record<string, string>;
      const { address } = await portalFor(settings, request.url === '/web-portal');
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(address));
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  }

  const server = createServer((request, response) => void answer(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      server.close();
      const started = await Promise.allSettled(portals.values());
      await Promise.all(started.map((result) => (result.status === 'fulfilled' ? Promise.all([result.value.preview?.stop(), result.value.processes.stop()]) : undefined)));
    },
  };
}
