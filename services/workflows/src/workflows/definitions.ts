import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { InterviewKind } from '@portal/shared/interview-kinds';
import type { FinalOutcome, InterviewStatus, Outcome } from '@portal/shared/status';

/** Durations are inputs so tests can run a whole lifecycle in seconds. */
export interface LifecycleTimings {
  invitationExpiryMs: number;
  reminderOffsetsMs: number[];
  changeCutoffMs: number;
  joinOpensBeforeMs: number;
  graceAfterEndMs: number;
  retakeCooldownMs: number;
  retakeWindowMs: number;
  maxAttempts: number;
  /** Step, minimum notice and horizon: the same rules booking lists slots with. */
  slotRules: { stepMinutes: number; minNoticeMinutes: number; horizonDays: number };
}

export interface LifecycleInput {
  interviewId: string;
  candidateName: string;
  candidateEmail: string;
  candidateTimezone: string;
  position: string;
  kind: InterviewKind;
  kindLabel: string;
  attempt: number;
  previousInterviewId: string | null;
  rescheduleLimit: number;
  hrEmail: string;
  meetingUrl: string;
  timings: LifecycleTimings;
}

export interface SlotState {
  start: string;
  end: string;
  interviewerId: string;
  interviewerTimezone: string;
  claimId: string;
}

export interface LifecycleState {
  interviewId: string;
  status: InterviewStatus;
  outcome: Outcome;
  attempt: number;
  slot: SlotState | null;
  rescheduleCount: number;
  rescheduleLimit: number;
  joinedAt: string | null;
  completedAt: string | null;
  cancelReason: string | null;
  tokenExpiresAt: string | null;
  link: string | null;
  remindersPlanned: number[];
  remindersSent: string[];
  nextTimer: { at: string; summary: string } | null;
  nextInterviewId: string | null;
  version: number;
}

export interface SlotRequest {
  start: string;
}
export interface CancelRequest {
  reason?: string;
  actor: string;
}
export interface OutcomeRequest {
  outcome: FinalOutcome;
  actor: string;
}
export interface RetakeRequest {
  newInterviewId: string;
  actor: string;
}

export const stateQuery = defineQuery<LifecycleState>('state');
export const bookUpdate = defineUpdate<LifecycleState, [SlotRequest]>('book');
export const rescheduleUpdate = defineUpdate<LifecycleState, [SlotRequest]>('reschedule');
export const cancelUpdate = defineUpdate<LifecycleState, [CancelRequest]>('cancel');
export const joinUpdate = defineUpdate<{ meetingUrl: string }, []>('join');
export const setOutcomeUpdate = defineUpdate<LifecycleState, [OutcomeRequest]>('setOutcome');
export const approveRetakeUpdate = defineUpdate<{ newInterviewId: string }, [RetakeRequest]>('approveRetake');
