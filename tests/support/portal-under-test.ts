import { join } from 'node:path';
import { Writable } from 'node:stream';
import { freePort } from '@portal/devstack/free-port';
import { startProcess, type RunningProcess } from '@portal/devstack/start-process';
import { waitForHttp } from '@portal/devstack/wait-for';
import { repoRoot } from '@portal/devstack/paths';
import { testDatabaseUrl, testSinkUrl, testTaskQueue, testTemporalAddress, testWorkflowBundlePath } from '@portal/devstack/testing';
import { createApiClient } from './api-client';

export interface PortalUnderTest {
  bookingUrl: string;
  sinkUrl: string;
  /** The notifications service (its Postmark and Twilio webhooks). */
  notificationsUrl: string;
  mongoUrl: string;
  api: ReturnType<typeof createApiClient>;
  /** Stops one service with SIGKILL (for crash tests) and returns a function that starts it again. */
  kill(name: 'workflows' | 'notifications' | 'booking'): Promise<() => Promise<void>>;
  stop(): Promise<void>;
}

/** Durations in seconds so a whole lifecycle fits in a test. Override per file. */
export const FAST_LIFECYCLE: Record<string, string> = {
  INVITATION_EXPIRY_MINUTES: String(10 / 60),
  CHANGE_CUTOFF_MINUTES: '0',
  JOIN_OPENS_BEFORE_MINUTES: String(5 / 60),
  GRACE_AFTER_END_MINUTES: '0',
  RETAKE_COOLDOWN_MINUTES: '0',
  MIN_NOTICE_MINUTES: '0',
  SLOT_STEP_MINUTES: '5',
};

/** FAST_LIFECYCLE with interviews a minute long and a slot every minute: a whole interview in a test. */
export const MINUTE_INTERVIEWS: Record<string, string> = {
  ...FAST_LIFECYCLE,
  SLOT_STEP_MINUTES: '1',
  INTERVIEW_DURATION_MINUTES: '1',
};

/**
 * Whole interviews in seconds (docs/testing.md): a slot every 5 s, interviews 20 s long, so a test
 * that needs an interview to start and end waits under a minute, not for the next minute boundary
 * and a minute more. The horizon is one day: a 5-second grid over the default 21 days would list
 * 360,000 starts per interviewer. A claim still holds whole 5-minute cells, so one interviewer's
 * next booking lands 5 minutes on unless the pool has a second interviewer (as reminders.test.ts).
 */
export const SECOND_INTERVIEWS: Record<string, string> = {
  ...FAST_LIFECYCLE,
  SLOT_STEP_MINUTES: String(5 / 60),
  INTERVIEW_DURATION_MINUTES: String(20 / 60),
  HORIZON_DAYS: '1',
};

const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');

/**
 * The three portal services as real processes, on free ports, with a database and task queues
 * of this test file's own, talking to the test run's FerretDB, Temporal dev server and sink.
 */
export async function startPortal(file: string, overrides: Record<string, string> = {}): Promise<PortalUnderTest> {
  const [bookingPort, workflowsPort, notificationsPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const sinkUrl = testSinkUrl();
  const mongoUrl = testDatabaseUrl(file);
  const bookingUrl = `http://127.0.0.1:${bookingPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.PORTAL_TEST_LOG_LEVEL ?? 'warn',
    MONGO_URL: mongoUrl,
    TEMPORAL_ADDRESS: testTemporalAddress(),
    LIFECYCLE_TASK_QUEUE: testTaskQueue(`${file}-lifecycle`),
    NOTIFICATIONS_TASK_QUEUE: testTaskQueue(`${file}-notifications`),
    POSTMARK_API_URL: sinkUrl,
    TWILIO_API_BASE_URL: sinkUrl,
    PUBLIC_WEB_URL: 'http://localhost:5173',
    BOOKING_PORT: String(bookingPort),
    WORKFLOWS_PORT: String(workflowsPort),
    NOTIFICATIONS_PORT: String(notificationsPort),
    RATE_LIMIT_PER_MINUTE: '100000',
    // Built once for the run (global setup): a start does not run webpack again.
    WORKFLOW_BUNDLE_PATH: testWorkflowBundlePath(),
    ...overrides,
  };
  const ports = { workflows: workflowsPort, notifications: notificationsPort, booking: bookingPort };
  const running = new Map<keyof typeof ports, RunningProcess>();
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });

  async function launch(name: keyof typeof ports): Promise<void> {
    const proc = startProcess({
      name,
      command: tsx,
      args: ['src/main.ts'],
      cwd: join(repoRoot, 'services', name),
      env,
      output: process.env.PORTAL_TEST_LOG_LEVEL ? process.stdout : quiet,
    });
    running.set(name, proc);
    try {
      // A start takes seconds on a quiet machine; three files starting portals at once on a busy
      // one have been seen to need more than a minute for one service.
      await waitForHttp(`http://127.0.0.1:${ports[name]}/readyz`, { timeoutMs: 120_000 });
    } catch (error) {
      throw new Error(`${name} did not become ready: ${String(error)}\n${proc.recentOutput()}`);
    }
  }

  try {
    await Promise.all([launch('workflows'), launch('notifications'), launch('booking')]);
  } catch (error) {
    // The file's afterAll has no portal to stop: the services that did start are stopped here.
    await Promise.all([...running.values()].map((proc) => proc.stop(5_000)));
    throw error;
  }
  return {
    bookingUrl,
    sinkUrl,
    notificationsUrl: `http://127.0.0.1:${notificationsPort}`,
    mongoUrl,
    api: createApiClient(bookingUrl),
    async kill(name) {
      await running.get(name)?.stop(0);
      return () => launch(name);
    },
    async stop() {
      await Promise.all([...running.values()].map((proc) => proc.stop(5_000)));
    },
  };
}
