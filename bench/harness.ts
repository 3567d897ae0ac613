import { createWriteStream, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createApiClient } from '@portal/system-tests/api-client';
import { closeCandidateKeys, readCandidateKeysFrom } from '@portal/system-tests/candidate-keys';
import { repoRoot } from '@portal/devstack/paths';
import { workflowsNodeOptions } from '@portal/devstack/portal-services';
import { freePort } from '@portal/devstack/free-port';
import { startProcess, type RunningProcess } from '@portal/devstack/start-process';
import { waitForHttp } from '@portal/devstack/wait-for';
import { startTestInfra, type GoogleStandInPlace } from '@portal/devstack/test-infra';
import type { MicrosoftStandInPlace } from '@portal/devstack/microsoft-graph-stand-in';
import { GOOGLE_PUSH_PATH, MICROSOFT_PUSH_PATH } from '@portal/shared/calendar-inputs';

export interface BenchPortal {
  bookingUrl: string;
  sinkUrl: string;
  mongoUrl: string;
  temporalAddress: string;
  /** The run's Google Calendar and Microsoft Graph stand-ins (with `calendarStandIns` the organisation's connections point at them). */
  google: GoogleStandInPlace;
  microsoft: MicrosoftStandInPlace;
  api: ReturnType<typeof createApiClient>;
  /** SIGKILLs one service's instance (the first unless told; its whole process group); the function returned starts it again. */
  kill(service: Service, instance?: number): Promise<() => Promise<void>>;
  /** SIGSTOPs every instance of one service (each whole process group) where it stands; the function returned lets them go on. */
  hold(service: Service): () => void;
  stop(): Promise<void>;
}

const SERVICES = ['workflows', 'notifications', 'booking'] as const;
type Service = (typeof SERVICES)[number];

/** `mongoUrl` (a server's connection string) naming this run's own database, `bench_<name>_<pid>`. */
export function benchDatabaseUrl(mongoUrl: string, name: string): string {
  const server = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(mongoUrl);
  if (!server) throw new Error(`not a MongoDB URL: ${mongoUrl}`);
  return `${server[1]}/bench_${name}_${process.pid}${server[2] ?? ''}`;
}

/**
 * Lifecycles that run their whole course in minutes: reminders 3, 2 and 1 minute before a start,
 * bookable a minute ahead on one-minute slots over one day, nothing after the end (lifecycles.ts,
 * lifecycle-costs.ts).
 */
export const MINUTE_LIFECYCLES = {
  REMINDER_OFFSETS_MINUTES: '3,2,1',
  INVITATION_EXPIRY_MINUTES: '60',
  CHANGE_CUTOFF_MINUTES: '0',
  GRACE_AFTER_END_MINUTES: '0',
  MIN_NOTICE_MINUTES: '0',
  SLOT_STEP_MINUTES: '1',
  INTERVIEW_DURATION_MINUTES: '1',
  // Every claim lists the pool's slots over the horizon; one day of 1-minute slots is plenty.
  HORIZON_DAYS: '1',
  // A send the dev server lost on its restart is scheduled again after this, well inside the 5 minutes
  // lifecycles.ts waits for the last reminders (the default, 300 s, would arrive as that wait ends).
  MAIL_QUEUE_TIMEOUT_SECONDS: '120',
} as const;

/**
 * The same topology the system tests run (FerretDB, Temporal dev server, email sink, the three
 * services as processes), started outside vitest: infrastructure the way the test setup picks it
 * (MONGO_URL / TEMPORAL_ADDRESS, else the native binaries from scripts/setup.sh). Benches take
 * the native path unless TEST_INFRA says otherwise: that is what `scripts/start.sh` runs, and
 * Docker's port proxy would add its own hop to every figure compared across runs.
 */
export async function startBenchPortal(
  name: string,
  overrides: Record<string, string> = {},
  options: {
    capacity?: number;
    calendarStandIns?: boolean;
    /** Instances of each service (1); above one, booking's limits live in the database, as start.sh runs them. */
    instances?: number;
    /** A proxy in front of the booking instances (the production topology's nginx): its URL and the ports it sends to. */
    front?: { bookingUrl: string; bookingPorts: number[] };
  } = {},
): Promise<BenchPortal> {
  process.env.TEST_INFRA ??= 'native';
  const { calendarStandIns, instances = 1, front, ...sink } = options;
  const infra = await startTestInfra((line) => console.error(`[infra] ${line}`), sink);
  const running: RunningProcess[] = [];
  const stop = async () => {
    await closeCandidateKeys();
    await Promise.all(running.map((proc) => proc.stop(5_000)));
    await infra.stop();
  };
  try {
    const mongoUrl = benchDatabaseUrl(infra.mongoUrl, name);
    // Lifecycle payloads are sealed under candidate keys kept in this database (docs/adr/0030).
    readCandidateKeysFrom(mongoUrl);
    const portsOf = async () => {
      const list: number[] = [];
      for (let k = 0; k < instances; k += 1) list.push(await freePort());
      return list;
    };
    const ports: Record<Service, number[]> = { workflows: await portsOf(), notifications: await portsOf(), booking: front?.bookingPorts ?? (await portsOf()) };
    // The services run under their own tsconfig, not the bench one tsx was started with.
    const { TSX_TSCONFIG_PATH: _benchTsconfig, ...inherited } = process.env;
    const env: NodeJS.ProcessEnv = {
      ...inherited,
      NODE_ENV: 'test',
      // BENCH_LOG_LEVEL=info with BENCH_LOG_DIR keeps, e.g., where each reminder batch's time went.
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      // As scripts/start.sh and the image run the services (docs/configuration.md).
      MALLOC_ARENA_MAX: '2',
      MONGO_URL: mongoUrl,
      TEMPORAL_ADDRESS: infra.temporalAddress,
      LIFECYCLE_TASK_QUEUE: `bench-${name}-lifecycle`,
      NOTIFICATIONS_TASK_QUEUE: `bench-${name}-notifications`,
      POSTMARK_API_URL: infra.sinkUrl,
      TWILIO_API_BASE_URL: infra.sinkUrl,
      PUBLIC_WEB_URL: 'http://localhost:5173',
      ...(instances > 1 ? { RATE_LIMIT_STORE: 'database', TRUST_PROXY: 'loopback' } : {}),
      // The limiter would measure itself: every client shares one token and one IP here.
      RATE_LIMIT_PER_MINUTE: '100000000',
      // As the tests' portals (scripts/src/test-setup/portal-processes.ts): the organisation's Google
      // and Microsoft 365 connections at the run's stand-ins, their pushes to this booking service.
      ...(calendarStandIns ? {
        GOOGLE_CALENDAR_API_URL: infra.google.apiUrl,
        GOOGLE_OAUTH_TOKEN_URL: infra.google.tokenUrl,
        GOOGLE_SERVICE_ACCOUNT_KEY: infra.google.serviceAccountKey,
        GOOGLE_PUSH_URL: `http://127.0.0.1:${ports.booking[0]}${GOOGLE_PUSH_PATH}`,
        MICROSOFT_GRAPH_URL: infra.microsoft.url,
        MICROSOFT_LOGIN_URL: infra.microsoft.url,
        MICROSOFT_TENANT_ID: infra.microsoft.tenantId,
        MICROSOFT_CLIENT_ID: infra.microsoft.clientId,
        MICROSOFT_CLIENT_SECRET: infra.microsoft.clientSecret,
        MICROSOFT_PUSH_URL: `http://127.0.0.1:${ports.booking[0]}${MICROSOFT_PUSH_PATH}`,
      } : {}),
      ...overrides,
    };
    // BENCH_LOG_DIR keeps each service's output (at LOG_LEVEL) for a look after the run.
    const logDir = process.env.BENCH_LOG_DIR;
    if (logDir) mkdirSync(logDir, { recursive: true });
    const outputOf = (service: string): Writable =>
      logDir ? createWriteStream(join(logDir, `${service}.log`)) : new Writable({ write: (_chunk, _encoding, done) => done() });
    const launched = new Map<string, RunningProcess>();
    const launch = async (service: Service, instance = 0) => {
      const port = ports[service][instance] ?? 0;
      const own = { BOOKING_PORT: String(ports.booking[instance]), WORKFLOWS_PORT: String(ports.workflows[instance]), NOTIFICATIONS_PORT: String(ports.notifications[instance]), INSTANCE_NAME: `${service}-${instance + 1}` };
      // BENCH_PROFILE=<service>: that service runs under node --cpu-prof (tsx as a loader) and
      // writes its profile into BENCH_LOG_DIR (or the OS temp dir) as it stops.
      const profiled = process.env.BENCH_PROFILE === service;
      const proc = startProcess({
        name: service,
        command: profiled ? process.execPath : join(repoRoot, 'node_modules', '.bin', 'tsx'),
        args: profiled ? ['--cpu-prof', `--cpu-prof-dir=${logDir ?? tmpdir()}`, '--import', 'tsx', 'src/main.ts'] : ['src/main.ts'],
        cwd: join(repoRoot, 'services', service),
        // The workflows worker with the heap flags scripts/start.sh gives it (WORKFLOWS_NODE_OPTIONS changes them).
        env: service === 'workflows' ? { ...env, ...own, NODE_OPTIONS: workflowsNodeOptions() } : { ...env, ...own },
        output: outputOf(instances > 1 ? `${service}-${instance + 1}` : service),
      });
      running.push(proc);
      launched.set(`${service}-${instance}`, proc);
      try {
        // A service started again under a chaos run's full load bundles its code beside 1,000 lifecycles: minutes.
        await waitForHttp(`http://127.0.0.1:${port}/readyz`, { timeoutMs: 300_000 });
      } catch (error) {
        throw new Error(`${service} did not become ready: ${String(error)}\n${proc.recentOutput()}`);
      }
    };
    await Promise.all(SERVICES.flatMap((service) => Array.from({ length: instances }, (_, instance) => launch(service, instance))));
    const kill = async (service: Service, instance = 0) => {
      const proc = launched.get(`${service}-${instance}`);
      if (proc && !proc.hasExited()) {
        // The whole group (tsx and the node it runs), with no chance to shut down cleanly.
        process.kill(-proc.pid, 'SIGKILL');
        await proc.exited;
      }
      return () => launch(service, instance);
    };
    const hold = (service: Service) => {
      const procs = Array.from({ length: instances }, (_, instance) => launched.get(`${service}-${instance}`));
      for (const proc of procs) {
        if (!proc || proc.hasExited()) throw new Error(`${service} is not running`);
        process.kill(-proc.pid, 'SIGSTOP');
      }
      return () => {
        for (const proc of procs) if (proc) process.kill(-proc.pid, 'SIGCONT');
      };
    };
    const bookingUrl = front?.bookingUrl ?? `http://127.0.0.1:${ports.booking[0]}`;
    return { bookingUrl, sinkUrl: infra.sinkUrl, mongoUrl, temporalAddress: infra.temporalAddress, google: infra.google, microsoft: infra.microsoft, api: createApiClient(bookingUrl), kill, hold, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
