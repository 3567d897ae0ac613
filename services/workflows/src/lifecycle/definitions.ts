import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import {
  FEEDBACK_SUBMITTED_SIGNAL,
  LIFECYCLE_LINK_QUERY,
  LIFECYCLE_STATE_QUERY,
  LIFECYCLE_UPDATES,
  LOOP_REBOOK_SIGNAL,
  PANEL_NOTICE_SIGNAL,
  type AttendanceRequest,
  type CancelRequest,
  type EraseRequest,
  type FeedbackSubmitted,
  type LifecycleState,
  type LoopRebookNotice,
  type OutcomeRequest,
  type PanelNotice,
  type RetakeRequest,
  type SlotRequest,
} from '@portal/shared/lifecycle';

export type * from '@portal/shared/lifecycle';

export const stateQuery = defineQuery<LifecycleState>(LIFECYCLE_STATE_QUERY);
export const candidateLinkQuery = defineQuery<string | null>(LIFECYCLE_LINK_QUERY);
export const bookUpdate = defineUpdate<LifecycleState, [SlotRequest]>(LIFECYCLE_UPDATES.book);
export const rescheduleUpdate = defineUpdate<LifecycleState, [SlotRequest]>(LIFECYCLE_UPDATES.reschedule);
export const cancelUpdate = defineUpdate<LifecycleState, [CancelRequest]>(LIFECYCLE_UPDATES.cancel);
export const joinUpdate = defineUpdate<{ meetingUrl: string | null }, []>(LIFECYCLE_UPDATES.join);
export const setOutcomeUpdate = defineUpdate<LifecycleState, [OutcomeRequest]>(LIFECYCLE_UPDATES.setOutcome);
export const approveRetakeUpdate = defineUpdate<{ newInterviewId: string }, [RetakeRequest]>(LIFECYCLE_UPDATES.approveRetake);
export const resendInvitationUpdate = defineUpdate<LifecycleState, [{ actor: string }]>(LIFECYCLE_UPDATES.resendInvitation);
export const markAttendanceUpdate = defineUpdate<LifecycleState, [AttendanceRequest]>(LIFECYCLE_UPDATES.markAttendance);
export const feedbackSubmittedSignal = defineSignal<[FeedbackSubmitted]>(FEEDBACK_SUBMITTED_SIGNAL);
export const eraseUpdate = defineUpdate<LifecycleState, [EraseRequest]>(LIFECYCLE_UPDATES.erase);
export const panelNoticeSignal = defineSignal<[PanelNotice]>(PANEL_NOTICE_SIGNAL);
export const loopRebookSignal = defineSignal<[LoopRebookNotice]>(LOOP_REBOOK_SIGNAL);
