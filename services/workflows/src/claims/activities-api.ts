import type { LifecycleTimings, PanelMember, SlotState } from '@portal/shared/lifecycle';
import type { ClaimRefusalReason } from '@portal/shared/slots';

export interface ClaimRequest {
  interviewId: string;
  start: string;
  rules: LifecycleTimings['slotRules'];
  /** The interview's fixed facts from the lifecycle's input; without them (older lifecycles) the claim reads the document. */
  interview?: ClaimedInterview;
  /** Whom the claim asks last: who met this candidate before (absent in older lifecycles' claims). */
  candidateEmail?: string;
}

/** What a claim needs of its interview, none of which changes after the invite. */
export interface ClaimedInterview {
  interviewerIds: string[];
  durationMinutes: number;
  panelSize: number;
}

/** One booked member's place, to be taken by another member of the pool at the same time (docs/adr/0032). */
export interface ReplacementRequest {
  interviewId: string;
  claimId: string;
  start: string;
  end: string;
  leaving: string;
  /** Everyone on the panel now, the leaving member too: none of them is asked. */
  panel: string[];
  interview: ClaimedInterview;
  rules: LifecycleTimings['slotRules'];
  candidateEmail?: string;
}

/**
 * A loop session's claim: held, or refused with the claim's code (SLOT_TAKEN, SLOT_UNAVAILABLE, …)
 * and why (`ClaimRefusalReason`), or left unclaimed after an earlier session's refusal in the loops'
 * one order of claims (claims/activities/loop-claim-order.ts).
 */
export type LoopClaimOutcome =
  | { interviewId: string; slot: SlotState }
  | { interviewId: string; refused: { code: string; message: string; reason?: ClaimRefusalReason } }
  | { interviewId: string; unclaimed: true };

/** Slot claims, the one rule of who gets a time (docs/adr/0016): the lifecycle's booking steps, the loop and panel repair ask them. */
export interface ClaimActivities {
  claimSlot(input: ClaimRequest): Promise<SlotState>;
  /** Every session of a loop claimed at once, their reads made once (docs/adr/0042). */
  claimLoopSlots(input: ClaimRequest[]): Promise<LoopClaimOutcome[]>;
  releaseSlot(input: { interviewId: string; claimId: string }): Promise<void>;
  replacePanelMember(request: ReplacementRequest): Promise<PanelMember | null>;
}
