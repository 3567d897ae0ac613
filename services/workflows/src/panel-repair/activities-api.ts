import type { ClaimActivities } from '../claims/activities-api';

/** A panel member's Accept and Decline links for one interview. */
export interface AnswerLinks {
  interviewerId: string;
  accept: string;
  decline: string;
}

/** What the lifecycle's panel repair asks of the task queue (types only): a member replaced, the panel's answer links. */
export interface PanelRepairActivities extends Pick<ClaimActivities, 'replacePanelMember'> {
  issueAnswerLinks(input: { interviewId: string; interviewerIds: string[]; expiresAt: string }): Promise<AnswerLinks[]>;
}
