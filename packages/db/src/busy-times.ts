import type { Booked } from '@portal/shared/slots';
import type { Database } from './database';

/**
 * The pool's bookings overlapping [from, to), from the day claims: one document per booked
 * interviewer and interview, carrying the interviewer, start, end and the buffers it was claimed with.
 *
 * Claims live only while their booking can still collide with another: cancel and reschedule
 * release them, and so does the end of the interview (see persist-change.ts). So `day_claims`
 * holds the calendar ahead, never the history, and this read costs the same at 0 or 20,000 past
 * interviews. It is one `$in` read, which FerretDB answers by reading that (small) collection
 * whole: measured here, one read beats one indexed equality per pool member, whose fixed cost
 * per query (≈4 ms in FerretDB) times 20 members dominates (bench/data-layer.ts).
 */
export async function readBusyTimes(db: Pick<Database, 'dayClaims'>, interviewerIds: readonly string[], from: Date, to: Date): Promise<Booked[]> {
  if (interviewerIds.length === 0) return [];
  const claims = await db.dayClaims.find({ interviewerId: { $in: [...new Set(interviewerIds)] } }, { interviewerId: 1, start: 1, end: 1, bufferBeforeMinutes: 1, bufferAfterMinutes: 1 }).lean();
  return claims
    .filter((claim) => claim.end.getTime() > from.getTime() && claim.start.getTime() < to.getTime())
    .map(({ interviewerId, start, end, bufferBeforeMinutes, bufferAfterMinutes }) => ({
      interviewerId,
      start,
      end,
      ...(bufferBeforeMinutes === undefined ? {} : { bufferBeforeMinutes }),
      ...(bufferAfterMinutes === undefined ? {} : { bufferAfterMinutes }),
    }));
}
