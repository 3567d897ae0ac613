import { createHash } from 'node:crypto';
import { isDuplicateKeyError, type Database } from '@portal/db';
import type { InterviewerDocument } from '@portal/db/documents';
import type { SeatsInFlight } from './seats-in-flight';

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
  inFlight: SeatsInFlight,
  /** Asked only after everyone else: who met the candidate before. */
  last: ReadonlySet<string> = new Set(),
) {
  // One `$in` read of the free members' day claims, as the listing reads them (busy-times.ts):
  // `day_claims` holds the calendar ahead, never the history, so reading that small collection
  // whole costs less than one indexed equality read per member, each with FerretDB's fixed cost
  // per query (docs/adr/0042).
  const projection = { interviewerId: 1, claimId: 1, start: 1, createdAt: 1 };
  // Before the read is sent: a seat kept here from now on may be missing from what it answers.
  const read = inFlight.read();
  const claims = await db.dayClaims
    .find({ interviewerId: { $in: free.map((doc) => doc._id) } }, projection)
    .lean()
    .catch((error: unknown) => {
      read.end();
      throw error;
    });
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
  const memberKey = (doc: InterviewerDocument) => `${doc._id}|${week}`;
  /** Bookings of the member this week as this claim knows them, with the seats other claims in this worker are taking. */
  const count = (doc: InterviewerDocument) => {
    const { claims: known } = loadOf(doc);
    const here = [...new Set(inFlight.of(memberKey(doc), read.at).values())].filter((id) => id !== claim.claimId && !known.has(id));
    return known.size + here.length;
  };

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
      return Number(y.mine) - Number(x.mine) || Number(last.has(a._id)) - Number(last.has(b._id)) || count(a) - count(b) || tieBreak(a, b) || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
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
    // Another claim here may have taken a seat of this member while this one checked its calendar.
    if (next(left) !== interviewer) return false;
    const member = memberKey(interviewer);
    const here = inFlight.of(member, read.at);
    let seat = loadOf(interviewer).seat;
    while (here.has(seat) && here.get(seat) !== claim.claimId) seat += 1;
    inFlight.take(member, seat, claim.claimId);
    try {
      await db.weekSeats.create({ _id: `${member}|${seat}`, ...claim, interviewerId: interviewer._id, createdAt: new Date() });
      return true;
    } catch (error) {
      inFlight.lost(member, seat, claim.claimId);
      if (!isDuplicateKeyError(error)) throw error;
    }
    contended = true;
    return (await lookAhead(left)).has(interviewer._id);
  }

  /** The claim is done: it keeps the seats of the members of `panel` (none when it gave everything back). */
  function done(panel: InterviewerDocument[]): void {
    inFlight.done(claim.claimId, new Set(panel.map(memberKey)));
    read.end();
  }

  return { next, takeSeat, done, count };
}

export type FairPool = Awaited<ReturnType<typeof fairPool>>;
