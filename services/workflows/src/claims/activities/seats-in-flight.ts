/**
 * The week seats claims in this worker are taking and have not finished with: a claim's day claims
 * are written after its seats, so until it finishes, another claim here reading the day claims would
 * not see it, and would lose the same seat to it in the database. Taking a seat is registered here
 * before its insert is sent (one thread: nothing runs between the choice and the registration), so
 * claims in one worker choose with each other's seats in view and do not race for them; claims in
 * other workers meet them on the seats' unique keys as before (fair-order.ts).
 *
 * A seat stays in view after its claim finished with it, for every claim that read the day claims
 * before then (its read missed that booking): otherwise such a claim would count one booking short,
 * choose that member, and lose the seat, and while it was taking it every other claim here would
 * count the member one booking too many. Under load, when reads are slow and claims finish all
 * through a burst, that wrong count steered the last claims of a burst of thirty to 11/10/9
 * (docs/adr/0034). Once no claim that read before a seat was kept is left, the seat leaves the view.
 */
export function createSeatsInFlight() {
  /** Ticks, one per read and per seat kept: what a read before a keep could not have seen. */
  let clock = 0;
  /** `<interviewerId>|<week>` → seat → the claim taking it. */
  const taking = new Map<string, Map<number, string>>();
  /** `<interviewerId>|<week>` → seat → the claim that kept it, and when. */
  const kept = new Map<string, Map<number, { claimId: string; at: number }>>();
  /** claim → the members' keys it registered seats under, to settle them in one go. */
  const byClaim = new Map<string, Set<string>>();
  /** The reads of the claims still choosing, by their tick. */
  const reads = new Set<{ at: number }>();

  /** Drops the kept seats that every claim still choosing read after. */
  function forgetSeen(): void {
    const oldest = Math.min(...[...reads].map((read) => read.at));
    for (const [member, seats] of kept) {
      for (const [seat, { at }] of seats) if (at < oldest) seats.delete(seat);
      if (seats.size === 0) kept.delete(member);
    }
  }

  return {
    /** Marks a claim's read of the day claims (before it is sent); `end` it when the claim is done. */
    read(): { at: number; end(): void } {
      const read = { at: ++clock };
      reads.add(read);
      return {
        at: read.at,
        end() {
          reads.delete(read);
          forgetSeen();
        },
      };
    },
    /** The seats of one member's week being taken here, and those kept here since the read at `since`, by seat. */
    of(member: string, since: number): ReadonlyMap<number, string> {
      const seats = new Map(taking.get(member));
      for (const [seat, { claimId, at }] of kept.get(member) ?? []) if (at > since && !seats.has(seat)) seats.set(seat, claimId);
      return seats;
    },
    take(member: string, seat: number, claimId: string): void {
      const seats = taking.get(member) ?? new Map<number, string>();
      seats.set(seat, claimId);
      taking.set(member, seats);
      byClaim.set(claimId, (byClaim.get(claimId) ?? new Set<string>()).add(member));
    },
    /** A seat lost to a claim elsewhere: it was never this claim's. */
    lost(member: string, seat: number, claimId: string): void {
      const seats = taking.get(member);
      if (seats?.get(seat) === claimId) seats.delete(seat);
    },
    /**
     * The claim is done: its day claims are written for the members in `keep` (their seats stay in
     * view of the earlier reads), and it gave back everything else.
     */
    done(claimId: string, keep: ReadonlySet<string> = new Set()): void {
      for (const member of byClaim.get(claimId) ?? []) {
        const seats = taking.get(member);
        for (const [seat, holder] of seats ?? []) {
          if (holder !== claimId) continue;
          seats?.delete(seat);
          if (keep.has(member)) kept.set(member, (kept.get(member) ?? new Map()).set(seat, { claimId, at: ++clock }));
        }
        if (seats?.size === 0) taking.delete(member);
      }
      byClaim.delete(claimId);
      forgetSeen();
    },
  };
}

export type SeatsInFlight = ReturnType<typeof createSeatsInFlight>;
