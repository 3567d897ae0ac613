import type { HoldOffer, WaitlistState } from '@portal/shared/waitlist';

/** A loop's waitlist as its workflow decided it (docs/adr/0077), written to the loop and the waitlist's entry. */
export interface LoopWaitlistRecord {
  loopId: string;
  waitlist: WaitlistState | null;
  /** The hold once offered (announced), or none. */
  hold: HoldOffer | null;
  /** On joining: what the coordinator needs to search for the loop's candidate. */
  entry?: { interviewerIds: string[]; slotStart: string; before: string | null; holdMs: number; sessions: { interviewId: string; rules: Record<string, number> }[] };
}

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
  /** A loop's waitlist and hold, on the loop's document and in the waitlist's entry (docs/adr/0077). */
  recordLoopWaitlist(record: LoopWaitlistRecord): Promise<void>;
}
