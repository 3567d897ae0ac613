import * as wf from '@temporalio/workflow';
import type { LoopWindowsNotice } from '@portal/shared/lifecycle';
import { LOOP_UPDATES, type LoopInput, type LoopMoveRequest, type LoopState } from '@portal/shared/loops';
import type { Refusal } from '@portal/shared/rules';
import { DEFAULT_HOLD_MINUTES, HOLD_OFFERED_SIGNAL, type HoldAnswer, type HoldOffer, type WaitlistJoin } from '@portal/shared/waitlist';
import { DEFAULT_AVAILABILITY_RECHECK_MS } from '@portal/shared/availability';
import type { LoopWaitlistRecord, WaitlistActivities } from '../waitlist/activities-api';
import { timeFreedForWaitlist } from '../waitlist/waitlist-lifecycle';
import { refuse, refuseIf } from '../changes/failures';
import { local, loopRetry as retry, remote } from './loop-activities';

export const joinLoopWaitlistUpdate = wf.defineUpdate<LoopState, [WaitlistJoin & { beforeInstant?: string }]>(LOOP_UPDATES.joinWaitlist);
export const leaveLoopWaitlistUpdate = wf.defineUpdate<LoopState, []>(LOOP_UPDATES.leaveWaitlist);
export const acceptLoopHoldUpdate = wf.defineUpdate<LoopState, [HoldAnswer]>(LOOP_UPDATES.acceptHold);
export const declineLoopHoldUpdate = wf.defineUpdate<LoopState, [HoldAnswer]>(LOOP_UPDATES.declineHold);
const loopHoldOfferedSignal = wf.defineSignal<[HoldOffer]>(HOLD_OFFERED_SIGNAL);

const { recordLoopWaitlist } = wf.proxyActivities<WaitlistActivities>({ startToCloseTimeout: '1 minute', retry });

export interface LoopWaitlistDeps {
  input: LoopInput;
  state: LoopState;
  exclusive: <T>(work: () => Promise<T>) => Promise<T>;
  changed: () => void;
  /** The loop's own move of its sessions, all or nothing on their claims (loop-moves.ts); the lock is held. */
  moveTogether: (request: LoopMoveRequest) => Promise<void>;
  /** Books an itinerary offered inside the candidate's windows on the claims its hold keeps; the lock is held. */
  bookHeld: (hold: HoldOffer) => Promise<void>;
  finished: () => boolean;
}

/**
 * The waitlist for a loop (docs/adr/0077): a booked loop's candidate waits for an earlier whole
 * itinerary. The coordinator holds one for the first waiting candidate by claiming every session
 * (as it holds a single time), and signals the loop, which keeps the hold as a single lifecycle
 * does: recorded on the loop, offered through the first session's email and texts, the
 * candidate's alone until its durable timer ends. Accepting moves every session there as the
 * loop's own move does (the claims are already the candidate's); declining, or the timer, releases
 * them, takes the candidate off the waitlist and passes the time on. Nothing here sets a timer or
 * runs an activity until a candidate joins, so loops recorded before it replay unchanged.
 */
export function registerLoopWaitlist(deps: LoopWaitlistDeps) {
  const { input, state } = deps;
  const timings = input.sessions[0]?.timings;
  const holdMs = timings?.holdMs ?? DEFAULT_HOLD_MINUTES * 60_000;
  const pool = [...new Set(input.sessions.flatMap((s) => s.interviewerIds ?? []))];
  let wakes = 0;

  const firstStart = (): number => Math.min(...state.sessions.map((s) => (s.start ? Date.parse(s.start) : Infinity)));
  /** The loop's first session is within the change cutoff: none of its sessions may move now. */
  const tooLate = (): boolean => firstStart() - (timings?.changeCutoffMs ?? 0) <= Date.now();
  /** Holds the coordinator offered while one was open: their claims are given back by the watch. */
  const unwanted: HoldOffer[] = [];
  /** A hold of an itinerary found inside the candidate's windows (HR's `offer`), not an earlier one from the waitlist. */
  const forWindows = (hold: HoldOffer) => hold.purpose === 'window';
  const recheckMs = timings?.availabilityRecheckMs ?? DEFAULT_AVAILABILITY_RECHECK_MS;

  function joinRefusal(): Refusal | null {
    if (state.status !== 'BOOKED' || state.sessions.some((s) => s.start === null)) {
      return { code: 'BAD_INPUT', message: 'Only a booked loop can wait for an earlier time.' };
    }
    if (tooLate()) return { code: 'TOO_LATE_TO_CHANGE', message: 'The loop starts too soon to be moved.' };
    if (state.hold) return { code: 'BAD_INPUT', message: 'An earlier time is held for you: take it or let it go first.' };
    return null;
  }

  function openHold(holdId: string): HoldOffer {
    const hold = state.hold;
    if (!hold || hold.id !== holdId || !hold.announced) refuse({ code: 'NOT_FOUND', message: 'That held time is not yours any more: it expired, or another was offered.' });
    if (Date.parse(hold.expiresAt) <= Date.now()) refuse({ code: 'SLOT_TAKEN', message: 'The hold on that time has expired.' });
    return hold;
  }

  /** The held itinerary may be taken: open, and the loop not yet within its change cutoff. */
  function takeableHold(holdId: string): HoldOffer {
    const hold = openHold(holdId);
    if (!forWindows(hold) && tooLate()) refuse({ code: 'TOO_LATE_TO_CHANGE', message: 'The loop starts too soon to be moved; the held time can only be let go.' });
    return hold;
  }

  const record = (entry?: LoopWaitlistRecord['entry']) =>
    recordLoopWaitlist.executeWithOptions({ startToCloseTimeout: '1 minute', retry, summary: 'record the waitlist' }, [
      { loopId: input.loopId, waitlist: state.waitlist ?? null, hold: state.hold?.announced ? state.hold : null, ...(entry ? { entry } : {}) },
    ]);

  /** The hold's claims given back, but never one a session now stands on (moved there, or booked there). */
  const releaseClaims = (hold: HoldOffer) =>
    Promise.all(
      (hold.loop?.sessions ?? [])
        .filter((held) => state.sessions.find((s) => s.interviewId === held.interviewId)?.start !== held.start)
        .map((s) => local.releaseSlot.executeWithOptions({ startToCloseTimeout: '30 seconds', retry, summary: `release held time ${s.start}` }, [{ interviewId: s.interviewId, claimId: s.claimId }])),
    );

  /** Word to the coordinator that the pools' time freed (a hold ended, a move left an itinerary behind). */
  const tellCoordinator = () => timeFreedForWaitlist(pool);

  /** A hold that ends unused: its claims released, the candidate off the waitlist, the time passed on. */
  async function endHold(hold: HoldOffer, detail: string, searchAt = Date.now()): Promise<void> {
    await releaseClaims(hold);
    state.hold = null;
    const availability = state.availability;
    if (forWindows(hold) && availability) {
      // Let go or left to expire: not offered again while the search goes on (docs/adr/0073).
      state.availability = { ...availability, passed: [...(availability.passed ?? []), hold.start], searchAt: new Date(searchAt).toISOString() };
    } else {
      state.waitlist = null;
    }
    await record();
    deps.changed();
    await tellFirstSession({ kind: 'holdEnded', detail }, `${hold.id}:v${state.version}:ended`, 'say the held itinerary ended');
    await tellCoordinator();
  }

  /** A word to the first session's lifecycle: it carries the offer, and its timeline (which the open page follows) the hold's end. */
  async function tellFirstSession(notice: LoopWindowsNotice, change: string, summary: string): Promise<void> {
    const [first] = input.sessions;
    if (!first) return;
    await remote.tellLoopSessions.executeWithOptions({ summary, startToCloseTimeout: '2 minutes', retry }, [
      { changeId: `${wf.workflowInfo().workflowId}:${change}`, interviewIds: [first.interviewId], notice },
    ]);
  }

  /** The held itinerary recorded and offered, or given back when no longer wanted (moved or ended since). */
  async function announce(hold: HoldOffer): Promise<void> {
    const wanted = forWindows(hold)
      ? state.status === 'INVITED' && Boolean(state.availability)
      : state.status === 'BOOKED' && state.waitlist && Date.parse(hold.start) < firstStart();
    if (!wanted) {
      state.hold = null;
      await releaseClaims(hold);
      await record();
      await tellCoordinator();
      return;
    }
    state.hold = { ...hold, announced: true };
    await record();
    deps.changed();
    await tellFirstSession({ kind: 'holdOffer', hold: { id: hold.id, start: hold.start, end: hold.end, expiresAt: hold.expiresAt, ...(forWindows(hold) ? { purpose: 'window' as const } : {}) } }, `${hold.id}:v${state.version}`, 'offer the held itinerary');
  }

  /** The booking ended (cancelled, taking place) while waiting: the waitlist and any hold go. */
  async function drop(): Promise<void> {
    const hold = state.hold;
    if (hold) await releaseClaims(hold);
    state.hold = null;
    state.waitlist = null;
    await record();
    if (hold) await tellCoordinator();
  }

  wf.setHandler(
    joinLoopWaitlistUpdate,
    ({ before, beforeInstant }) =>
      deps.exclusive(async () => {
        refuseIf(joinRefusal());
        state.waitlist = { joinedAt: new Date(Date.now()).toISOString(), before: before ?? null };
        await record({
          interviewerIds: pool,
          slotStart: new Date(firstStart()).toISOString(),
          before: beforeInstant ?? null,
          holdMs,
          sessions: input.sessions.map((s) => ({ interviewId: s.interviewId, rules: { ...s.timings.slotRules } })),
        });
        deps.changed();
        return state;
      }),
    { validator: (_request) => refuseIf(joinRefusal()) },
  );

  wf.setHandler(leaveLoopWaitlistUpdate, () =>
    deps.exclusive(async () => {
      if (!state.waitlist) return state;
      await drop();
      deps.changed();
      return state;
    }),
  );

  wf.setHandler(
    acceptLoopHoldUpdate,
    ({ holdId }) =>
      deps.exclusive(async () => {
        const hold = takeableHold(holdId);
        if (forWindows(hold)) {
          // The itinerary found inside the windows, taken: booked on the claims the hold keeps.
          await deps.bookHeld(hold);
          state.hold = null;
          await record();
          deps.changed();
          return state;
        }
        const moves = (hold.loop?.sessions ?? []).map(({ interviewId, start }) => ({ interviewId, start }));
        try {
          await deps.moveTogether({ moves, reason: 'accepted the earlier itinerary held for them' });
        } catch (error) {
          await endHold(hold, `the earlier itinerary from ${hold.start} could not be taken; left the waitlist`);
          throw error;
        }
        state.hold = null;
        state.waitlist = null;
        await record();
        deps.changed();
        // The itinerary left behind may be earlier than the next candidate's.
        await tellCoordinator();
        return state;
      }),
    { validator: ({ holdId }) => void takeableHold(holdId) },
  );

  wf.setHandler(
    declineLoopHoldUpdate,
    ({ holdId }) =>
      deps.exclusive(async () => {
        const hold = openHold(holdId);
        await endHold(
          hold,
          forWindows(hold) ? `let the itinerary from ${hold.start} offered inside their windows go` : `declined the earlier itinerary from ${hold.start} held for them; left the waitlist`,
        );
        return state;
      }),
    { validator: ({ holdId }) => void openHold(holdId) },
  );

  wf.setHandler(loopHoldOfferedSignal, (hold) => {
    if (state.hold?.id === hold.id) return;
    if (state.hold) {
      wf.log.warn('a second hold offered while one is open; the first stays, the second is given back', { open: state.hold.id, offered: hold.id });
      unwanted.push(hold);
      wakes += 1;
      return;
    }
    state.hold = { ...hold, announced: false };
    wakes += 1;
  });

  function due(): { at: number; kind: 'release' | 'drop' | 'stale' | 'announce' | 'expire' } | null {
    if (unwanted.length > 0) return { at: 0, kind: 'release' };
    if (state.waitlist && (state.status !== 'BOOKED' || deps.finished())) return { at: 0, kind: 'drop' };
    const hold = state.hold;
    if (!hold) return null;
    if (forWindows(hold) && state.status !== 'INVITED') return { at: 0, kind: 'stale' };
    return hold.announced ? { at: Date.parse(hold.expiresAt), kind: 'expire' } : { at: 0, kind: 'announce' };
  }

  /** The waitlist's own timer loop, beside the loop's others: a hold's offer, its expiry, and the end of waiting. */
  async function watch(): Promise<void> {
    for (;;) {
      await wf.condition(() => deps.finished() || due() !== null);
      const next = due();
      if (next === null) return;
      const seen = wakes;
      const wait = next.at - Date.now();
      if (next.kind === 'expire' && wait > 0) {
        const summary = `held itinerary ${state.hold?.start ?? ''} expires`;
        if (await wf.condition(() => wakes !== seen || due()?.kind !== 'expire' || due()?.at !== next.at, wait, { summary })) continue;
      }
      try {
        await deps.exclusive(async () => {
          const now = due();
          const hold = state.hold;
          if (now?.kind !== next.kind) return;
          if (now.kind === 'release') {
            for (const extra of unwanted.splice(0)) await releaseClaims(extra);
            await tellCoordinator();
          } else if (now.kind === 'drop') await drop();
          else if (now.kind === 'announce' && hold) await announce(hold);
          else if (now.kind === 'expire' && hold && Date.parse(hold.expiresAt) <= Date.now()) {
            if (forWindows(hold)) await endHold(hold, `the itinerary from ${hold.start} offered inside the candidate's windows expired unanswered`, Date.now() + recheckMs);
            else await endHold(hold, `the earlier itinerary from ${hold.start} held for the candidate expired unused; left the waitlist`);
          } else if (now.kind === 'stale' && hold) {
            // Booked by hand, or ended, while an itinerary was offered inside the windows: the offer is over.
            await releaseClaims(hold);
            state.hold = null;
            await record();
            deps.changed();
            await tellCoordinator();
          }
        });
      } catch (error) {
        // The waitlist never fails the loop: what could not be done now is tried again in a minute.
        wf.log.warn('the waitlist’s step failed; trying again in a minute', { step: next.kind, error: String(error) });
        await wf.sleep(60_000, { summary: 'try the waitlist’s step again' });
      }
      if (deps.finished() && !state.waitlist && !state.hold) return;
      if (deps.finished() && state.hold && due() === null) return;
    }
  }

  /** An itinerary found inside the candidate's windows, its claims held: offered as the waitlist's holds are (HR's `offer`). */
  function offerWindowHold(hold: HoldOffer): void {
    state.hold = { ...hold, purpose: 'window', announced: false };
    wakes += 1;
  }

  return { watch, offerWindowHold };
}
