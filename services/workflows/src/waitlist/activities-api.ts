import type { HoldOffer } from '@portal/shared/waitlist';

/** The waitlist coordinator's activity contract (docs/adr/0072). */
export interface WaitlistActivities {
  /**
   * For the candidates waiting on any of these interviewers, first joined first: the earliest free
   * time before their booking (and their day limit), held for them by claiming it. Each hold is on
   * the waitlist's entry before this answers; a retry finds its own claim and the same hold.
   */
  offerHolds(request: { interviewerIds: string[] }): Promise<HoldOffer[]>;
  /** A hold nobody can take up (its lifecycle has gone): its claim released, its entry free again. */
  releaseHold(hold: HoldOffer): Promise<void>;
}
