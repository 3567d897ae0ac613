import { testSharedPortal, testSharedWebPortal } from '@portal/devstack/testing';
import { createApiClient } from './api-client';
import { closeCandidateKeys, readCandidateKeysFrom } from './candidate-keys';
import { FAST_LIFECYCLE, MINUTE_INTERVIEWS, SECOND_INTERVIEWS, type PortalUnderTest } from './portal-under-test';

/**
 * The settings of the run's common shared portal: lifecycle durations in seconds, an hour for a
 * candidate to book (a file can invite everyone first and book afterwards), and HR told after 15 s
 * when nothing fits a candidate's windows (two working days by default).
 */
export const SHARED_SETTINGS: Record<string, string> = { ...FAST_LIFECYCLE, INVITATION_EXPIRY_MINUTES: '60', AVAILABILITY_HR_MINUTES: '0.25' };

/** Minute-long interviews and an hour to book: the files that book many interviews ahead in one pool. */
export const SHARED_MINUTE_SETTINGS: Record<string, string> = { ...MINUTE_INTERVIEWS, INVITATION_EXPIRY_MINUTES: '60' };

/**
 * Interviews in seconds with the follow-ups after an end in seconds too: the interviewers' nudge
 * 15 s after it, HR told feedback is late at 25 s, HR's decision due at 30 s. Only a completed
 * interview has them, so a file whose interviews end otherwise (cancelled, no-show) can take it.
 */
export const SHARED_SECOND_SETTINGS: Record<string, string> = {
  ...SECOND_INTERVIEWS,
  FEEDBACK_NUDGE_MINUTES: String(15 / 60),
  FEEDBACK_HR_NUDGE_MINUTES: String(25 / 60),
  DECISION_NUDGE_MINUTES: String(30 / 60),
};

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
  return portalAt(await testSharedPortal(settings));
}

/**
 * A shared portal with the built web app in front of it (`webUrl`), for browser files: its emailed
 * links name that app. The same rules as sharedPortal's hold, and pages that list what everyone
 * holds (HR's lists, counts) show the other files' data too: a file on it reads its own rows only.
 */
export async function sharedWebPortal(settings: Record<string, string> = {}): Promise<PortalUnderTest & { webUrl: string }> {
  const address = await testSharedWebPortal(settings);
  return { ...portalAt(address), webUrl: address.webUrl };
}

function portalAt({ bookingUrl, notificationsUrl, sinkUrl, mongoUrl }: { bookingUrl: string; notificationsUrl: string; sinkUrl: string; mongoUrl: string }): PortalUnderTest {
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
