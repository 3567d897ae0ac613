import { DomainError } from '@portal/shared/errors';
import { availabilityOf, findByIds, isDuplicateKeyError, type InterviewerDocument } from '@portal/shared/documents';
import { claimCells, generateSlots, localDay } from '@portal/shared/slots';
import type { Database } from '../db';
import type { ClaimRequest } from '../workflows/activities-api';
import type { SlotState } from '@portal/shared/lifecycle';

/**
 * Claims a slot with inserts only (FerretDB v1's conditional updates are not atomic): one
 * document per (interviewer, 5-minute cell) covered by the slot plus buffers, and one of the
 * interviewer's daily seats. A duplicate key on any of them means someone else holds it; what
 * this claim inserted so far is removed again, so a lost race leaves nothing behind.
 */
export function createSlotClaims(deps: { db: Database }) {
  const { db } = deps;

  async function release(claimId: string): Promise<void> {
    await db.slotClaims.deleteMany({ claimId });
    await db.dayClaims.deleteMany({ claimId });
  }

  async function tryClaim(interviewer: InterviewerDocument, start: Date, end: Date, claimId: string, interviewId: string) {
    const now = new Date();
    const cells = claimCells({
      start,
      end,
      bufferBeforeMinutes: interviewer.bufferBeforeMinutes,
      bufferAfterMinutes: interviewer.bufferAfterMinutes,
    }).map((cell) => ({ _id: `${interviewer._id}|${cell}`, interviewerId: interviewer._id, cell, claimId, interviewId, createdAt: now }));
    // One insert per cell, in ascending order: each single insert is atomic on FerretDB, and a
    // common order means two overlapping claims cannot each hold a cell the other needs.
    for (const cell of cells) {
      try {
        await db.slotClaims.insertOne(cell);
      } catch (error) {
        await release(claimId);
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    }
    const day = localDay(start, interviewer.timezone);
    for (let seat = 0; seat < interviewer.maxPerDay; seat += 1) {
      try {
        await db.dayClaims.insertOne({ _id: `${interviewer._id}|${day}|${seat}`, claimId, interviewId, createdAt: now });
        return true;
      } catch (error) {
        if (!isDuplicateKeyError(error)) {
          await release(claimId);
          throw error;
        }
      }
    }
    await release(claimId);
    return false;
  }

  async function claimSlot(request: ClaimRequest): Promise<SlotState> {
    const interview = await db.interviews.findOne({ _id: request.interviewId });
    if (interview === null) throw new DomainError('NOT_FOUND', 'Interview not found.');
    const start = new Date(request.start);
    const pool = (await findByIds((_id) => db.interviewers.findOne({ _id }), interview.interviewerIds)).filter((doc) => doc.active);
    const offered = generateSlots({
      interviewers: pool.map(availabilityOf),
      booked: [],
      rules: { ...request.rules, durationMinutes: interview.durationMinutes },
      now: new Date(),
    }).find((slot) => slot.start.getTime() === start.getTime());
    if (offered === undefined) {
      throw new DomainError('SLOT_UNAVAILABLE', 'That time is not offered for this interview.');
    }
    // A retried attempt may have left part of a claim behind under the same id: start clean.
    const claimId = `${request.interviewId}@${start.toISOString()}`;
    await release(claimId);
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
