import { testSharedPortal } from '@portal/devstack/testing';
import { createApiClient } from './api-client';
import { closeCandidateKeys, readCandidateKeysFrom } from './temporal-client';
import { FAST_LIFECYCLE, type PortalUnderTest } from './portal-under-test';

/**
 * The settings of the run's common shared portal: lifecycle durations in seconds, and an hour for
 * a candidate to book (a file can invite everyone first and book afterwards).
 */
export const SHARED_SETTINGS: Record<string, string> = { ...FAST_LIFECYCLE, INVITATION_EXPIRY_MINUTES: '60' };

/**
 * A portal started once per run and shared by every file that asks for the same settings
 * (docs/testing.md, "One portal for many files"), instead of three processes of the file's own.
 * Its database, sink and task queues are common to those files, so a file using it works only
 * with what it created: its own interviewers (a name of its own), candidates (emails of its own)
 * and interviews, never a count or a list of the whole database, never HR users or settings that
 * the others would meet. It cannot be killed (crash tests start their own) and `stop` leaves it
 * running for the others (closing only this file's reader of candidate keys): the run stops it at its end.
 */
export async function sharedPortal(settings: Record<string, string> = SHARED_SETTINGS): Promise<PortalUnderTest> {
  const { bookingUrl, notificationsUrl, sinkUrl, mongoUrl } = await testSharedPortal(settings);
  readCandidateKeysFrom(mongoUrl);
  return {
    bookingUrl,
    notificationsUrl,
    sinkUrl,
    mongoUrl,
    api: createApiClient(bookingUrl),
    kill() {
      throw new Error('a shared portal cannot be killed: a crash test starts a portal of its own (startPortal)');
    },
    async stop() {
      await closeCandidateKeys();
    },
  };
}
