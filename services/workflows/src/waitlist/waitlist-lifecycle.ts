import * as wf from '@temporalio/workflow';
import { LIFECYCLE_UPDATES, type LifecycleInput, type LifecycleState, type SlotRequest, type SlotState } from '@portal/shared/lifecycle';
import {
  DEFAULT_HOLD_MINUTES,
  HOLD_OFFERED_SIGNAL,
  TIME_FREED_SIGNAL,
  type HoldAnswer,
  type HoldOffer,
  type TimeFreed,
  type WaitlistJoin,
  waitlistCoordinatorId,
} from '@portal/shared/waitlist';
import type { Refusal } from '@portal/shared/rules';
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
  releaseClaim: (claimId: string, summary: string) => Promise<void>;
  /** Whether the candidate may move the booking now (the allowance, the cutoff): the waitlist is for those who may. */
  moveRefusal: () => Refusal | null;
  refuse: (refusal: Refusal) => never;
  send: (extra: Partial<InterviewEmailFacts>, variant: string) => void;
  wake: () => void;
}

const refusal = (message: string): Refusal => ({ code: 'BAD_INPUT', message });

/**
 * The lifecycle's side of the waitlist (docs/adr/0072): joining and leaving, and the hold the
 * coordinator offers: recorded and sent at once, the candidate's alone until it expires (a durable
 * timer), accepted as a reschedule to the held time (whose claim is already the candidate's), or
 * declined. A hold that ends unused takes the candidate off the waitlist and passes the time on.
 */
export function createWaitlist(deps: WaitlistDeps) {
  const { input, state, now } = deps;
  const holdMs = input.timings.holdMs ?? DEFAULT_HOLD_MINUTES * 60_000;

  /** Word to the coordinator that the pool's time freed (a hold ended, a move left a time). */
  async function tellCoordinator(): Promise<void> {
    const interviewerIds = input.interviewerIds ?? state.slot?.panel.map((m) => m.interviewerId) ?? [];
    try {
      await wf.getExternalWorkflowHandle(waitlistCoordinatorId(wf.workflowInfo().taskQueue)).signal<[TimeFreed]>(TIME_FREED_SIGNAL, { interviewerIds });
    } catch (error) {
      // No coordinator running: nobody waits, and the next word of freed time starts it.
      wf.log.info('the waitlist coordinator is not running; nothing to pass the time to', { error: String(error) });
    }
  }

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

  /** A hold that ends unused: its claim released, the candidate off the waitlist, the time passed on. */
  async function endHold(hold: HoldOffer, actor: string, detail: string): Promise<void> {
    await deps.releaseClaim(hold.claimId, `release held time ${hold.start}`);
    await deps.apply('RECORD', actor, detail, { hold: null, waitlist: null });
    await tellCoordinator();
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
          await endHold(hold, 'candidate', 'declined the earlier time held for them; left the waitlist');
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
    const wanted = state.status === 'SCHEDULED' && state.waitlist && state.slot !== null && Date.parse(hold.start) < Date.parse(state.slot.start);
    if (!wanted) {
      state.hold = null;
      await deps.releaseClaim(hold.claimId, `release held time ${hold.start}`);
      await tellCoordinator();
      return;
    }
    await deps.apply('RECORD', 'system', `earlier time ${hold.start} held for the candidate until ${hold.expiresAt}`, { hold: { ...hold, announced: true } });
    deps.send({ hold: { start: hold.start, end: hold.end, expiresAt: hold.expiresAt } }, hold.id);
  }

  async function expire(): Promise<void> {
    const hold = state.hold;
    if (!hold || !hold.announced || Date.parse(hold.expiresAt) > now()) return;
    await endHold(hold, 'system', 'the earlier time held for the candidate expired unused; left the waitlist');
  }

  return { register, announce, expire };
}

export type WaitlistLifecycle = ReturnType<typeof createWaitlist>;
