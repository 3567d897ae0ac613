import type { LoopRules } from './loops';

const MINUTE_MS = 60_000;

/** One session's offered starts (ascending), each with every pool member free then: generateSlots' answer. */
export interface SessionOptions {
  durationMs: number;
  panelSize: number;
  slots: { start: number; interviewerIds: string[] }[];
}

/** What an itinerary needs to know of a pool member to tell whether two sessions would compete for them. */
export interface MemberFacts {
  bufferBeforeMs: number;
  bufferAfterMs: number;
  /** The member's local day of an instant (daily caps count per local day). */
  dayOf(ms: number): number;
}

/** Session starts in the template's order, when the last one ends, and the idle time between same-day sessions. */
export interface Itinerary {
  starts: number[];
  end: number;
  idleMs: number;
}

interface Placed {
  session: number;
  start: number;
  end: number;
  free: string[];
}

/**
 * The rule for sessions that share pool members: the loop claims its sessions at once, each by
 * the fair order, so which shared member a session takes is not known here. A member free for two
 * sessions that would compete for them (their times, widened by the member's buffers, overlap, or
 * they fall on the member's same local day, where the daily cap counts) is therefore counted for
 * the earlier session in the template's order only. Every session then has its panel whichever
 * members the others take, so an itinerary offered can be claimed unless someone took a part of it.
 */
function panelsHold(placed: Placed[], sessions: SessionOptions[], members: ReadonlyMap<string, MemberFacts>): boolean {
  for (const later of placed) {
    let free = later.free;
    for (const earlier of placed) {
      if (earlier.session >= later.session) continue;
      free = free.filter((id) => {
        if (!earlier.free.includes(id)) return true;
        const m = members.get(id);
        if (m === undefined) return false;
        const overlap = earlier.start - m.bufferBeforeMs < later.end + m.bufferAfterMs && later.start - m.bufferBeforeMs < earlier.end + m.bufferAfterMs;
        return !overlap && m.dayOf(earlier.start) !== m.dayOf(later.start);
      });
    }
    if (free.length < (sessions[later.session]?.panelSize ?? Infinity)) return false;
  }
  return true;
}

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((rest) => Array.from({ length: n }, (_, i) => [...rest.slice(0, i), n - 1, ...rest.slice(i)]));
}

/** The slots of one session starting in [from, to), by binary search on the ascending starts. */
function slotsBetween(slots: SessionOptions['slots'], from: number, to: number): SessionOptions['slots'] {
  let lo = 0;
  let hi = slots.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((slots[mid]?.start ?? Infinity) < from) lo = mid + 1;
    else hi = mid;
  }
  const out: SessionOptions['slots'] = [];
  for (let i = lo; i < slots.length; i++) {
    const slot = slots[i];
    if (slot === undefined || slot.start >= to) break;
    out.push(slot);
  }
  return out;
}

export interface ItinerarySearch {
  sessions: SessionOptions[];
  rules: LoopRules;
  members: ReadonlyMap<string, MemberFacts>;
  /** The candidate's local day number of an instant, and the bounds of a day number. */
  candidateDay: { of(ms: number): number; bounds(day: number): { from: number; to: number } };
  /** The day the loop starts on (the chosen day). */
  firstDay: number;
  /** How many itineraries to answer (default 50). */
  limit?: number;
  /** Search nodes before the search stops with what it has (default 200,000): bounded for any pool. */
  budget?: number;
  /** Stop once this many first starts have an itinerary (asking whether a day has any). */
  stopAfter?: number;
}

/**
 * The feasible itineraries starting on the chosen day, best first: earliest finish, then least
 * idle time, then earliest start. One per first start (the best for it), so the list reads like a
 * day of times. Each session's starts are the single-session listing's own, so every rule a single
 * interview honours holds; the loop adds its order, breaks, days and per-day cap. A depth-first
 * search with branch and bound per first start, within a node budget.
 */
export function searchItineraries(search: ItinerarySearch): Itinerary[] {
  const { sessions, rules, members, candidateDay, firstDay } = search;
  const limit = search.limit ?? 50;
  let budget = search.budget ?? 200_000;
  const n = sessions.length;
  const minBreak = rules.minBreakMinutes * MINUTE_MS;
  const maxBreak = rules.maxBreakMinutes * MINUTE_MS;
  const lastDay = firstDay + rules.days - 1;
  const best = new Map<number, Itinerary>();
  const orders = rules.order === 'fixed' ? [Array.from({ length: n }, (_, i) => i)] : permutations(n);
  const restDuration = (order: number[], p: number) => order.slice(p).reduce((sum, i) => sum + (sessions[i]?.durationMs ?? 0), 0);

  for (const order of orders) {
    const firstSession = sessions[order[0] ?? 0];
    if (!firstSession) continue;
    const day = candidateDay.bounds(firstDay);
    for (const first of slotsBetween(firstSession.slots, day.from, day.to)) {
      if (budget <= 0) break;
      const placed: Placed[] = [];
      const perDay = new Map<number, number>();
      const dfs = (p: number, slot: { start: number; interviewerIds: string[] }, idle: number): void => {
        budget -= 1;
        const index = order[p] ?? 0;
        const session = sessions[index];
        if (!session || budget <= 0) return;
        const here = { session: index, start: slot.start, end: slot.start + session.durationMs, free: slot.interviewerIds };
        const dayOfHere = candidateDay.of(here.start);
        if ((perDay.get(dayOfHere) ?? 0) >= rules.maxSessionsPerDay || dayOfHere > lastDay) return;
        placed.push(here);
        perDay.set(dayOfHere, (perDay.get(dayOfHere) ?? 0) + 1);
        try {
          if (!panelsHold(placed, sessions, members)) return;
          const known = best.get(first.start);
          // The best this branch can do: the rest back to back right after this one.
          if (known && here.end + restDuration(order, p + 1) > known.end) return;
          if (p === n - 1) {
            const starts = Array.from({ length: n }, (_, i) => placed.find((x) => x.session === i)?.start ?? 0);
            if (!known || here.end < known.end || (here.end === known.end && idle < known.idleMs)) best.set(first.start, { starts, end: here.end, idleMs: idle });
            if (best.size >= (search.stopAfter ?? Infinity)) budget = 0;
            return;
          }
          const next = sessions[order[p + 1] ?? 0];
          if (!next) return;
          for (const option of slotsBetween(next.slots, here.end + minBreak, here.end + maxBreak + 1)) {
            if (candidateDay.of(option.start) === dayOfHere) dfs(p + 1, option, idle + (option.start - here.end));
          }
          for (let d = dayOfHere + 1; d <= lastDay; d++) {
            const bounds = candidateDay.bounds(d);
            for (const option of slotsBetween(next.slots, bounds.from, bounds.to)) dfs(p + 1, option, idle);
          }
        } finally {
          placed.pop();
          perDay.set(dayOfHere, (perDay.get(dayOfHere) ?? 1) - 1);
        }
      };
      dfs(0, first, 0);
    }
  }
  return [...best.values()]
    .sort((a, b) => a.end - b.end || a.idleMs - b.idleMs || Math.min(...a.starts) - Math.min(...b.starts))
    .slice(0, limit);
}

/**
 * Why a chosen itinerary breaks the loop's layout (order, breaks, days, per-day cap), or null. The
 * sessions' own rules are the claims' to check, as for a single interview.
 */
export function itineraryLayoutProblem(
  rules: LoopRules,
  durationsMs: number[],
  starts: number[],
  candidateDayOf: (ms: number) => number,
): string | null {
  if (starts.length !== durationsMs.length) return `The loop has ${durationsMs.length} sessions; ${starts.length} times were given.`;
  const order = starts.map((start, session) => ({ session, start, end: start + (durationsMs[session] ?? 0) })).sort((a, b) => a.start - b.start);
  if (rules.order === 'fixed' && order.some((x, i) => x.session !== i)) return 'The sessions must follow the loop’s order.';
  const days = new Map<number, number>();
  for (const [i, x] of order.entries()) {
    const day = candidateDayOf(x.start);
    days.set(day, (days.get(day) ?? 0) + 1);
    const prev = order[i - 1];
    if (prev === undefined || candidateDayOf(prev.start) !== day) continue;
    const gap = x.start - prev.end;
    if (gap < rules.minBreakMinutes * MINUTE_MS || gap > rules.maxBreakMinutes * MINUTE_MS) {
      return `The break between sessions must be ${rules.minBreakMinutes}–${rules.maxBreakMinutes} minutes.`;
    }
  }
  const dayNumbers = [...days.keys()];
  if (Math.max(...dayNumbers) - Math.min(...dayNumbers) >= rules.days) return `The loop must fit in ${rules.days} day(s).`;
  if ([...days.values()].some((count) => count > rules.maxSessionsPerDay)) return `At most ${rules.maxSessionsPerDay} sessions a day.`;
  return null;
}
