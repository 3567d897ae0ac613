import type { Database } from '@portal/db';
import { freeSlotsUnderRules } from '@portal/db/free-slots';
import { fitsAWindow, nearestOutside, type WindowSearch } from '@portal/shared/availability';
import type { AvailabilityActivities, WindowSearchRequest } from '../activities-api';

/** Starts tried per search: the first is nearly always booked; the others cover racers for it. */
const FITTING_PER_SEARCH = 5;
/** Free times outside the windows HR is shown beside them. */
const NEAREST_FOR_HR = 3;

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
  };
}
