import type { InterviewEvent, InterviewStatus, Outcome } from '@portal/shared/status';
import type { PanelAnswer, SlotState } from '@portal/shared/lifecycle';
import type { AvailabilityState } from '@portal/shared/availability';
import type { HoldOffer, WaitlistState } from '@portal/shared/waitlist';

/** What the lifecycle persists, in the shape the persisting activity writes. */
export interface ChangeSet {
  slot?: SlotState | null;
  rescheduleCount?: number;
  joinedAt?: string;
  completedAt?: string;
  outcome?: Outcome;
  cancelReason?: string | null;
  nextInterviewId?: string;
  candidateTimezone?: string;
  meetingUrl?: string;
  /** E.164; written to the document only (the notifications worker reads it there). */
  candidatePhone?: string;
  smsOptIn?: boolean;
  panelAnswers?: PanelAnswer[];
  /** The candidate's windows (docs/adr/0071); the document keeps what the candidate sent, the state also when to search. */
  availability?: AvailabilityState | null;
  /** Waiting for an earlier time, and the hold offered (docs/adr/0072). */
  waitlist?: WaitlistState | null;
  hold?: HoldOffer | null;
  /** With `waitlist`: what the coordinator needs to search for the candidate (the waitlist's entry only, not the state). */
  waitlistEntry?: { rules: Record<string, number>; holdMs: number; before: string | null };
}

export interface PersistChangeInput {
  interviewId: string;
  /** The version the workflow last persisted; the write applies only on top of it. */
  version: number;
  from: InterviewStatus;
  to: InterviewStatus;
  event: InterviewEvent | 'RECORD';
  actor: string;
  detail: string;
  set: ChangeSet;
}

/**
 * The wall-clock time the change was written. A local activity's result is recorded in the
 * history, so the lifecycle may read it as a deterministic clock: its own `Date.now()` stays at
 * the start of the workflow task, however long the task's local activities took.
 */
export interface PersistedChange {
  persistedAt: string;
}

/** The one write of an interview's change: the lifecycle, its panel repair and its rooms persist through it. */
export interface ChangeActivities {
  persistChange(input: PersistChangeInput): Promise<PersistedChange>;
}
