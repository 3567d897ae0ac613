import type { Database } from '@portal/db';
import { holdRecordOf, waitlistRecordOf, type InterviewDocument, type WaitlistEntryDocument } from '@portal/db/documents';
import { freeSlotsUnderRules } from '@portal/db/free-slots';
import { loopItinerarySearch } from '@portal/db/loop-itineraries';
import { DomainError } from '@portal/shared/errors';
import type { SlotRules } from '@portal/shared/slots';
import { holdIdOf, type HoldOffer } from '@portal/shared/waitlist';
import type { ClaimActivities } from '../../claims/activities-api';
import { releaseClaim } from '../../claims/activities/claim-slot';
import type { WaitlistActivities } from '../activities-api';

type ClaimRequest = Parameters<ClaimActivities['claimSlot']>[0];

/** Free starts tried per waiting candidate: a racer may take the first between the listing and the claim. */
const TRIES = 3;

type Waiting = { entry: WaitlistEntryDocument; interview: InterviewDocument; rules: SlotRules };

export function createWaitlistActivities(deps: { db: Database; claims: Pick<ClaimActivities, 'claimSlot' | 'claimLoopSlots'> }): WaitlistActivities {
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

  /**
   * A loop's candidate (docs/adr/0077): the earliest whole itinerary of the loop whose first session
   * starts before their booking's first (and their `before` day), every session claimed for them at
   * once in the loops' one order of claims (as the loop's own move would claim it), or none.
   */
  async function loopHoldFor(entry: WaitlistEntryDocument, now: Date): Promise<HoldOffer | null> {
    const loop = entry.loopId ? await db.loops.findById(entry.loopId).lean() : null;
    if (loop === null) return null;
    const documents = await db.interviews.find({ _id: { $in: loop.sessions.map((s) => s.interviewId) } }).lean();
    const ordered = loop.sessions.map((s) => documents.find((d) => d._id === s.interviewId));
    const booked = ordered.flatMap((doc) => (doc && doc.status === 'SCHEDULED' && doc.slot !== null ? [{ doc, slot: doc.slot }] : []));
    if (booked.length !== loop.sessions.length) return null;
    const limit = Math.min(...booked.map((b) => b.slot.start.getTime()), entry.before?.getTime() ?? Infinity);
    const sessions = booked.map(({ doc }) => {
      const rules = entry.sessions?.find((s) => s.interviewId === doc._id)?.rules ?? {};
      return { interview: doc, rules: { ...(rules as unknown as Omit<SlotRules, 'durationMinutes'>), durationMinutes: doc.durationMinutes } };
    });
    const search = await loopItinerarySearch(db, loop, sessions, now);
    const timezone = booked[0]?.doc.candidateTimezone ?? 'UTC';
    let tries = 0;
    const days = search.daysIn(timezone);
    for (const day of search.openDays(timezone)) {
      if (days.bounds(day).from >= limit) return null;
      for (const itinerary of search.search(timezone, day, TRIES)) {
        if (Math.min(...itinerary.starts) >= limit) continue;
        // A session kept at its booked start would claim under its booking's own claim id: its
        // release (a decline, an expiry) would free the booking. Only itineraries moving every session.
        if (booked.some(({ slot }, i) => slot.start.getTime() === itinerary.starts[i])) continue;
        if (tries >= TRIES) return null;
        tries += 1;
        const requests: ClaimRequest[] = sessions.map(({ interview, rules }, i) => ({
          interviewId: interview._id,
          start: new Date(itinerary.starts[i] ?? 0).toISOString(),
          rules,
          interview: { interviewerIds: interview.interviewerIds, durationMinutes: interview.durationMinutes, panelSize: interview.panelSize },
          candidateEmail: interview.candidateEmail,
        }));
        const outcomes = await deps.claims.claimLoopSlots(requests);
        const held = outcomes.flatMap((o) => ('slot' in o ? [{ interviewId: o.interviewId, slot: o.slot }] : []));
        if (held.length < requests.length) {
          await Promise.all(held.map(({ slot }) => releaseClaim(db, slot.claimId)));
          continue;
        }
        const first = held.reduce((a, b) => (Date.parse(a.slot.start) <= Date.parse(b.slot.start) ? a : b));
        const lastEnd = Math.max(...held.map((h) => Date.parse(h.slot.end)));
        const hold: HoldOffer = {
          id: holdIdOf(loop._id, first.slot.start),
          interviewId: loop.sessions[0]?.interviewId ?? first.interviewId,
          start: first.slot.start,
          end: new Date(lastEnd).toISOString(),
          claimId: first.slot.claimId,
          expiresAt: new Date(now.getTime() + entry.holdMs).toISOString(),
          loop: { loopId: loop._id, sessions: held.map(({ interviewId, slot }) => ({ interviewId, start: slot.start, end: slot.end, claimId: slot.claimId })) },
        };
        await db.waitlistEntries.updateOne({ _id: entry._id }, { $set: { holdId: hold.id } });
        return hold;
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
      const singleIds = entries.filter((entry) => !entry.loopId).map((entry) => entry._id);
      const documents = new Map((await db.interviews.find({ _id: { $in: singleIds } }).lean()).map((doc) => [doc._id, doc]));
      const waiting = entries.flatMap((entry): (Waiting | { loop: WaitlistEntryDocument })[] => {
        if (entry.loopId) return [{ loop: entry }];
        const interview = documents.get(entry._id);
        if (interview === undefined || interview.status !== 'SCHEDULED' || interview.slot === null) return [];
        return [{ entry, interview, rules: { ...(entry.rules as unknown as Omit<SlotRules, 'durationMinutes'>), durationMinutes: interview.durationMinutes } }];
      });
      const singles = waiting.filter((w): w is Waiting => !('loop' in w));
      const now = new Date();
      const list = async (from: number) =>
        (await freeSlotsUnderRules(db, singles.slice(from).map(({ interview, rules }) => ({ interview, rules })), now)).map((listing) => listing.slots);
      // One listing for every single interview, read once before anyone is asked: a time freed while
      // they are asked is in nobody's, so it waits for its own word and then goes to the first in line.
      // Asking each in turn with a fresh read let a time freed mid-way go to whoever was being asked then.
      // A loop's candidate is searched when their turn comes, with the holds before theirs already claimed.
      const snapshot = await list(0);
      let free = snapshot;
      const offers: HoldOffer[] = [];
      // One after another, first joined first: a time held for one is not free for the next.
      for (const candidate of waiting) {
        const single = 'loop' in candidate ? -1 : singles.indexOf(candidate);
        const hold = 'loop' in candidate ? await loopHoldFor(candidate.loop, now) : await holdFor(candidate, free[single] ?? [], now);
        if (hold === null) continue;
        offers.push(hold);
        // What the hold took is read again for the single interviews after it (one read per hold, not
        // a lost claim per candidate); a time is still theirs only if it was in the first listing too.
        const next = 'loop' in candidate ? singles.findIndex((s) => waiting.indexOf(s) > waiting.indexOf(candidate)) : single + 1;
        if (next < 0) continue;
        const after = await list(next);
        free = snapshot.map((slots, at) => {
          if (at < next) return [];
          const still = new Set((after[at - next] ?? []).map((slot) => slot.start.getTime()));
          return slots.filter((slot) => still.has(slot.start.getTime()));
        });
      }
      return offers;
    },

    async releaseHold(hold) {
      const claims = hold.loop ? hold.loop.sessions.map((s) => s.claimId) : [hold.claimId];
      await Promise.all(claims.map((claimId) => releaseClaim(db, claimId)));
      await db.waitlistEntries.updateOne({ _id: hold.loop?.loopId ?? hold.interviewId, holdId: hold.id }, { $set: { holdId: null } });
    },

    async recordLoopWaitlist({ loopId, waitlist, hold, entry }) {
      await db.loops.updateOne({ _id: loopId }, { $set: { waitlist: waitlistRecordOf(waitlist), hold: holdRecordOf(hold) } });
      if (waitlist === null) {
        await db.waitlistEntries.deleteOne({ _id: loopId });
        return;
      }
      if (entry) {
        await db.waitlistEntries.replaceOne(
          { _id: loopId },
          {
            _id: loopId,
            loopId,
            interviewerIds: entry.interviewerIds,
            joinedAt: new Date(waitlist.joinedAt),
            before: entry.before === null ? null : new Date(entry.before),
            slotStart: new Date(entry.slotStart),
            rules: {},
            sessions: entry.sessions,
            holdMs: entry.holdMs,
            holdId: null,
          },
          { upsert: true },
        );
      } else if (hold === null) {
        // A hold given back while the candidate still waits: they may be offered another.
        await db.waitlistEntries.updateOne({ _id: loopId }, { $set: { holdId: null } });
      }
    },
  };
}
