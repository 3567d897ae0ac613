import * as wf from '@temporalio/workflow';
import { LIFECYCLE_UPDATES, type LifecycleInput, type LifecycleState, type SlotRequest, type SlotState } from '@portal/shared/lifecycle';
import {
  DEFAULT_HOLD_MINUTES,
  HOLD_OFFERED_SIGNAL,
  TIME_FREED_SIGNAL,
  holdIdOf,
  type HoldAnswer,
  type HoldOffer,
  type TimeFreed,
  type WaitlistJoin,
  waitlistCoordinatorId,
} from '@portal/shared/waitlist';
import type { Refusal } from '@portal/shared/rules';
import { DEFAULT_AVAILABILITY_RECHECK_MS } from '@portal/shared/availability';
import type { InterviewEmailFacts } from '@portal/shared/email';
import type { ChangeSet } from '../changes/activities-api';

export const joinWaitlistUpdate = wf.defineUpdate<LifecycleState, [WaitlistJoin & { beforeInstant?: string }]>(LIFECYCLE_UPDATES.joinWaitlist);
export const leaveWaitlistUpdate = wf.defineUpdate<LifecycleState, []>(LIFECYCLE_UPDATES.leaveWaitlist);
export const acceptHoldUpdate = wf.defineUpdate<LifecycleState, [HoldAnswer]>(LIFECYCLE_UPDATES.acceptHold);
export const declineHoldUpdate = wf.defineUpdate<LifecycleState, [HoldAnswer]>(LIFECYCLE_UPDATES.declineHold);
export const holdOfferedSignal = wf.defineSignal<[HoldOffer]>(HOLD_OFFERED_SIGNAL);

export interface WaitlistDeps {
  input: LifecycleInput;
  state: LifecycleState;
  now: () => number;
  exclusive: <T>(work: () => Promise<T>) => Promise<T>;
  apply: (event: 'RECORD', actor: string, detail: string, set: ChangeSet) => Promise<void>;
  /** The move a reschedule makes; `also` is recorded with it. */
  moveNow: (request: SlotRequest, also: ChangeSet) => Promise<SlotState | null>;
  /** The candidate's booking of a time offered inside their windows; `also` is recorded with it (docs/adr/0073). */
  bookHeld: (start: string, timezone: string, also: ChangeSet) => Promise<void>;
  /** Claims a time for this interview alone, without booking it; throws SLOT_TAKEN when another has it. */
  claimAt: (start: string) => Promise<SlotState>;
  releaseClaim: (claimId: string, summary: string) => Promise<void>;
  /** Whether the candidate may move the booking now (the allowance, the cutoff): the waitlist is for those who may. */
  moveRefusal: () => Refusal | null;
  refuse: (refusal: Refusal) => never;
  /** The offer, by email and (to a candidate who opted in) by text. */
  send: (extra: Partial<InterviewEmailFacts>, variant: string) => void;
  wake: () => void;
}

const refusal = (message: string): Refusal => ({ code: 'BAD_INPUT', message });

/**
 * The lifecycle's holds. The waitlist's (docs/adr/0072): joining and leaving, and the earlier time
 * the coordinator holds: recorded and sent at once, the candidate's alone until it expires (a durable
 * timer), accepted as a reschedule to the held time (whose claim is already the candidate's), or
 * declined. A hold that ends unused takes the candidate off the waitlist and passes the time on.
 * The windows' (docs/adr/0073): a time found inside them, offered the same way and accepted as the
 * candidate's booking; one let go is not offered again.
 */
/** Word to the waitlist's coordinator that these interviewers' time freed; a lifecycle's or a loop's (docs/adr/0072, 0077). */
export async function timeFreedForWaitlist(interviewerIds: string[]): Promise<void> {
  try {
    await wf.getExternalWorkflowHandle(waitlistCoordinatorId(wf.workflowInfo().taskQueue)).signal<[TimeFreed]>(TIME_FREED_SIGNAL, { interviewerIds });
  } catch (error) {
    // No coordinator running: nobody waits, and the next word of freed time starts it.
    wf.log.info('the waitlist coordinator is not running; nothing to pass the time to', { error: String(error) });
  }
}

export function createWaitlist(deps: WaitlistDeps) {
  const { input, state, now } = deps;
  const holdMs = input.timings.holdMs ?? DEFAULT_HOLD_MINUTES * 60_000;

  /** Word to the coordinator that the pool's time freed (a hold ended, a move left a time). */
  const tellCoordinator = () => timeFreedForWaitlist(input.interviewerIds ?? state.slot?.panel.map((m) => m.interviewerId) ?? []);

  function joinRefusal(): Refusal | null {
    if (state.status !== 'SCHEDULED' || state.slot === null) return refusal('Only a booked interview can wait for an earlier time.');
    if (input.loop !== undefined) return refusal('A loop’s sessions move together: write to HR for an earlier day.');
    return deps.moveRefusal();
  }

  function openHold(holdId: string): HoldOffer {
    const hold = state.hold;
    if (!hold || hold.id !== holdId || !hold.announced) deps.refuse({ code: 'NOT_FOUND', message: 'That held time is not yours any more: it expired, or another was offered.' });
    if (Date.parse(hold.expiresAt) <= now()) deps.refuse({ code: 'SLOT_TAKEN', message: 'The hold on that time has expired.' });
    return hold;
  }

  const forWindows = (hold: HoldOffer) => hold.purpose === 'window';

  /**
   * A hold that ends unused: its claim released and the time passed on. An earlier time takes the
   * candidate off the waitlist; a time offered inside the windows is not offered again, and the
   * windows are searched on (at once after a decline, at the next re-check after an expiry).
   */
  async function endHold(hold: HoldOffer, actor: string, detail: string, searchAt: number): Promise<void> {
    await deps.releaseClaim(hold.claimId, `release held time ${hold.start}`);
    const availability = state.availability;
    const after: ChangeSet =
      forWindows(hold) && availability
        ? { hold: null, availability: { ...availability, passed: [...(availability.passed ?? []), hold.start], searchAt: new Date(searchAt).toISOString() } }
        : { hold: null, waitlist: null };
    await deps.apply('RECORD', actor, detail, after);
    await tellCoordinator();
  }

  /**
   * A free time inside the candidate's windows, offered rather than booked (HR's `offer`, docs/adr/0073):
   * claimed for this interview alone, then recorded and sent as any hold. Throws SLOT_TAKEN when lost.
   */
  async function offerWindowTime(start: string): Promise<void> {
    const slot = await deps.claimAt(start);
    state.hold = {
      id: holdIdOf(input.interviewId, slot.start),
      interviewId: input.interviewId,
      start: slot.start,
      end: slot.end,
      claimId: slot.claimId,
      expiresAt: new Date(now() + holdMs).toISOString(),
      purpose: 'window',
      announced: false,
    };
    await announce();
  }

  function register(): void {
    wf.setHandler(
      joinWaitlistUpdate,
      ({ before, beforeInstant }) =>
        deps.exclusive(async () => {
          const refused = joinRefusal();
          if (refused) deps.refuse(refused);
          const waitlist = { joinedAt: new Date(now()).toISOString(), before: before ?? null };
          await deps.apply('RECORD', 'candidate', `joined the waitlist for an earlier time${before ? ` before ${before}` : ''}`, {
            waitlist,
            waitlistEntry: { rules: { ...input.timings.slotRules }, holdMs, before: beforeInstant ?? null },
          });
          return state;
        }),
      {
        validator: (_request) => {
          const refused = joinRefusal();
          if (refused) deps.refuse(refused);
          // Joining again while a hold is open would rewrite the entry as holding nothing, and the
          // coordinator would hold a second time that nobody gives back. Refused here, in the
          // validator only: a refusal there is never in the history, so running lifecycles replay.
          if (state.hold) deps.refuse(refusal('An earlier time is held for you: take it or let it go first.'));
        },
      },
    );

    wf.setHandler(leaveWaitlistUpdate, () =>
      deps.exclusive(async () => {
        if (!state.waitlist) return state;
        const hold = state.hold;
        if (hold) await deps.releaseClaim(hold.claimId, `release held time ${hold.start}`);
        await deps.apply('RECORD', 'candidate', 'left the waitlist', { waitlist: null, hold: null });
        if (hold) await tellCoordinator();
        return state;
      }),
    );

    wf.setHandler(
      acceptHoldUpdate,
      ({ holdId }) =>
        deps.exclusive(async () => {
          const hold = openHold(holdId);
          if (forWindows(hold)) {
            const timezone = state.availability?.timezone ?? state.candidateTimezone ?? input.candidateTimezone;
            await deps.bookHeld(hold.start, timezone, { hold: null });
            return state;
          }
          await deps.moveNow({ start: hold.start, actor: 'candidate', reason: 'accepted the earlier time held for them' }, { waitlist: null, hold: null });
          // The time left behind may be earlier than the next candidate's.
          await tellCoordinator();
          return state;
        }),
      { validator: ({ holdId }) => void openHold(holdId) },
    );

    wf.setHandler(
      declineHoldUpdate,
      ({ holdId }) =>
        deps.exclusive(async () => {
          const hold = openHold(holdId);
          const detail = forWindows(hold) ? `let the time ${hold.start} offered inside their windows go` : 'declined the earlier time held for them; left the waitlist';
          await endHold(hold, 'candidate', detail, now());
          return state;
        }),
      { validator: ({ holdId }) => void openHold(holdId) },
    );

    wf.setHandler(holdOfferedSignal, (hold) => {
      if (state.hold?.id === hold.id) return;
      if (state.hold) {
        wf.log.warn('a second hold offered while one is open; the first stays', { open: state.hold.id, offered: hold.id });
        return;
      }
      // Taken in by the timer loop at once (the 'hold-announce' deadline): recorded, sent, and timed.
      state.hold = { ...hold, announced: false };
      deps.wake();
    });
  }

  /** The held time is recorded and offered; one no longer wanted (the booking moved or ended since) is given back. */
  async function announce(): Promise<void> {
    const hold = state.hold;
    if (!hold || hold.announced) return;
    const wanted = forWindows(hold)
      ? state.status === 'INVITED' && state.availability !== undefined && state.availability !== null
      : state.status === 'SCHEDULED' && state.waitlist && state.slot !== null && Date.parse(hold.start) < Date.parse(state.slot.start);
    if (!wanted) {
      state.hold = null;
      await deps.releaseClaim(hold.claimId, `release held time ${hold.start}`);
      await tellCoordinator();
      return;
    }
    const what = forWindows(hold) ? 'time inside their windows' : 'earlier time';
    await deps.apply('RECORD', 'system', `${what} ${hold.start} held for the candidate until ${hold.expiresAt}`, { hold: { ...hold, announced: true } });
    deps.send({ hold: { start: hold.start, end: hold.end, expiresAt: hold.expiresAt, ...(forWindows(hold) ? { purpose: 'window' as const } : {}) } }, hold.id);
  }

  /**
   * The candidate booked while a time inside their windows was offered (another time on the page,
   * or this one): the offer is over, and its claim goes unless it is the booking's own.
   */
  async function booked(slot: SlotState): Promise<void> {
    const hold = state.hold;
    if (!hold || !forWindows(hold)) return;
    const kept = hold.claimId === slot.claimId;
    if (!kept) await deps.releaseClaim(hold.claimId, `release held time ${hold.start}`);
    await deps.apply('RECORD', 'system', `the time ${hold.start} offered inside the windows is no longer held: ${slot.start} is booked`, { hold: null });
    if (!kept) await tellCoordinator();
  }

  async function expire(): Promise<void> {
    const hold = state.hold;
    if (!hold || !hold.announced || Date.parse(hold.expiresAt) > now()) return;
    if (forWindows(hold)) {
      const recheckMs = input.timings.availabilityRecheckMs ?? DEFAULT_AVAILABILITY_RECHECK_MS;
      await endHold(hold, 'system', `the time ${hold.start} offered inside the candidate's windows expired unanswered`, now() + recheckMs);
      return;
    }
    await endHold(hold, 'system', 'the earlier time held for the candidate expired unused; left the waitlist', now());
  }

  return { register, announce, expire, offerWindowTime, booked };
}

export type WaitlistLifecycle = ReturnType<typeof createWaitlist>;
