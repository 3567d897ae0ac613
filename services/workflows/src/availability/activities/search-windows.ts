import type { Database } from '@portal/db';
import { freeSlotsUnderRules } from '@portal/db/free-slots';
import { loopItinerarySearch, type SessionSlots } from '@portal/db/loop-itineraries';
import { fitsAWindow, nearestOutside, type AvailabilityWindow, type WindowSearch } from '@portal/shared/availability';
import type { AvailabilityActivities, LoopWindowSearch, LoopWindowSearchRequest, WindowSearchRequest } from '../activities-api';

/** Starts tried per search: the first is nearly always booked; the others cover racers for it. */
const FITTING_PER_SEARCH = 5;
/** Free times outside the windows HR is shown beside them. */
const NEAREST_FOR_HR = 3;
/** Days of a loop's itineraries looked at for the ones nearest the windows (each day's best few). */
const NEAREST_DAYS_LOOKED_AT = 14;

/**
 * Lists the interview's free times as the candidate's page would (its pool as it is now, the rules
 * fixed at the invitation) and keeps those inside the windows. A closed or erased interview has none.
 */
export function createWindowSearch(deps: { db: Database }): AvailabilityActivities {
  return {
    async searchWindows(request: WindowSearchRequest): Promise<WindowSearch> {
      const interview = await deps.db.interviews.findById(request.interviewId).lean();
      if (interview === null || interview.status !== 'INVITED') return { fitting: [], nearest: [] };
      const rules = { ...request.rules, durationMinutes: interview.durationMinutes };
      const [listed] = await freeSlotsUnderRules(deps.db, [{ interview, rules }], new Date());
      const starts = (listed?.slots ?? []).map((slot) => slot.start.getTime());
      const durationMs = interview.durationMinutes * 60_000;
      return {
        fitting: starts
          .filter((start) => fitsAWindow(request.windows, start, durationMs))
          .slice(0, FITTING_PER_SEARCH)
          .map((start) => new Date(start).toISOString()),
        nearest: nearestOutside(request.windows, starts, durationMs, NEAREST_FOR_HR),
      };
    },

    searchLoopWindows: (request) => searchLoopWindows(deps.db, request),
  };
}

const inside = (windows: readonly AvailabilityWindow[], durationMs: number, slots: SessionSlots): SessionSlots =>
  slots.filter((slot) => fitsAWindow(windows, slot.start, durationMs));

/**
 * A loop's itineraries as its page lists them (each session's pool now, the rules fixed at its
 * invitation, the loop's layout), searched with only the starts that lie inside a window, so every
 * itinerary found fits wholly; earliest day first, each day's best first. A loop with a session no
 * longer waiting to be booked has none.
 */
async function searchLoopWindows(db: Database, request: LoopWindowSearchRequest): Promise<LoopWindowSearch> {
  const [loop, interviews] = await Promise.all([db.loops.findById(request.loopId).lean(), db.interviews.find({ _id: { $in: request.sessions.map((s) => s.interviewId) } }).lean()]);
  const sessions = request.sessions.flatMap(({ interviewId, rules }) => {
    const interview = interviews.find((i) => i._id === interviewId);
    return interview ? [{ interview, rules: { ...rules, durationMinutes: interview.durationMinutes } }] : [];
  });
  if (loop === null || sessions.length !== request.sessions.length || sessions.some((s) => s.interview.status !== 'INVITED')) return { fitting: [], nearest: [] };
  const now = new Date();
  const durationsMs = sessions.map((s) => s.interview.durationMinutes * 60_000);
  const fittingSearch = await loopItinerarySearch(db, loop, sessions, now, (i, slots) => inside(request.windows, durationsMs[i] ?? 0, slots));
  const fitting: string[][] = [];
  for (const day of fittingSearch.openDays(request.timezone)) {
    for (const itinerary of fittingSearch.search(request.timezone, day, FITTING_PER_SEARCH)) fitting.push(itinerary.starts.map((s) => new Date(s).toISOString()));
    if (fitting.length >= FITTING_PER_SEARCH) break;
  }
  if (fitting.length > 0 || !request.withNearest) return { fitting: fitting.slice(0, FITTING_PER_SEARCH), nearest: [] };
  // For HR: the best itinerary of each of the first open days, the ones whose first start is nearest a window.
  const allSearch = await loopItinerarySearch(db, loop, sessions, now);
  const firsts = allSearch
    .openDays(request.timezone)
    .slice(0, NEAREST_DAYS_LOOKED_AT)
    .flatMap((day) => allSearch.search(request.timezone, day, 1).map((it) => Math.min(...it.starts)));
  return { fitting: [], nearest: nearestOutside(request.windows, firsts, Math.min(...durationsMs), NEAREST_FOR_HR) };
}
