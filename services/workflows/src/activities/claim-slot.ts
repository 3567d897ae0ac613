import { DomainError } from '@portal/shared/errors';
import type { Model } from 'mongoose';
import { isDuplicateKeyError, type Database } from '@portal/db';
import { activeInterviewers } from '@portal/db/interviewers';
import { availabilityOf, type InterviewerDocument } from '@portal/db/documents';
import { claimCells, generateSlots, localDay } from '@portal/shared/slots';
import type { ClaimRequest } from '../workflows/activities-api';
import type { SlotState } from '@portal/shared/lifecycle';

/** Removes every cell and seat of one claim; a no-op once done, so retries are safe. */
export async function releaseClaim(db: Pick<Database, 'slotClaims' | 'dayClaims'>, claimId: string): Promise<void> {
  await db.slotClaims.deleteMany({ claimId });
  await db.dayClaims.deleteMany({ claimId });
}

/**
 * Claims a slot with inserts only (FerretDB v1's conditional updates are not atomic): one
 * document per (interviewer, 5-minute cell) covered by the slot plus buffers, and one of the
 * interviewer's daily seats. A duplicate key on any of them means someone else holds it; what
 * this claim inserted so far is removed again, so a lost race leaves nothing behind.
 */
export function createSlotClaims(deps: { db: Database }) {
  const { db } = deps;
  const release = (claimId: string) => releaseClaim(db, claimId);

  /**
   * Inserts one key of a claim. A key already held by this very claim counts as held: an attempt
   * that outlived its timeout may still be running beside its retry, and the two must not undo
   * each other's inserts (each would then leave the other's later inserts behind, unbooked).
   */
  async function hold<D extends { _id: string; claimId: string }>(collection: Model<D>, doc: D): Promise<boolean> {
    try {
      await collection.create(doc);
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return (await collection.findById(doc._id, { claimId: 1 }).lean())?.claimId === doc.claimId;
    }
  }

  async function tryClaim(interviewer: InterviewerDocument, start: Date, end: Date, claimId: string, interviewId: string) {
    const now = new Date();
    const cells = claimCells({
      start,
      end,
      bufferBeforeMinutes: interviewer.bufferBeforeMinutes,
      bufferAfterMinutes: interviewer.bufferAfterMinutes,
    }).map((cell) => ({ _id: `${interviewer._id}|${cell}`, interviewerId: interviewer._id, cell, claimId, interviewId, createdAt: now }));
    const day = localDay(start, interviewer.timezone);
    const seats = Array.from({ length: interviewer.maxPerDay }, (_, seat) => ({
      _id: `${interviewer._id}|${day}|${seat}`,
      claimId,
      interviewId,
      interviewerId: interviewer._id,
      start,
      end,
      createdAt: now,
    }));
    try {
      // One insert per cell, in ascending order: each single insert is atomic on FerretDB, and a
      // common order means two overlapping claims cannot each hold a cell the other needs.
      for (const cell of cells) {
        if (!(await hold(db.slotClaims, cell))) {
          await release(claimId);
          return false;
        }
      }
      for (const seat of seats) {
        if (await hold(db.dayClaims, seat)) return true;
      }
    } catch (error) {
      await release(claimId);
      throw error;
    }
    await release(claimId);
    return false;
  }

  async function claimSlot(request: ClaimRequest): Promise<SlotState> {
    const interview = await db.interviews.findById(request.interviewId).lean();
    if (interview === null) throw new DomainError('NOT_FOUND', 'Interview not found.');
    const start = new Date(request.start);
    const pool = await activeInterviewers(db, interview.interviewerIds);
    const offered = generateSlots({
      interviewers: pool.map(availabilityOf),
      booked: [],
      rules: { ...request.rules, durationMinutes: interview.durationMinutes },
      now: new Date(),
    }).find((slot) => slot.start.getTime() === start.getTime());
    if (offered === undefined) {
      throw new DomainError('SLOT_UNAVAILABLE', 'That time is not offered for this interview.');
    }
    // The same id on every attempt: what an earlier attempt inserted is this claim's already.
    const claimId = `${request.interviewId}@${start.toISOString()}`;
    for (const interviewer of pool.filter((doc) => offered.interviewerIds.includes(doc._id))) {
      if (await tryClaim(interviewer, offered.start, offered.end, claimId, request.interviewId)) {
        return {
          start: offered.start.toISOString(),
          end: offered.end.toISOString(),
          interviewerId: interviewer._id,
          interviewerTimezone: interviewer.timezone,
          claimId,
        };
      }
    }
    throw new DomainError('SLOT_TAKEN', 'That time was just taken by someone else.');
  }

  return {
    claimSlot,
    releaseSlot: async (input: { interviewId: string; claimId: string }) => release(input.claimId),
  };
}
