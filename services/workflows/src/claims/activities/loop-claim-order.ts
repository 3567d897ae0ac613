import type { SlotState } from '@portal/shared/lifecycle';
import { DomainError } from '@portal/shared/errors';
import { isClaimRefusalReason } from '@portal/shared/slots';
import type { LoopClaimOutcome } from '../activities-api';

/**
 * THE RULE: every loop claims its sessions in one global order, one session after another, and
 * stops at its first refusal. The order: earliest start first; at one start, the session whose pool
 * (its interviewer ids, sorted) sorts first; then its interview id. It depends on the sessions
 * alone, never on the loop, so two loops racing for one itinerary claim its sessions in the same
 * order and meet first on the same session: one holds it, the other is refused there before it
 * holds anything the first still needs, and exactly one of them books the itinerary. Claimed at
 * once, each could take a different session first and be refused the other's: both lost, and the
 * itinerary was free again a moment later (issue 47). A session's own claim keeps its own order
 * (its cells ascending, its members by the fair order; claim-slot.ts). Docs: docs/adr/0054.
 */
export interface OrderedClaim {
  interviewId: string;
  start: string;
  interview: { interviewerIds: readonly string[] };
}

const poolKey = (claim: OrderedClaim) => [...claim.interview.interviewerIds].sort().join(',');

const compare = (a: OrderedClaim, b: OrderedClaim) =>
  Date.parse(a.start) - Date.parse(b.start) || poolKey(a).localeCompare(poolKey(b)) || a.interviewId.localeCompare(b.interviewId);

/** The indices of `claims` in the global order. */
export function claimOrder(claims: readonly OrderedClaim[]): number[] {
  return claims.map((claim, i) => ({ claim, i })).sort((a, b) => compare(a.claim, b.claim)).map(({ i }) => i);
}

/**
 * The loop's claims one after another in the global order. A refusal (a DomainError) is answered for
 * its session and the sessions after it are left unclaimed (`unclaimed`), the ones held before it
 * kept for the loop to release; any other failure releases what this call held and fails it.
 */
export async function claimInOrder<C extends OrderedClaim>(
  claims: readonly C[],
  claim: (request: C) => Promise<SlotState>,
  release: (slot: SlotState) => Promise<void>,
): Promise<LoopClaimOutcome[]> {
  const outcomes: (LoopClaimOutcome | undefined)[] = claims.map(() => undefined);
  const held: SlotState[] = [];
  for (const i of claimOrder(claims)) {
    const request = claims[i];
    if (request === undefined) continue;
    const { interviewId } = request;
    if (outcomes.some((o) => o !== undefined && 'refused' in o)) {
      outcomes[i] = { interviewId, unclaimed: true };
      continue;
    }
    try {
      const slot = await claim(request);
      held.push(slot);
      outcomes[i] = { interviewId, slot };
    } catch (error) {
      if (!(error instanceof DomainError)) {
        await Promise.all(held.map(release));
        throw error;
      }
      const reason = error.details['reason'];
      outcomes[i] = { interviewId, refused: { code: error.code, message: error.message, ...(isClaimRefusalReason(reason) ? { reason } : {}) } };
    }
  }
  return outcomes.map((o, i) => o ?? { interviewId: claims[i]?.interviewId ?? '', unclaimed: true });
}
