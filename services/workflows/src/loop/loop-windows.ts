import * as wf from '@temporalio/workflow';
import { DEFAULT_AVAILABILITY_RECHECK_MS, type AvailabilityState } from '@portal/shared/availability';
import type { AvailabilitySubmission, LoopWindowsNotice } from '@portal/shared/lifecycle';
import { LOOP_UPDATES, type LoopInput, type LoopState } from '@portal/shared/loops';
import type { Refusal } from '@portal/shared/rules';
import type { AvailabilityActivities } from '../availability/activities-api';
import { firstTaken, windowsReceived } from '../availability/availability';
import { availabilityChangedSignal } from '../availability/definitions';
import { refuse, refuseIf } from '../changes/failures';
import { loopRetry as retry, remote } from './loop-activities';

export const submitLoopAvailabilityUpdate = wf.defineUpdate<LoopState, [AvailabilitySubmission]>(LOOP_UPDATES.submitAvailability);

const { searchLoopWindows } = wf.proxyActivities<AvailabilityActivities>({ startToCloseTimeout: '1 minute', retry });

export interface LoopWindowsDeps {
  input: LoopInput;
  state: LoopState;
  exclusive: <T>(work: () => Promise<T>) => Promise<T>;
  changed: () => void;
  /** Claims every session at `starts` and hands the claims to the sessions, as the candidate's own booking would; throws SLOT_TAKEN when one is lost. */
  bookFound: (starts: string[], timezone: string) => Promise<void>;
  /** Claims every session at `starts` and holds them for the candidate, offered (HR's `offer`); throws SLOT_TAKEN when one is lost. */
  offerFound: (starts: string[]) => Promise<void>;
  /** Every session's lifecycle has ended: nothing more to search. */
  finished: () => boolean;
}


/**
 * "None of these times work" for a loop (docs/adr/0077): the candidate's windows ride on the loop,
 * which searches whole itineraries inside them (every session inside a window, the loop's order,
 * breaks and days kept) at once, whenever booking says a session's pool changed, and every
 * re-check besides; the first fitting itinerary is claimed and booked as the candidate's own
 * booking of it would be. Each session keeps a copy of the windows for its page, HR and the
 * webhook; HR hears once, through the first session, when nothing fitted in time. The watch sets
 * no timer until windows exist, so loops recorded before it replay unchanged.
 */
export function registerLoopWindows(deps: LoopWindowsDeps) {
  const { input, state } = deps;
  const timings = input.sessions[0]?.timings;
  const recheckMs = timings?.availabilityRecheckMs ?? DEFAULT_AVAILABILITY_RECHECK_MS;
  // HR asked, on any session's kind, that a time found be offered rather than booked (docs/adr/0073, 0077).
  const offer = input.sessions.some((s) => s.timings.availabilityAction === 'offer');
  let wakes = 0;
  // After a failed search or word to HR, nothing is tried again before this.
  let quietUntil = 0;

  const refusal = (): Refusal | null =>
    state.status === 'INVITED' ? null : { code: 'ILLEGAL_TRANSITION', message: `The loop is ${state.status}; windows can be sent only before it is booked.` };

  const tellSessions = (notice: LoopWindowsNotice, interviewIds: string[], summary: string) =>
    remote.tellLoopSessions.executeWithOptions({ summary, startToCloseTimeout: '2 minutes', retry }, [
      { changeId: `${wf.workflowInfo().workflowId}:v${state.version}`, interviewIds, notice },
    ]);

  const search = (availability: AvailabilityState, withNearest: boolean) =>
    // A few tries only: the search runs under the loop's lock, and a failed one waits for the next re-check.
    searchLoopWindows.executeWithOptions({ startToCloseTimeout: '1 minute', retry: { ...retry, maximumAttempts: 3 }, summary: 'search the candidate’s windows for an itinerary' }, [
      {
        loopId: input.loopId,
        windows: availability.windows,
        timezone: availability.timezone,
        sessions: input.sessions.map((s) => ({ interviewId: s.interviewId, rules: s.timings.slotRules })),
        withNearest,
      },
    ]);

  async function submit(request: AvailabilitySubmission): Promise<void> {
    const availability = windowsReceived(request, Date.now(), timings);
    const answers = await tellSessions({ kind: 'record', availability }, input.sessions.map((s) => s.interviewId), 'keep the windows on every session');
    const refused = answers.find((a) => 'refused' in a);
    if (refused && 'refused' in refused) refuse({ code: 'ILLEGAL_TRANSITION', message: `A session of the loop takes no windows: ${refused.refused.message}` });
    state.availability = availability;
    deps.changed();
    wakes += 1;
  }

  /**
   * Tries the fitting itineraries in order (one lost to a racer or a filled limit: the next), leaving
   * out those the candidate let go; true once one is booked or, where a session's kind asks HR's
   * `offer`, held and offered.
   */
  const bookFirst = (availability: AvailabilityState, fitting: string[][]): Promise<boolean> => {
    const passed = new Set((availability.passed ?? []).map((start) => Date.parse(start)));
    const open = fitting.filter((starts) => !passed.has(Math.min(...starts.map((s) => Date.parse(s)))));
    return firstTaken(open, (starts) => (offer ? deps.offerFound(starts) : deps.bookFound(starts, availability.timezone)), ['SLOT_TAKEN', 'SLOT_UNAVAILABLE']);
  };

  async function searchNow(): Promise<void> {
    const availability = state.availability;
    if (!availability || state.status !== 'INVITED') return;
    const found = await search(availability, false);
    if (await bookFirst(availability, found.fitting)) return;
    state.availability = { ...availability, searchAt: new Date(Date.now() + recheckMs).toISOString() };
  }

  /** Nothing fitted in time: HR hears once, with the windows and the itineraries nearest them. */
  async function tellHr(): Promise<void> {
    const availability = state.availability;
    if (!availability || availability.hrTold || state.status !== 'INVITED') return;
    const found = await search(availability, true);
    if (await bookFirst(availability, found.fitting)) return;
    const [first] = input.sessions;
    if (first) await tellSessions({ kind: 'unmatched', nearest: found.nearest }, [first.interviewId], 'tell HR: no itinerary fits the windows');
    state.availability = { ...availability, hrTold: true };
    deps.changed();
  }

  /** The next thing the windows wait for: a search while any window is still ahead, HR's word once it is due. */
  function due(): { at: number; kind: 'search' | 'hr' } | null {
    const availability = state.availability;
    // An itinerary offered is open: the candidate's answer (or its expiry) comes first.
    if (!availability || state.status !== 'INVITED' || state.hold?.purpose === 'window') return null;
    const lastEnd = Math.max(...availability.windows.map((w) => Date.parse(w.end)));
    const searchAt = Date.parse(availability.searchAt);
    const hrAt = Math.min(Date.parse(availability.hrDueAt), lastEnd);
    const next = [searchAt < lastEnd ? { at: searchAt, kind: 'search' as const } : null, availability.hrTold ? null : { at: hrAt, kind: 'hr' as const }]
      .filter((d) => d !== null)
      .sort((a, b) => a.at - b.at);
    const first = next[0];
    return first ? { ...first, at: Math.max(first.at, quietUntil) } : null;
  }

  wf.setHandler(
    submitLoopAvailabilityUpdate,
    (request) =>
      deps.exclusive(async () => {
        refuseIf(refusal());
        await submit(request);
        return state;
      }),
    { validator: (_request) => refuseIf(refusal()) },
  );

  /** Booking heard of a change in a session's pool: search now rather than at the next re-check. */
  wf.setHandler(availabilityChangedSignal, () => {
    const availability = state.availability;
    if (!availability || state.status !== 'INVITED' || Date.parse(availability.searchAt) <= Date.now()) return;
    state.availability = { ...availability, searchAt: new Date(Date.now()).toISOString() };
    wakes += 1;
  });

  /** The windows' own timer loop, beside the loop's others; it ends with the sessions. */
  async function watch(): Promise<void> {
    for (;;) {
      await wf.condition(() => deps.finished() || due() !== null);
      if (deps.finished()) return;
      const next = due();
      if (next === null) continue;
      const seen = wakes;
      const wait = next.at - Date.now();
      const summary = next.kind === 'search' ? 'search the candidate’s windows' : 'tell HR if no itinerary fits the windows';
      if (wait > 0 && (await wf.condition(() => deps.finished() || wakes !== seen || due()?.at !== next.at, wait, { summary }))) continue;
      try {
        await deps.exclusive(async () => {
          if (wakes === seen) await (next.kind === 'search' ? searchNow() : tellHr());
        });
      } catch (error) {
        // The windows never stop the loop: a failed search waits for the next re-check.
        wf.log.warn('the search of the candidate’s windows failed; trying again at the next re-check', { error: String(error) });
        quietUntil = Date.now() + recheckMs;
      }
    }
  }

  return { watch };
}
