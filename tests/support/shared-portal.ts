import { testSharedPortal } from '@portal/devstack/testing';
import { createApiClient } from './api-client';
import { FAST_LIFECYCLE, type PortalUnderTest } from './portal-under-test';

/** The Temporal Web UI origin of the shared portal. */
export const SHARED_TEMPORAL_UI_URL = 'http://127.0.0.1:18233';

/**
 * The settings of the run's common shared portal: lifecycle durations in seconds, an hour for a
 * candidate to book (a file can invite everyone first and book afterwards), and a Temporal Web UI
 * origin the codec endpoint answers (codec-endpoint.test.ts; no other file calls the codec).
 */
export const SHARED_SETTINGS: Record<string, string> = {
  ...FAST_LIFECYCLE,
  INVITATION_EXPIRY_MINUTES: '60',
  TEMPORAL_UI_URL: SHARED_TEMPORAL_UI_URL,
};

/**
 * A portal started once per run and shared by every file that asks for the same settings
 * (docs/testing.md, "One portal for many files"), instead of three processes of the file's own.
 * Its database, sink and task queues are common to those files, so a file using it works only
 * with what it created: its own interviewers (a name of its own), candidates (emails of its own)
 * and interviews, never a count or a list of the whole database, never HR users or settings that
 * the others would meet. It cannot be killed (crash tests start their own) and `stop` leaves it
 * running for the others: the run stops it at its end.
 */
export async function sharedPortal(settings: Record<string, string> = SHARED_SETTINGS): Promise<PortalUnderTest> {
  const { bookingUrl, sinkUrl, mongoUrl } = await testSharedPortal(settings);
  return {
    bookingUrl,
    sinkUrl,
    mongoUrl,
    api: createApiClient(bookingUrl),
    kill() {
      throw new Error('a shared portal cannot be killed: a crash test starts a portal of its own (startPortal)');
    },
    async stop() {},
  };
}
