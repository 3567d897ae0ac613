import type { Database } from '@portal/db';
import { freeSlotsUnderRules } from '@portal/db/free-slots';
import { DomainError } from '@portal/shared/errors';
import type { SlotRules } from '@portal/shared/slots';
import { holdIdOf, type HoldOffer } from '@portal/shared/waitlist';
import type { ClaimActivities } from '../../claims/activities-api';
import { releaseClaim } from '../../claims/activities/claim-slot';
import type { WaitlistActivities } from '../activities-api';

/** Free starts tried per waiting candidate: a racer may take the first between the listing and the claim. */
const TRIES = 3;

export function createWaitlistActivities(deps: { db: Database; claims: Pick<ClaimActivities, 'claimSlot'> }): WaitlistActivities {
  const { db } = deps;

  async function holdFor(entry: Awaited<ReturnType<typeof readEntries>>[number], now: Date): Promise<HoldOffer | null> {
    const interview = await db.interviews.findById(entry._id).lean();
    if (interview === null || interview.status !== 'SCHEDULED' || interview.slot === null) return null;
    const rules = { ...(entry.rules as unknown as Omit<SlotRules, 'durationMinutes'>), durationMinutes: interview.durationMinutes };
    const [listed] = await freeSlotsUnderRules(db, [{ interview, rules }], now);
    const limit = Math.min(interview.slot.start.getTime(), entry.before?.getTime() ?? Infinity);
    const earlier = (listed?.slots ?? []).filter((slot) => slot.start.getTime() < limit).slice(0, TRIES);
    for (const free of earlier) {
      try {
        const slot = await deps.claims.claimSlot({
          interviewId: interview._id,
          start: free.start.toISOString(),
          rules,
          interview: { interviewerIds: interview.interviewerIds, durationMinutes: interview.durationMinutes, panelSize: interview.panelSize },
          candidateEmail: interview.candidateEmail,
        });
        const hold: HoldOffer = {
          id: holdIdOf(interview._id, slot.start),
          interviewId: interview._id,
          start: slot.start,
          end: slot.end,
          claimId: slot.claimId,
          expiresAt: new Date(now.getTime() + entry.holdMs).toISOString(),
        };
        await db.waitlistEntries.updateOne({ _id: entry._id }, { $set: { holdId: hold.id } });
        return hold;
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'SLOT_TAKEN')) throw error;
      }
    }
    return null;
  }

  const readEntries = () => db.waitlistEntries.find({}).lean();

  return {
    async offerHolds({ interviewerIds }) {
      const touched = new Set(interviewerIds);
      const waiting = (await readEntries())
        .filter((entry) => entry.holdId === null && entry.interviewerIds.some((id) => touched.has(id)))
        .sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || a._id.localeCompare(b._id));
      const offers: HoldOffer[] = [];
      const now = new Date();
      // One after another, first joined first: a time held for one is not free for the next.
      for (const entry of waiting) {
        const hold = await holdFor(entry, now);
        if (hold !== null) offers.push(hold);
      }
      return offers;
    },

    async releaseHold(hold) {
      await releaseClaim(db, hold.claimId);
      await db.waitlistEntries.updateOne({ _id: hold.interviewId, holdId: hold.id }, { $set: { holdId: null } });
    },
  };
}
