import { startPortalProcesses } from '@portal/devstack/portal-processes';
import { testDailyApiKey, testDailyApiUrl, testZoomAccountId, testZoomStandIn, testDatabaseUrl, testDeleteSchedules, testGoogleCalendar, testMicrosoftGraph, testSinkUrl, testTaskQueue, testTemporalAddress, testWorkflowBundlePath } from '@portal/devstack/testing';
import { createApiClient } from './api-client';
import { closeCandidateKeys, readCandidateKeysFrom } from './candidate-keys';

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

/**
 * The three portal services as real processes, on free ports, with a database and task queues
 * of this test file's own, talking to the test run's FerretDB, Temporal dev server and sink.
 * A file that needs no settings of its own, no crash and no database to itself can use the run's
 * shared portal instead (`sharedPortal`, ./shared-portal.ts).
 */
export async function startPortal(file: string, overrides: Record<string, string> = {}): Promise<PortalUnderTest> {
  const sinkUrl = testSinkUrl();
  const mongoUrl = testDatabaseUrl(file);
  readCandidateKeysFrom(mongoUrl);
  const processes = await startPortalProcesses(
    {
      mongoUrl,
      temporalAddress: testTemporalAddress(),
      sinkUrl,
      workflowBundlePath: testWorkflowBundlePath(),
      dailyApiUrl: testDailyApiUrl(),
      dailyApiKey: testDailyApiKey(file),
      zoom: { origin: testZoomStandIn(), accountId: testZoomAccountId(file) },
      google: testGoogleCalendar(),
      microsoft: testMicrosoftGraph(),
      lifecycleTaskQueue: testTaskQueue(`${file}-lifecycle`),
      notificationsTaskQueue: testTaskQueue(`${file}-notifications`),
    },
    overrides,
    { deleteSchedules: testDeleteSchedules },
  );
  return {
    ...processes,
    sinkUrl,
    mongoUrl,
    api: createApiClient(processes.bookingUrl),
    async stop() {
      await closeCandidateKeys();
      await processes.stop();
    },
  };
}
