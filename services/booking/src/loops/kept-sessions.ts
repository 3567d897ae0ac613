/**
 * A booked loop offered again (docs/adr/0032): its itineraries, those keeping the most booked
 * sessions where they are first, the search's own order (earliest finish, least idle) after that.
 * The re-picked session never counts as kept: its held time's panel is not whole.
 */
export function rankedByKept<T extends { sessions: { start: string }[] }>(itineraries: T[], booked: readonly (number | null)[], repicked: number): (T & { keeps: number })[] {
  const keeps = (it: T) => it.sessions.filter((s, i) => i !== repicked && booked[i] !== null && booked[i] === Date.parse(s.start)).length;
  // Array.prototype.sort is stable: equal counts keep the search's order.
  return itineraries.map((it) => ({ ...it, keeps: keeps(it) })).sort((a, b) => b.keeps - a.keeps);
}
