import type { Database } from './database';
import type { InterviewDocument } from './documents';
import { interviewSearchKeys } from './models/interview-search';
import { listKeysOf, listMoves, recordListMoves } from './interview-list';
import { changedDayOf } from './models/interview';

const HOLDS_CLAIM = new Set(['SCHEDULED', 'IN_PROGRESS']);

/**
 * Fills in what this version derives from older documents (used once, by the SQLite → PostgreSQL
 * move): interviews get their search and list keys and slot day, and count once in the HR list;
 * day claims of live bookings get their interviewer and times; claims of bookings that are no
 * longer live are released, as the lifecycle now does when an interview ends.
 */
export async function backfillDerivedFields(db: Database): Promise<{ interviews: number; claimsKept: number; claimsReleased: number }> {
  const interviews = await db.interviews.collection.find({}).toArray();
  // Older interviews name one interviewer and no panel size: a panel of one.
  await db.interviews.collection.updateMany({ panelSize: { $exists: false } }, { $set: { panelSize: 1 } });
  const byId = new Map<string, InterviewDocument>();
  for (const raw of interviews) {
    const doc = raw as unknown as InterviewDocument;
    // Written by this version already: its keys and its list moves are there (the change feed's day since issue 33).
    if (doc.listAll === listKeysOf(doc).listAll) {
      if (!doc.changedDay) await db.interviews.collection.updateOne({ _id: doc._id as never }, { $set: { changedDay: changedDayOf(doc.updatedAt ?? doc.createdAt) } });
      byId.set(doc._id, doc);
      continue;
    }
    const derived = {
      changedDay: changedDayOf(doc.updatedAt ?? doc.createdAt),
      ...interviewSearchKeys(doc),
      ...listKeysOf(doc),
      slotDay: doc.slot ? doc.slot.start.toISOString().slice(0, 10) : null,
    };
    await db.interviews.collection.updateOne({ _id: doc._id as never }, { $set: derived });
    // Counted afresh: an older version's list keys (week buckets) were counted in counts this one does not read.
    await recordListMoves(db, `${doc._id}:migrated`, listMoves(doc, null, { ...doc, ...derived }));
    byId.set(doc._id, { ...doc, ...derived });
  }
  let claimsKept = 0;
  let claimsReleased = 0;
  for (const seat of await db.dayClaims.collection.find({}).toArray()) {
    const claimId = String(seat.claimId);
    const interview = byId.get(String(seat.interviewId));
    const slot = interview?.slot;
    if (interview && slot && slot.claimId === claimId && HOLDS_CLAIM.has(interview.status)) {
      const interviewerId = String(seat._id).split('|')[0];
      if (typeof seat.interviewerId !== 'string') {
        await db.dayClaims.collection.updateOne({ _id: seat._id }, { $set: { interviewerId, start: slot.start, end: slot.end } });
        const interviewerIds = slot.interviewerIds ?? [slot.interviewerId];
        await db.interviews.collection.updateOne({ _id: interview._id as never }, { $set: { 'slot.interviewerIds': interviewerIds } });
      }
      claimsKept += 1;
    } else {
      await db.slotClaims.deleteMany({ claimId });
      await db.dayClaims.deleteMany({ claimId });
      claimsReleased += 1;
    }
  }
  return { interviews: interviews.length, claimsKept, claimsReleased };
}
