import { keyedTurns } from '@portal/shared/keyed-turns';

/**
 * One attempt of a claim at a time in this worker. A claim runs as a local activity with a
 * start-to-close timeout; an attempt that outlives it keeps running (nothing cancels its writes)
 * while its retry starts beside it under the same claim id. The two then choose on their own:
 * the retry does not count the attempt's seat (it is its own claim id) nor see its day claims
 * (not written yet), and under load, when the bookings of a burst finish between the two reads,
 * it may seat another member. The claim then holds both, the workflow keeps the retry's answer,
 * and the other member's day claim counts a booking that never was: every later claim of the
 * week passes that member over once, and a burst of thirty ends 11/10/9 (docs/adr/0044).
 *
 * So a retry waits until the attempt before it is done, then claims as before: the attempt's day
 * claims are written by then, so the retry reads them as its own and seats the same panel (the
 * cells and seats it meets are its own keys). It does not take over the attempt's answer: a
 * loop's attempt may still give back what one of its sessions held. Across workers (a worker lost
 * mid-claim) nothing runs beside the retry any more.
 */
export function createClaimAttempts<T>(): (claimId: string, claim: () => Promise<T>) => Promise<T> {
  return keyedTurns();
}
