import * as wf from '@temporalio/workflow';
import { DOMAIN_ERROR_CODES } from '@portal/shared/errors';
import type { LoopInput } from '@portal/shared/loops';
import type { ClaimRequest } from '../claims/activities-api';
import type { LoopActivities } from './activities-api';

/** The loop's activities, for its booking and for its sessions' moves alike: a refusal is final, the rest retries. */
export const loopRetry: wf.RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: [...DOMAIN_ERROR_CODES] };
export const remote = wf.proxyActivities<LoopActivities>({ startToCloseTimeout: '2 minutes', retry: loopRetry });
// The claims are idempotent by their claim id, as a local activity needs (see booking-steps.ts).
export const local = wf.proxyLocalActivities<LoopActivities>({ startToCloseTimeout: '30 seconds', retry: loopRetry });

/** A session's claim of `start`, as its lifecycle would make it: its lifecycle books or moves on it (docs/adr/0039). */
export function sessionClaim(session: LoopInput['sessions'][number], start: string): ClaimRequest {
  return {
    interviewId: session.interviewId,
    start,
    rules: session.timings.slotRules,
    interview: { interviewerIds: session.interviewerIds ?? [], durationMinutes: session.durationMinutes ?? 0, panelSize: session.panelSize },
    candidateEmail: session.candidateEmail,
  };
}
