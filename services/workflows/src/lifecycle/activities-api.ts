import type { LifecycleInput } from '@portal/shared/lifecycle';
import type { ClaimActivities } from '../claims/activities-api';
import type { ChangeActivities } from '../changes/activities-api';

export interface IssuedToken {
  link: string;
  jti: string;
  expiresAt: string;
}

/**
 * The lifecycle's own activities as its workflow code sees them (types only): its booking steps'
 * claims and writes, its link, its feedback and its retake. Its parts declare theirs beside them
 * (calendars, meeting rooms, panel repair, webhooks).
 */
export interface LifecycleActivities extends Pick<ClaimActivities, 'claimSlot' | 'releaseSlot'>, ChangeActivities {
  issueCandidateToken(input: { interviewId: string; attempt: number; expiresAt: string }): Promise<IssuedToken>;
  issueFeedbackLinks(input: { interviewId: string; interviewerIds: string[]; expiresAt: string }): Promise<{ interviewerId: string; link: string }[]>;
  pendingFeedback(input: { interviewId: string; interviewerIds: string[] }): Promise<string[]>;
  createRetakeInterview(input: { fromInterviewId: string; newInterviewId: string; actor: string }): Promise<
    Omit<LifecycleInput, 'timings' | 'notificationsTaskQueue'>
  >;
}
