import { createHash } from 'node:crypto';
import { isDuplicateKeyError, type Database } from '@portal/db';
import type { InterviewerDocument } from '@portal/db/documents';

const DAY_MS = 24 * 3_600_000;
/** Monday-based weeks on UTC (the epoch was a Thursday). */
const weekOf = (at: Date) => Math.floor((Math.floor(at.getTime() / DAY_MS) + 3) / 7);
/** Seats read after a lost one, shared among the members still to ask (at least one each). */
const LOOK_AHEAD = 12;

/** What one claim knows of a free member's load in the week of its start. */
interface Load {
  /** This claim held this member before: an attempt's retry keeps the panel its first attempt built. */
  mine: boolean;
  /** The other claims booking this member this week: their day claims, and the seats they were seen holding. */
  claims: Set<string>;
  lastBooked: number;
  /** The week seat to take next: the count as read, and one more for every rival met on a seat. */
  seat: number;
}

/**
 * The rule: free interviewers are asked fewest booked interviews in the week of the chosen start
 * first, then least recently booked, then by id, so load spreads instead of falling on whoever
 * sorts first. Bookings are the held day claims (the calendar ahead).
 *
 * Claims at once read the same counts, so the choice is settled by a seat: the member's week seat
 * numbered by the count the claim read (`<interviewer>|<week>|<count>`), an insert under a unique
 * key. Two claims that read the same count race for the same seat; the loser reads who holds it,
 * counts that booking, and chooses again. A claim that takes a seat therefore knew every booking
 * of that member numbered below it, and fairness holds however many claims arrive at once
 * (docs/adr/0016). Seats go with the claim (`releaseClaim`).
 */
export async function fairPool(
  db: Pick<Database, 'dayClaims' | 'weekSeats'>,
  free: InterviewerDocument[],
  start: Date,
  claim: { claimId: string; interviewId: string },
) {
  // One equality read per member, side by side: FerretDB pushes equality on the indexed field
  // down, while an `$in` scans the whole collection (README, "Data rules").
  const projection = { interviewerId: 1, claimId: 1, start: 1, createdAt: 1 };
  const claims = (await Promise.all(free.map((doc) => db.dayClaims.find({ interviewerId: doc._id }, projection).lean()))).flat();
  const week = weekOf(start);
  const loads = new Map<string, Load>(free.map((doc) => [doc._id, { mine: false, claims: new Set<string>(), lastBooked: 0, seat: 0 }]));
  for (const held of claims) {
    const load = loads.get(held.interviewerId);
    if (!load) continue;
    if (held.claimId === claim.claimId) {
      load.mine = true;
      continue;
    }
    if (weekOf(held.start) === week) load.claims.add(held.claimId);
    load.lastBooked = Math.max(load.lastBooked, held.createdAt.getTime());
  }
  for (const load of loads.values()) load.seat = load.claims.size;
  const loadOf = (doc: InterviewerDocument) => loads.get(doc._id) ?? { mine: false, claims: new Set<string>(), lastBooked: 0, seat: 0 };

  // Once a seat was lost, claims are arriving together and read the same loads: ties are then
  // broken by a hash of claim and member, so the claims of a burst spread over the least loaded
  // instead of all racing for one seat each round.
  let contended = false;
  const spread = new Map(free.map((doc) => [doc._id, createHash('sha256').update(`${claim.claimId}|${doc._id}`).digest().readUInt32BE(0)]));
  const tieBreak = (x: InterviewerDocument, y: InterviewerDocument) =>
    contended ? (spread.get(x._id) ?? 0) - (spread.get(y._id) ?? 0) : loadOf(x).lastBooked - loadOf(y).lastBooked;

  /** The member to ask next among `left`, by the rule and what this claim knows now. */
  function next(left: InterviewerDocument[]): InterviewerDocument | undefined {
    return [...left].sort((a, b) => {
      const x = loadOf(a);
      const y = loadOf(b);
      return Number(y.mine) - Number(x.mine) || x.claims.size - y.claims.size || tieBreak(a, b) || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
    })[0];
  }

  /**
   * Reads the next seats of every member still to ask, up to the first free one (or one this claim
   * holds), counting the rivals that hold them: one round trip learns what a burst did since the
   * read. Answers the members whose next seat this claim holds already.
   */
  async function lookAhead(left: InterviewerDocument[]): Promise<Set<string>> {
    const ahead = Math.max(1, Math.floor(LOOK_AHEAD / left.length));
    const mine = new Set<string>();
    await Promise.all(
      left.map(async (doc) => {
        const load = loadOf(doc);
        const from = load.seat;
        const holders = await Promise.all(
          Array.from({ length: ahead }, (_, i) => db.weekSeats.findById(`${doc._id}|${week}|${from + i}`, { claimId: 1 }).lean()),
        );
        for (const holder of holders) {
          if (holder === null) break;
          if (holder.claimId === claim.claimId) {
            mine.add(doc._id);
            break;
          }
          // A booking read already holds it when an earlier one was given back (the count fell
          // below the seats): stepped over. Anyone else is a booking made since the read.
          if (!load.claims.has(holder.claimId)) {
            load.claims.add(holder.claimId);
            load.lastBooked = Date.now();
          }
          load.seat += 1;
        }
      }),
    );
    return mine;
  }

  /**
   * Takes the member's next week seat: true once held (or held already by this claim), false when
   * a rival holds it, whose booking is then counted with any others found on the seats ahead: ask
   * `next` again, the order may have changed. A seat given back since the insert is tried again.
   */
  async function takeSeat(interviewer: InterviewerDocument, left: InterviewerDocument[]): Promise<boolean> {
    const _id = `${interviewer._id}|${week}|${loadOf(interviewer).seat}`;
    try {
      await db.weekSeats.create({ _id, ...claim, interviewerId: interviewer._id, createdAt: new Date() });
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    contended = true;
    return (await lookAhead(left)).has(interviewer._id);
  }

  return { next, takeSeat };
}

export type FairPool = Awaited<ReturnType<typeof fairPool>>;
