import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DEV_DAILY_API_KEY, DEV_ZOOM_APP } from '@portal/shared/meeting-rooms';
import type { StackConfig } from './start-config';
import { pnpmBin, repoRoot } from './paths';

export interface ServiceSpec {
  name: string;
  cwd: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  readyUrl: string;
}

const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');

/** What every portal process is told about the shared infrastructure. */
export function commonEnv(config: StackConfig): Record<string, string> {
  return {
    MONGO_URL: `mongodb://127.0.0.1:${config.MONGO_PORT}/portal`,
    TEMPORAL_ADDRESS: `127.0.0.1:${config.TEMPORAL_PORT}`,
    NODE_ENV: 'development',
    // glibc gives every thread that allocates an arena of its own (up to 8 per core); the workers'
    // native threads then hold memory they freed. Two arenas keep RSS near what is in use.
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
    // A webhook receiver on this machine (the README's example) is reachable in development only;
    // production names none (docs/adr/0022).
    WEBHOOK_ALLOWED_HOSTS: process.env.WEBHOOK_ALLOWED_HOSTS ?? 'localhost,127.0.0.1,::1',
  };
}

/**
 * The workflows worker's main thread (its activities, the payload codec, the SDK's core) with a
 * bounded heap: V8 otherwise sizes it from the machine (4 GiB here) and collects late. Small
 * young generations for it and for the workflow thread (the flag is the process's). The trade is
 * measured in docs/perf/history.md (the third pass).
 */
const WORKFLOWS_NODE_OPTIONS = '--max-old-space-size=128 --max-semi-space-size=4';

/** Those flags, or the ones `WORKFLOWS_NODE_OPTIONS` names instead. */
export function workflowsNodeOptions(): string {
  return process.env.WORKFLOWS_NODE_OPTIONS ?? WORKFLOWS_NODE_OPTIONS;
}

/** Instance k (from 0) of services/<service>: named `workflows`, `workflows-2`, … in the stack and its log. */
function tsService(service: string, k: number, env: Record<string, string>, port: number): ServiceSpec {
  const cwd = join(repoRoot, 'services', service);
  const name = k === 0 ? service : `${service}-${k + 1}`;
  return { name, cwd, command: tsx, args: ['src/main.ts'], env, readyUrl: `http://127.0.0.1:${port}/readyz` };
}

/**
 * The portal's own processes in start order, `PORTAL_INSTANCES` of each service (instance k on
 * its port + k), and the ones left out because their code is not there yet (each with the
 * reason). More than one booking API keeps its rate limits in the database, one count for all.
 */
export function portalServices(config: StackConfig, extraEnv: Partial<Record<'booking' | 'workflows', Record<string, string>>> = {}): { services: ServiceSpec[]; skipped: string[] } {
  const sharedLimits: Record<string, string> = config.PORTAL_INSTANCES > 1 ? { RATE_LIMIT_STORE: 'database' } : {};
  // Behind nginx: each answer names its instance, and the client's address is the one nginx saw.
  const behindNginx = config.PORTAL_TOPOLOGY === 'production';
  const proxied = (k: number): Record<string, string> => (behindNginx ? { INSTANCE_NAME: `booking-${k + 1}`, TRUST_PROXY: 'loopback' } : {});
  const all = Array.from({ length: config.PORTAL_INSTANCES }, (_, k) => [
    tsService(
      'workflows',
      k,
      {
        WORKFLOWS_PORT: String(config.WORKFLOWS_PORT + k),
        NODE_OPTIONS: workflowsNodeOptions(),
        DAILY_API_BASE_URL: `http://127.0.0.1:${config.DAILY_STAND_IN_PORT}/v1`,
        DAILY_API_KEY: DEV_DAILY_API_KEY,
        ZOOM_API_BASE_URL: `http://127.0.0.1:${config.ZOOM_STAND_IN_PORT}/v2`,
        ZOOM_OAUTH_URL: `http://127.0.0.1:${config.ZOOM_STAND_IN_PORT}/oauth/token`,
        ZOOM_ACCOUNT_ID: DEV_ZOOM_APP.accountId,
        ZOOM_CLIENT_ID: DEV_ZOOM_APP.clientId,
        ZOOM_CLIENT_SECRET: DEV_ZOOM_APP.clientSecret,
        ...extraEnv.workflows,
      },
      config.WORKFLOWS_PORT + k,
    ),
    tsService(
      'notifications',
      k,
      {
        NOTIFICATIONS_PORT: String(config.NOTIFICATIONS_PORT + k),
        POSTMARK_API_URL: `http://127.0.0.1:${config.SINK_PORT}`,
        TWILIO_API_BASE_URL: `http://127.0.0.1:${config.SINK_PORT}`,
      },
      config.NOTIFICATIONS_PORT + k,
    ),
    tsService(
      'booking',
      k,
      {
        BOOKING_PORT: String(config.BOOKING_PORT + k),
        PUBLIC_WEB_URL: `http://localhost:${config.WEB_PORT}`,
        TEMPORAL_UI_URL: `http://localhost:${config.TEMPORAL_UI_PORT}`,
        ...sharedLimits,
        ...proxied(k),
        ...extraEnv.booking,
      },
      config.BOOKING_PORT + k,
    ),
  ]).flat();
  const services: ServiceSpec[] = [];
  const skipped: string[] = [];
  for (const service of all) {
    if (existsSync(join(service.cwd, 'src', 'main.ts'))) services.push(service);
    else skipped.push(`${service.name}: services/${basename(service.cwd)}/src/main.ts does not exist yet`);
  }
  // In production nginx serves the web build itself (stack/start-nginx.ts).
  if (behindNginx) return { services, skipped };
  if (hasBuildScript(join(repoRoot, 'web'))) services.push(webPreview(config));
  else skipped.push('web: web/package.json has no build script yet');
  return { services, skipped };
}

function hasBuildScript(dir: string): boolean {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  return Boolean(manifest.scripts?.build);
}

function webPreview(config: StackConfig): ServiceSpec {
  return {
    name: 'web',
    cwd: repoRoot,
    command: pnpmBin,
    args: ['--filter', '@portal/web', 'exec', 'vite', 'preview', '--host', '127.0.0.1', '--port', String(config.WEB_PORT), '--strictPort'],
    env: { BOOKING_URL: `http://127.0.0.1:${config.BOOKING_PORT}` },
    readyUrl: `http://127.0.0.1:${config.WEB_PORT}/`,
  };
}
