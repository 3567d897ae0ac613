/**
 * The week seats claims in this worker are taking and have not finished with: a claim's day claims
 * are written after its seats, so until it finishes, another claim here reading the day claims would
 * not see it, and would lose the same seat to it in the database. Taking a seat is registered here
 * before its insert is sent (one thread: nothing runs between the choice and the registration), so
 * claims in one worker choose with each other's seats in view and do not race for them; claims in
 * other workers meet them on the seats' unique keys as before (fair-order.ts).
 */
export function createSeatsInFlight() {
  /** `<interviewerId>|<week>` → seat → the claim taking it. */
  const seats = new Map<string, Map<number, string>>();
  /** claim → the members' keys it registered seats under, to forget them in one go. */
  const byClaim = new Map<string, Set<string>>();

  return {
    /** The seats of one member's week being taken here, by seat. */
    of(member: string): ReadonlyMap<number, string> {
      return seats.get(member) ?? new Map<number, string>();
    },
    take(member: string, seat: number, claimId: string): void {
      const taken = seats.get(member) ?? new Map<number, string>();
      taken.set(seat, claimId);
      seats.set(member, taken);
      byClaim.set(claimId, (byClaim.get(claimId) ?? new Set<string>()).add(member));
    },
    /** A seat lost to a claim elsewhere: it was never this claim's. */
    lost(member: string, seat: number, claimId: string): void {
      const taken = seats.get(member);
      if (taken?.get(seat) === claimId) taken.delete(seat);
    },
    /** The claim is done (its day claims are written, or it gave everything back). */
    done(claimId: string): void {
      for (const member of byClaim.get(claimId) ?? []) {
        const taken = seats.get(member);
        for (const [seat, holder] of taken ?? []) if (holder === claimId) taken?.delete(seat);
        if (taken?.size === 0) seats.delete(member);
      }
      byClaim.delete(claimId);
    },
  };
}

export type SeatsInFlight = ReturnType<typeof createSeatsInFlight>;
