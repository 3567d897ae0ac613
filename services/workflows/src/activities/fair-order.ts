import type { Database } from '@portal/db';
import type { InterviewerDocument } from '@portal/db/documents';

const DAY_MS = 24 * 3_600_000;
/** Monday-based weeks on UTC (the epoch was a Thursday). */
const weekOf = (at: Date) => Math.floor((Math.floor(at.getTime() / DAY_MS) + 3) / 7);

/**
 * The order free interviewers are asked in, so load spreads instead of falling on whoever sorts
 * first: fewest booked interviews in the week of the chosen start, then least recently booked,
 * then id. Members already holding this claim (an attempt's retry) come first, so a retry keeps
 * the panel its first attempt built. Bookings are the held day claims (the calendar ahead).
 */
export async function fairOrder(
  db: Pick<Database, 'dayClaims'>,
  free: InterviewerDocument[],
  start: Date,
  claimId: string,
): Promise<InterviewerDocument[]> {
  if (free.length === 0) return [];
  // One equality read per member, side by side: FerretDB pushes equality on the indexed field
  // down, while an `$in` scans the whole collection (README, "Data rules").
  const projection = { interviewerId: 1, claimId: 1, start: 1, createdAt: 1 };
  const claims = (await Promise.all(free.map((doc) => db.dayClaims.find({ interviewerId: doc._id }, projection).lean()))).flat();
  const week = weekOf(start);
  const load = new Map(free.map((doc) => [doc._id, { mine: false, thisWeek: 0, lastBooked: 0 }]));
  for (const claim of claims) {
    const entry = load.get(claim.interviewerId);
    if (!entry) continue;
    if (claim.claimId === claimId) {
      entry.mine = true;
      continue;
    }
    if (weekOf(claim.start) === week) entry.thisWeek += 1;
    entry.lastBooked = Math.max(entry.lastBooked, claim.createdAt.getTime());
  }
  const key = (doc: InterviewerDocument) => load.get(doc._id) ?? { mine: false, thisWeek: 0, lastBooked: 0 };
  return [...free].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return Number(y.mine) - Number(x.mine) || x.thisWeek - y.thisWeek || x.lastBooked - y.lastBooked || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
  });
}
