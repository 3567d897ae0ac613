import type { Database } from '@portal/db';
import type { InterviewDocument, WaitlistEntryDocument } from '@portal/db/documents';
import { freeSlotsUnderRules } from '@portal/db/free-slots';
import { DomainError } from '@portal/shared/errors';
import type { SlotRules } from '@portal/shared/slots';
import { holdIdOf, type HoldOffer } from '@portal/shared/waitlist';
import type { ClaimActivities } from '../../claims/activities-api';
import { releaseClaim } from '../../claims/activities/claim-slot';
import type { WaitlistActivities } from '../activities-api';

/** Free starts tried per waiting candidate: a racer may take the first between the listing and the claim. */
const TRIES = 3;

type Waiting = { entry: WaitlistEntryDocument; interview: InterviewDocument; rules: SlotRules };

export function createWaitlistActivities(deps: { db: Database; claims: Pick<ClaimActivities, 'claimSlot'> }): WaitlistActivities {
  const { db } = deps;

  /** The earliest of `free` before the candidate's booking (and their `before` day), claimed for them; null when none is left. */
  async function holdFor({ entry, interview, rules }: Waiting, free: readonly { start: Date }[], now: Date): Promise<HoldOffer | null> {
    const slot = interview.slot;
    if (slot === null) return null;
    const limit = Math.min(slot.start.getTime(), entry.before?.getTime() ?? Infinity);
    const earlier = free.filter((candidate) => candidate.start.getTime() < limit).slice(0, TRIES);
    for (const time of earlier) {
      try {
        const claimed = await deps.claims.claimSlot({
          interviewId: interview._id,
          start: time.start.toISOString(),
          rules,
          interview: { interviewerIds: interview.interviewerIds, durationMinutes: interview.durationMinutes, panelSize: interview.panelSize },
          candidateEmail: interview.candidateEmail,
        });
        const hold: HoldOffer = {
          id: holdIdOf(interview._id, claimed.start),
          interviewId: interview._id,
          start: claimed.start,
          end: claimed.end,
          claimId: claimed.claimId,
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

  return {
    async offerHolds({ interviewerIds }) {
      const touched = new Set(interviewerIds);
      const entries = (await db.waitlistEntries.find({}).lean())
        .filter((entry) => entry.holdId === null && entry.interviewerIds.some((id) => touched.has(id)))
        .sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || a._id.localeCompare(b._id));
      if (entries.length === 0) return [];
      const documents = new Map((await db.interviews.find({ _id: { $in: entries.map((entry) => entry._id) } }).lean()).map((doc) => [doc._id, doc]));
      const waiting = entries.flatMap((entry): Waiting[] => {
        const interview = documents.get(entry._id);
        if (interview === undefined || interview.status !== 'SCHEDULED' || interview.slot === null) return [];
        return [{ entry, interview, rules: { ...(entry.rules as unknown as Omit<SlotRules, 'durationMinutes'>), durationMinutes: interview.durationMinutes } }];
      });
      const now = new Date();
      const list = async (from: number) =>
        (await freeSlotsUnderRules(db, waiting.slice(from).map(({ interview, rules }) => ({ interview, rules })), now)).map((listing) => listing.slots);
      // One listing for everyone, read once before anyone is asked: a time freed while they are
      // asked is in nobody's, so it waits for its own word and then goes to the first in line. Asking
      // each in turn with a fresh read let a time freed mid-way go to whoever was being asked then.
      const snapshot = await list(0);
      let free = snapshot;
      const offers: HoldOffer[] = [];
      // One after another, first joined first: a time held for one is not free for the next.
      for (const [index, candidate] of waiting.entries()) {
        const hold = await holdFor(candidate, free[index] ?? [], now);
        if (hold === null) continue;
        offers.push(hold);
        // What the hold took is read again for those after it (one read per hold, not a lost claim
        // per candidate); a time is still theirs only if it was in the first listing too.
        const after = await list(index + 1);
        free = snapshot.map((slots, at) => {
          if (at <= index) return [];
          const still = new Set((after[at - index - 1] ?? []).map((slot) => slot.start.getTime()));
          return slots.filter((slot) => still.has(slot.start.getTime()));
        });
      }
      return offers;
    },

    async releaseHold(hold) {
      await releaseClaim(db, hold.claimId);
      await db.waitlistEntries.updateOne({ _id: hold.interviewId, holdId: hold.id }, { $set: { holdId: null } });
    },
  };
}
