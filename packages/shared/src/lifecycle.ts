import type { InterviewKind } from './interview-kinds';
import type { FinalOutcome, InterviewStatus, Outcome } from './status';
import { interviewWorkflowId } from './search-attributes';

/** The lifecycle workflow's contract: its name, input, state, and the updates callers send. */
export const LIFECYCLE_WORKFLOW_TYPE = 'interviewLifecycle';
export const LIFECYCLE_UPDATES = {
  book: 'book',
  reschedule: 'reschedule',
  cancel: 'cancel',
  join: 'join',
  setOutcome: 'setOutcome',
  approveRetake: 'approveRetake',
} as const;
export const LIFECYCLE_STATE_QUERY = 'state';

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
  /** Where the notifications worker listens; its default is NOTIFICATIONS_TASK_QUEUE. */
  notificationsTaskQueue: string;
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
  invitationExpiresAt: string | null;
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


/** The line ops see beside each lifecycle in the Temporal UI. */
export function lifecycleSummary(input: Pick<LifecycleInput, 'kindLabel' | 'candidateName' | 'attempt' | 'previousInterviewId'>) {
  const retake = input.previousInterviewId ? ` (retake of ${interviewWorkflowId(input.previousInterviewId)})` : '';
  return `${input.kindLabel} — ${input.candidateName} — attempt ${input.attempt}${retake}`;
}
