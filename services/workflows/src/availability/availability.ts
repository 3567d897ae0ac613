import * as wf from '@temporalio/workflow';
import { DEFAULT_AVAILABILITY_RECHECK_MS, type AvailabilityState, type WindowSearch } from '@portal/shared/availability';
import type { AvailabilitySubmission, LifecycleInput, LifecycleState, LoopWindowsNotice } from '@portal/shared/lifecycle';
import { addWorkingDays } from '@portal/shared/working-days';
import type { InterviewEmailFacts } from '@portal/shared/email';
import type { ChangeSet } from '../changes/activities-api';
import type { AvailabilityActivities } from './activities-api';
import { refuse } from '../changes/failures';
import { availabilityChangedSignal, loopWindowsUpdate, submitAvailabilityUpdate } from './definitions';

const DEFAULT_HR_AFTER = { workingDays: 2 } as const;

/** The candidate's windows as received at `at`: searched at once, HR due after the lifecycle's setting (two working days by default). A loop's too (docs/adr/0077). */
export function windowsReceived(request: AvailabilitySubmission, at: number, timings: Pick<LifecycleInput['timings'], 'availabilityHrAfter'> | undefined): AvailabilityState {
  const hrAfter = timings?.availabilityHrAfter ?? DEFAULT_HR_AFTER;
  return {
    windows: request.windows,
    timezone: request.timezone,
    note: request.note ?? null,
    submittedAt: new Date(at).toISOString(),
    searchAt: new Date(at).toISOString(),
    hrDueAt: new Date('workingDays' in hrAfter ? addWorkingDays(at, hrAfter.workingDays) : at + hrAfter.afterMs).toISOString(),
    hrTold: false,
  };
}

/**
 * Tries each time found inside the windows in turn until one is taken; false when every one was lost
 * to a racer (or a limit filled since the search). `lost` says which failures mean "try the next".
 */
export async function firstTaken<T>(found: readonly T[], take: (time: T) => Promise<void>, lost: readonly string[] = ['SLOT_TAKEN']): Promise<boolean> {
  for (const time of found) {
    try {
      await take(time);
      return true;
    } catch (error) {
      const failure = error instanceof wf.ActivityFailure ? error.cause : error;
      if (!(failure instanceof wf.ApplicationFailure && lost.includes(failure.type ?? ''))) throw error;
    }
  }
  return false;
}

export interface AvailabilityDeps {
  input: LifecycleInput;
  state: LifecycleState;
  now: () => number;
  activityOptions: wf.ActivityOptions;
  apply: (event: 'RECORD', actor: string, detail: string, set: ChangeSet) => Promise<void>;
  /** Books `start` as a booking from the page would be, and says so in the timeline; throws SLOT_TAKEN when lost. */
  bookAt: (start: string, timezone: string, detail: string) => Promise<void>;
  /** Holds `start` for the candidate and offers it (HR's `offer`, docs/adr/0073); throws SLOT_TAKEN when lost. */
  offerAt: (start: string) => Promise<void>;
  publishSubmitted: (availability: AvailabilityState) => void;
  tellHr: (extra: Partial<InterviewEmailFacts>) => void;
  /** A held time's offer to the candidate, by email and (if they chose texts) by SMS. */
  sendHoldOffer: (extra: Partial<InterviewEmailFacts>, variant: string) => void;
  wake: () => void;
  /** The lifecycle's one lock, and the rule that refuses a booking now (the same refuses the windows). */
  exclusive: <T>(work: () => Promise<T>) => Promise<T>;
  refusal: () => void;
}

/**
 * "None of these times work" (docs/adr/0071): the candidate's windows ride on the lifecycle, which
 * searches them at once, again whenever booking says the pool's free times changed, and every
 * `availabilityRecheckMs` besides; the first fitting time is booked exactly as the candidate would
 * have booked it (claims, fairness, panel), and HR is told once if nothing fitted in time.
 */
export function createAvailabilityWatch(deps: AvailabilityDeps) {
  const { input, state, now } = deps;
  const { timings } = input;
  const recheckMs = timings.availabilityRecheckMs ?? DEFAULT_AVAILABILITY_RECHECK_MS;
  const { searchWindows } = wf.proxyActivities<AvailabilityActivities>(deps.activityOptions);

  const search = (availability: AvailabilityState): Promise<WindowSearch> =>
    searchWindows.executeWithOptions({ ...deps.activityOptions, summary: 'search the candidate’s windows' }, [
      { interviewId: input.interviewId, windows: availability.windows, rules: timings.slotRules },
    ]);

  /** The candidate's windows, taken in: they replace any sent before, and are searched at once. */
  async function submit(request: AvailabilitySubmission): Promise<void> {
    const availability = windowsReceived(request, now(), timings);
    const count = request.windows.length;
    await deps.apply('RECORD', 'candidate', `sent ${count} window${count === 1 ? '' : 's'} they could come in`, { availability });
    deps.publishSubmitted(availability);
  }

  /** Booking heard of a change in the pool: search now rather than at the next re-check. */
  function poolChanged(): void {
    const availability = state.availability;
    if (!availability || state.status !== 'INVITED' || Date.parse(availability.searchAt) <= now()) return;
    state.availability = { ...availability, searchAt: new Date(now()).toISOString() };
    deps.wake();
  }

  /**
   * Tries the fitting times in order, leaving out those the candidate let go; true once one is
   * booked, or, where HR asked to offer, held and offered.
   */
  async function bookFirst(availability: AvailabilityState, fitting: string[]): Promise<boolean> {
    const passed = new Set((availability.passed ?? []).map((start) => Date.parse(start)));
    return firstTaken(
      fitting.filter((at) => !passed.has(Date.parse(at))),
      (start) =>
        timings.availabilityAction === 'offer' ? deps.offerAt(start) : deps.bookAt(start, availability.timezone, `booked ${start}, inside the times the candidate could come`),
    );
  }

  async function searchNow(): Promise<void> {
    const availability = state.availability;
    // An offered time is open: the candidate's answer (or its expiry) comes first.
    if (!availability || state.status !== 'INVITED' || state.hold) return;
    const found = await search(availability);
    if (await bookFirst(availability, found.fitting)) return;
    const next = now() + recheckMs;
    state.availability = { ...availability, searchAt: new Date(next).toISOString() };
  }

  /** Nothing fitted in time: HR hears once, with the windows and the free times nearest them. */
  async function tellHr(): Promise<void> {
    const availability = state.availability;
    if (!availability || availability.hrTold || state.status !== 'INVITED' || state.hold) return;
    const found = await search(availability);
    if (await bookFirst(availability, found.fitting)) return;
    await deps.apply('RECORD', 'system', 'HR told: no free time fits the candidate’s windows', { availability: { ...availability, hrTold: true } });
    deps.tellHr({ availability: { windows: availability.windows, timezone: availability.timezone, note: availability.note, nearest: found.nearest } });
  }

  /**
   * A loop's word (docs/adr/0077): the candidate's windows for the whole loop, kept here for the
   * session's page, HR and the webhook (the loop searches them), or HR told that no itinerary fitted.
   */
  async function fromLoop(notice: LoopWindowsNotice): Promise<void> {
    if (notice.kind === 'holdOffer') {
      // The loop holds the itinerary and its timer; this session carries the offer to the candidate,
      // and its timeline's line is the change the candidate's open page follows.
      const { hold } = notice;
      const what = hold.purpose === 'window' ? 'itinerary inside their windows' : 'earlier itinerary';
      await deps.apply('RECORD', 'system', `${what} from ${hold.start} to ${hold.end} held for the candidate until ${hold.expiresAt}`, {});
      deps.sendHoldOffer({ hold }, hold.id);
      return;
    }
    if (notice.kind === 'holdEnded') {
      await deps.apply('RECORD', 'system', notice.detail, {});
      return;
    }
    if (state.status !== 'INVITED') refuse({ code: 'ILLEGAL_TRANSITION', message: `The session is ${state.status}; only an invited loop takes windows.` });
    if (notice.kind === 'record') {
      const availability: AvailabilityState = { ...notice.availability, byLoop: true };
      const count = availability.windows.length;
      await deps.apply('RECORD', 'candidate', `sent ${count} window${count === 1 ? '' : 's'} they could come in, for the whole loop`, { availability });
      deps.publishSubmitted(availability);
      return;
    }
    const availability = state.availability;
    if (!availability || availability.hrTold) return;
    await deps.apply('RECORD', 'system', 'HR told: no itinerary of the loop fits the candidate’s windows', { availability: { ...availability, hrTold: true } });
    deps.tellHr({ availability: { windows: availability.windows, timezone: availability.timezone, note: availability.note, nearest: notice.nearest } });
  }

  /** The updates and the signal; a loop's sessions take windows from their loop only. */
  function register(): void {
    wf.setHandler(
      submitAvailabilityUpdate,
      (request) =>
        deps.exclusive(async () => {
          deps.refusal();
          await submit(request);
          return state;
        }),
      { validator: (_request) => deps.refusal() },
    );
    wf.setHandler(availabilityChangedSignal, poolChanged);
    wf.setHandler(loopWindowsUpdate, (notice) =>
      deps.exclusive(async () => {
        await fromLoop(notice);
        return state;
      }),
    );
  }

  return { register, searchNow, tellHr };
}

export type AvailabilityWatch = ReturnType<typeof createAvailabilityWatch>;
