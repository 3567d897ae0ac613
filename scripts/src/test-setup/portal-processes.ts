import { join } from 'node:path';
import { Writable } from 'node:stream';
import { GOOGLE_PUSH_PATH, MICROSOFT_PUSH_PATH } from '@portal/shared/calendar-inputs';
import { scheduleIdsOf } from '@portal/shared/schedule-ids';
import { repoRoot } from '../paths';
import { freePort } from '../stack/free-port';
import type { MicrosoftStandInPlace } from '../stack/microsoft-graph/stand-in-app';
import { startProcess, type ProcessExit, type RunningProcess } from '../stack/start-process';
import { waitForHttp } from '../stack/wait-for';
import { DEV_ZOOM_APP } from '@portal/shared/meeting-rooms';

export type PortalService = 'workflows' | 'notifications' | 'booking';

/** Where one portal under test keeps its data and work: the run's servers, its own database and task queues. */
export interface PortalPlace {
  /** MongoDB URL naming this portal's own database. */
  mongoUrl: string;
  temporalAddress: string;
  sinkUrl: string;
  workflowBundlePath: string;
  /** The run's Daily stand-in, and an API key of this portal's own there (its rooms, its record of calls, its outages). */
  dailyApiUrl: string;
  dailyApiKey: string;
  /** The run's Zoom stand-in (its origin), and a Zoom account of this portal's own there. */
  zoom: { origin: string; accountId: string };
  /** The run's Google Calendar stand-in and the organisation's service account there. */
  google: { apiUrl: string; tokenUrl: string; serviceAccountKey: string };
  /** The run's Microsoft Graph stand-in and the organisation's app registration there. */
  microsoft: MicrosoftStandInPlace;
  /** Its task queues, which no other portal polls. */
  lifecycleTaskQueue: string;
  notificationsTaskQueue: string;
}

export interface PortalProcesses {
  bookingUrl: string;
  /** The notifications service (its Twilio webhooks). */
  notificationsUrl: string;
  /** Stops one service with SIGKILL (for crash tests) and returns a function that starts it again. */
  kill(name: PortalService): Promise<() => Promise<void>>;
  stop(): Promise<void>;
}

const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');

/** The setting each service listens on. */
const PORT_SETTING: Record<PortalService, string> = { booking: 'BOOKING_PORT', workflows: 'WORKFLOWS_PORT', notifications: 'NOTIFICATIONS_PORT' };

/** Where a run's bundle of one service lives (service-bundles.ts): beside its sources, so `createRequire(import.meta.url)` finds the service's own packages. */
export function serviceBundlePath(service: PortalService, tag: string): string {
  return join(repoRoot, 'services', service, 'dist', `portal-test-${tag}.mjs`);
}

/**
 * The service's bundle built for this run when the global setup built them (it names their tag in
 * PORTAL_TEST_SERVICE_BUNDLES), else its sources through tsx: the same code, loaded in a third of the time.
 */
function serviceCommand(name: PortalService): { command: string; args: string[] } {
  const tag = process.env.PORTAL_TEST_SERVICE_BUNDLES;
  return tag ? { command: process.execPath, args: [...cpuProfile(), serviceBundlePath(name, tag)] } : { command: tsx, args: ['src/main.ts'] };
}

/** With PORTAL_TEST_CPU_PROFILE_DIR set, each service writes a V8 CPU profile of its life there (node --cpu-prof). */
function cpuProfile(): string[] {
  const dir = process.env.PORTAL_TEST_CPU_PROFILE_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

/** The environment every portal under test gets, before its file's own settings. */
function testEnv(place: PortalPlace): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.PORTAL_TEST_LOG_LEVEL ?? 'warn',
    MONGO_URL: place.mongoUrl,
    TEMPORAL_ADDRESS: place.temporalAddress,
    LIFECYCLE_TASK_QUEUE: place.lifecycleTaskQueue,
    NOTIFICATIONS_TASK_QUEUE: place.notificationsTaskQueue,
    POSTMARK_API_URL: place.sinkUrl,
    TWILIO_API_BASE_URL: place.sinkUrl,
    // Never Daily itself: the run's stand-in, under a key of this portal's own.
    DAILY_API_BASE_URL: place.dailyApiUrl,
    DAILY_API_KEY: place.dailyApiKey,
    // Never Zoom itself: the run's stand-in, as a Zoom account of this portal's own.
    ZOOM_API_BASE_URL: `${place.zoom.origin}/v2`,
    ZOOM_OAUTH_URL: `${place.zoom.origin}/oauth/token`,
    ZOOM_ACCOUNT_ID: place.zoom.accountId,
    ZOOM_CLIENT_ID: DEV_ZOOM_APP.clientId,
    ZOOM_CLIENT_SECRET: DEV_ZOOM_APP.clientSecret,
    // Never Google itself: the run's stand-in, where the organisation's service account is delegated for example.test.
    GOOGLE_CALENDAR_API_URL: place.google.apiUrl,
    GOOGLE_OAUTH_TOKEN_URL: place.google.tokenUrl,
    GOOGLE_SERVICE_ACCOUNT_KEY: place.google.serviceAccountKey,
    // Never Microsoft itself: the run's Graph stand-in, where the organisation's app is consented for example.test.
    MICROSOFT_GRAPH_URL: place.microsoft.url,
    MICROSOFT_LOGIN_URL: place.microsoft.url,
    MICROSOFT_TENANT_ID: place.microsoft.tenantId,
    MICROSOFT_CLIENT_ID: place.microsoft.clientId,
    MICROSOFT_CLIENT_SECRET: place.microsoft.clientSecret,
    // Meet and Teams rooms on the hiring team's calendar at the stand-ins (docs/adr/0075).
    GOOGLE_MEET_ORGANIZER: 'interviews@example.test',
    MICROSOFT_TEAMS_ORGANIZER: 'interviews@example.test',
    PUBLIC_WEB_URL: 'http://localhost:5173',
    RATE_LIMIT_PER_MINUTE: '100000',
    // Built once for the run (global setup): a start does not run webpack again.
    WORKFLOW_BUNDLE_PATH: place.workflowBundlePath,
  };
}

/**
 * The three portal services as real processes on free ports, in `place`, with `overrides` on top
 * of the test environment. Used by each file's own portal and by the run's shared ones.
 */
export async function startPortalProcesses(
  place: PortalPlace,
  overrides: Record<string, string> = {},
  {
    onUnexpectedExit,
    deleteSchedules = deleteSchedulesHere,
    portFor = freePort,
  }: {
    onUnexpectedExit?: (report: string) => void;
    /** Where each service is asked to listen (a test hands out a taken port to show the service moves on). */
    portFor?: () => Promise<number>;
    /** How the portal's Schedules go at its stop: by a Temporal client of this process unless given (a test file asks the run's main process, per-file.ts). */
    deleteSchedules?: (temporalAddress: string, taskQueue: string) => Promise<void>;
  } = {},
): Promise<PortalProcesses> {
  const [booking, workflows, notifications] = await Promise.all([portFor(), portFor(), portFor()]);
  // Each service is given its own port as it is launched (PORT_SETTING): the one it ends up on.
  const ports: Record<PortalService, number> = { booking, workflows, notifications };
  // An override of '' unsets the variable: a portal without one the test environment sets (the organisation's Microsoft 365 connection).
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries({ ...testEnv(place), ...overrides }).filter(([name]) => overrides[name] !== ''));
  const running = new Map<PortalService, RunningProcess>();
  // Services stopped on purpose (a crash test's kill, the portal's stop): their exit is expected.
  const stopping = new Set<PortalService>();
  // Quiet, but for the faults answered with an error id (an internal error, a 500): those reach the
  // test's stderr with their stack, so a run that met one says what it was.
  const quiet = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      for (const line of chunk.toString().split('\n')) if (line.includes('"errorId"')) process.stderr.write(`${line}\n`);
      done();
    },
  });

  // Google's push messages and Graph's change notifications go to this portal's booking service, wherever it listens now.
  const pushAddress = (name: PortalService): Record<string, string> =>
    name !== 'workflows'
      ? {}
      : {
          ...(env.GOOGLE_PUSH_URL === undefined ? { GOOGLE_PUSH_URL: `http://127.0.0.1:${ports.booking}${GOOGLE_PUSH_PATH}` } : {}),
          ...(env.MICROSOFT_PUSH_URL === undefined ? { MICROSOFT_PUSH_URL: `http://127.0.0.1:${ports.booking}${MICROSOFT_PUSH_PATH}` } : {}),
        };

  async function launch(name: PortalService, attempt = 1): Promise<void> {
    const proc = startProcess({
      name,
      ...serviceCommand(name),
      cwd: join(repoRoot, 'services', name),
      env: { ...env, [PORT_SETTING[name]]: String(ports[name]), ...pushAddress(name) },
      output: process.env.PORTAL_TEST_LOG_LEVEL ? process.stdout : quiet,
    });
    running.set(name, proc);
    try {
      // A start takes seconds on a quiet machine; three files starting portals at once on a busy
      // one have been seen to need more than a minute for one service. A service that exits fails the wait at once.
      await waitForHttp(`http://127.0.0.1:${ports[name]}/readyz`, { timeoutMs: 120_000, process: proc });
    } catch (error) {
      // Its port was taken between freePort's answer and its listen (by a socket of another
      // process): it starts again on another.
      if (proc.hasExited() && attempt < 3 && proc.recentOutput().includes('EADDRINUSE')) {
        ports[name] = await portFor();
        return launch(name, attempt + 1);
      }
      throw new Error(`${name} did not become ready: ${String(error)}\n${proc.recentOutput()}`);
    }
    if (onUnexpectedExit) void proc.exited.then((exit) => restartAfter(name, proc, exit));
  }

  /**
   * A service that exits on its own is reported with its last output and started again, as its
   * supervisor would in production: the files that share the portal go on, and the run says why.
   */
  function restartAfter(name: PortalService, proc: RunningProcess, exit: ProcessExit): void {
    if (stopping.has(name) || running.get(name) !== proc || !onUnexpectedExit) return;
    onUnexpectedExit(`${name} exited on its own (code ${exit.code}, signal ${exit.signal}); starting it again. Its last output:\n${proc.recentOutput()}`);
    launch(name).catch((error: unknown) => {
      // Stopped while it was starting again: that exit was asked for.
      if (!stopping.has(name)) onUnexpectedExit(`${name} did not start again: ${String(error)}`);
    });
  }

  const stop = async () => {
    for (const name of running.keys()) stopping.add(name);
    await Promise.all([...running.values()].map((proc) => proc.stop(5_000)));
    await deleteSchedules(place.temporalAddress, place.lifecycleTaskQueue);
  };
  try {
    await Promise.all([launch('workflows'), launch('notifications'), launch('booking')]);
  } catch (error) {
    // The caller has no portal to stop: the services that did start are stopped here.
    await stop();
    throw error;
  }
  return {
    bookingUrl: `http://127.0.0.1:${ports.booking}`,
    notificationsUrl: `http://127.0.0.1:${ports.notifications}`,
    async kill(name) {
      stopping.add(name);
      await running.get(name)?.stop(0);
      return () => {
        stopping.delete(name);
        return launch(name);
      };
    },
    stop,
  };
}

/**
 * A stopped portal's Schedules (list fold, calendar sync, retention) would go on waking the run's
 * Temporal server for the rest of the run, each interval a scheduler task that finds its last run
 * still waiting for a worker that is gone: 120 such Schedules every 30 s cost the dev server 8.4 s
 * of CPU a minute where an idle one takes 0.25 s (docs/adr/0063). They go with the portal. A
 * delete that fails leaves a line in the run's output, not a failed file.
 */
export async function deleteSchedulesHere(temporalAddress: string, taskQueue: string): Promise<void> {
  try {
    // Loaded here, at a stop: a test file's worker that never asks for it does not load the client (ADR 0064).
    const { Client, Connection, ScheduleNotFoundError } = await import('@temporalio/client');
    const connection = await Connection.connect({ address: temporalAddress });
    try {
      const client = new Client({ connection });
      await Promise.all(
        scheduleIdsOf(taskQueue).map((id) =>
          client.schedule
            .getHandle(id)
            .delete()
            .catch((error: unknown) => {
              if (!(error instanceof ScheduleNotFoundError)) throw error;
            }),
        ),
      );
    } finally {
      await connection.close();
    }
  } catch (error) {
    console.warn(`[test-infra] the Schedules of ${taskQueue} were not deleted: ${String(error)}`);
  }
}

