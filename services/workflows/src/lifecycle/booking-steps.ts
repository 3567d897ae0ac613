import { proxyActivities, proxyLocalActivities, type ActivityOptions } from '@temporalio/workflow';
import type { SlotState } from '@portal/shared/lifecycle';
import type { ClaimRequest } from '../claims/activities-api';
import type { IssuedToken, LifecycleActivities } from './activities-api';
import type { PersistChangeInput, PersistedChange } from '../changes/activities-api';
import { isPatched } from '../patches/patches';

/**
 * Lifecycles started before this patch ran the booking path's database steps as ordinary
 * activities; their histories replay that way (docs/adr/0002-local-booking-steps.md).
 */
export const LOCAL_BOOKING_PATCH = 'local-booking-steps';
/** The same for the link issued as a lifecycle starts. */
export const LOCAL_LINK_PATCH = 'local-candidate-link';
/**
 * The same for every other persisted change (cancel, join, HR's records, the timers' own changes:
 * the window, expiry, follow-ups): before it they were ordinary activities, each a trip through
 * the server's task queues and one more workflow task.
 */
export const LOCAL_LIFECYCLE_PATCH = 'local-lifecycle-steps';

/** The database steps of a booking or a move, each with the summary the Web UI shows. */
export interface BookingSteps {
  claimSlot(summary: string, request: ClaimRequest): Promise<SlotState>;
  /** `undefined` from a history recorded before the change returned its time. */
  persistChange(summary: string, change: PersistChangeInput): Promise<PersistedChange | undefined>;
  releaseSlot(summary: string, input: { interviewId: string; claimId: string }): Promise<void>;
}

/**
 * The claim, the persisted change and the release run as local activities: in the workflow task
 * that took the update, without a trip through the server's task queues each. Their retry rules
 * allow it: each is idempotent under re-execution (the claim by its claim id, the change by its
 * version, the release by its claim id), which is what a local activity needs, since a worker
 * lost mid-task runs it again from the start.
 */
export function createBookingSteps(options: ActivityOptions) {
  const remote = proxyActivities<LifecycleActivities>(options);
  const local = proxyLocalActivities<LifecycleActivities>({ startToCloseTimeout: options.startToCloseTimeout, retry: options.retry });
  const at = (summary: string) => ({ ...options, summary });
  const localAt = (summary: string) => ({ startToCloseTimeout: options.startToCloseTimeout, retry: options.retry, summary });

  const remoteSteps: BookingSteps = {
    claimSlot: (summary, request) => remote.claimSlot.executeWithOptions(at(summary), [request]),
    persistChange: (summary, change) => remote.persistChange.executeWithOptions(at(summary), [change]),
    releaseSlot: (summary, input) => remote.releaseSlot.executeWithOptions(at(summary), [input]),
  };
  const localSteps: BookingSteps = {
    claimSlot: (summary, request) => local.claimSlot.executeWithOptions(localAt(summary), [request]),
    persistChange: (summary, change) => local.persistChange.executeWithOptions(localAt(summary), [change]),
    releaseSlot: (summary, input) => local.releaseSlot.executeWithOptions(localAt(summary), [input]),
  };

  return {
    /** Asked once per booking or move, so one change never mixes the two kinds. */
    forChange: (): BookingSteps => (isPatched(LOCAL_BOOKING_PATCH) ? localSteps : remoteSteps),
    /** Every other change; asked per step, which cannot mix kinds: once the patch is seen, it stays. */
    forLifecycle: (): BookingSteps => (isPatched(LOCAL_LIFECYCLE_PATCH) ? localSteps : remoteSteps),
    /**
     * The candidate's link, as the lifecycle starts. A local activity too: issuing again on a
     * re-run replaces the interview's jti before any email carries the earlier link.
     */
    issueCandidateToken(summary: string, input: { interviewId: string; attempt: number; expiresAt: string }): Promise<IssuedToken> {
      return isPatched(LOCAL_LINK_PATCH)
        ? local.issueCandidateToken.executeWithOptions(localAt(summary), [input])
        : remote.issueCandidateToken.executeWithOptions(at(summary), [input]);
    },
  };
}
