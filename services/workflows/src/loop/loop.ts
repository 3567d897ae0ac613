import * as wf from '@temporalio/workflow';
import type { SlotState } from '@portal/shared/lifecycle';
import {
  LOOP_STATE_QUERY,
  LOOP_UPDATES,
  loopStatusOf,
  type BookedLoop,
  type ItineraryRequest,
  type LoopCancelRequest,
  type LoopHandover,
  type LoopInput,
  type LoopState,
} from '@portal/shared/loops';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import type { ClaimRequest } from '../claims/activities-api';
import type { LoopSessionAnswer } from './activities-api';
import { createChangeLock } from '../changes/change-lock';
import { asUpdateFailure, refuse, refuseIf } from '../changes/failures';
import { interviewLifecycle } from '../lifecycle/lifecycle';
import { local, loopRetry as retry, remote, sessionClaim } from './loop-activities';
import { loopDetails } from './loop-details';
import { registerLoopMoves } from './loop-moves';
import { registerLoopWindows } from './loop-windows';
import { registerLoopWaitlist } from './loop-waitlist';
import { DEFAULT_HOLD_MINUTES, holdIdOf } from '@portal/shared/waitlist';
import { isPatched } from '../patches/patches';

export const loopStateQuery = wf.defineQuery<LoopState>(LOOP_STATE_QUERY);
export const bookItineraryUpdate = wf.defineUpdate<BookedLoop, [ItineraryRequest]>(LOOP_UPDATES.book);
export const cancelLoopUpdate = wf.defineUpdate<LoopState, [LoopCancelRequest]>(LOOP_UPDATES.cancel);

/**
 * The loop answers its booking once every session's claim is held, handing the claims over in its
 * answer and booking the sessions after it (docs/adr/0042); before, it answered once each session's
 * lifecycle had booked.
 */
const ANSWER_ON_CLAIMS_PATCH = 'loop-answers-on-claims';

/** Every session's claim in one local activity, their reads made once (docs/adr/0042); before, one local activity each. */
const CLAIMS_AT_ONCE_PATCH = 'loop-claims-at-once';

/** A session the claims never reached: an earlier one in the loops' order of claims was refused (claims/activities/loop-claim-order.ts). */
const UNCLAIMED = 'unclaimed';

/** The claims' outcomes as the one-activity-per-session claims settled: a refusal as its failure, its reason in its details. */
async function claimAtOnce(requests: ClaimRequest[]): Promise<PromiseSettledResult<SlotState>[]> {
  const outcomes = await local.claimLoopSlots.executeWithOptions({ startToCloseTimeout: '30 seconds', retry, summary: 'claim every session' }, [requests]);
  return outcomes.map((o) =>
    'slot' in o
      ? { status: 'fulfilled', value: o.slot }
      : 'unclaimed' in o
        ? { status: 'rejected', reason: UNCLAIMED }
        : { status: 'rejected', reason: wf.ApplicationFailure.create({ type: o.refused.code, message: o.refused.message, nonRetryable: true, details: [{ reason: o.refused.reason }] }) },
  );
}

const slotTaken = (error: unknown) => {
  const failure = asUpdateFailure(error);
  return failure instanceof wf.ApplicationFailure && (failure.type === 'SLOT_TAKEN' || failure.type === 'SLOT_UNAVAILABLE') ? failure : null;
};

/** Why the claim was refused (`ClaimRefusalReason`), as the claim put it in its failure's details; none from an older claim. */
function refusalReason(failure: wf.ApplicationFailure): string | undefined {
  const [detail] = failure.details ?? [];
  const reason = typeof detail === 'object' && detail !== null ? (detail as Record<string, unknown>)['reason'] : undefined;
  return typeof reason === 'string' ? reason : undefined;
}

/**
 * One candidate's loop (docs/adr/0031): a child lifecycle per session, started with the loop and
 * left to run its session as a single interview does. The loop books all or nothing: it claims
 * every session's panel with the sessions' own claims and claim ids, one after another in the
 * loops' one order of claims (claims/activities/loop-claim-order.ts), and releases every claim it made if
 * any session is taken; once all are held, each session's lifecycle books its
 * time on the claim the loop hands it (docs/adr/0039). Cancel cancels every session.
 */
export async function interviewLoop(input: LoopInput): Promise<LoopState> {
  const state: LoopState = {
    loopId: input.loopId,
    status: 'INVITED',
    sessions: input.sessions.map((s) => ({ interviewId: s.interviewId, title: s.title, start: null, end: null, panel: [] })),
    cancelReason: null,
    version: 0,
  };
  let started = false;
  // Claims held and answered, the sessions not yet booked on them: every other change waits for it.
  let handover: { sessions: LoopHandover; held: (SlotState | null)[] } | null = null;
  const changed = () => {
    state.version += 1;
    wf.setCurrentDetails(loopDetails(state, wf.workflowInfo().namespace));
  };

  const exclusive = createChangeLock(() => started, () => handover === null);

  const release = (slots: (SlotState | null)[]) =>
    Promise.all(
      slots.flatMap((slot, i) => {
        const session = input.sessions[i];
        return slot && session ? [local.releaseSlot({ interviewId: session.interviewId, claimId: slot.claimId })] : [];
      }),
    );

  const bookRefusal = (request: ItineraryRequest) =>
    state.status !== 'INVITED'
      ? ({ code: 'ILLEGAL_TRANSITION', message: `The loop is ${state.status}; only an invited loop can be booked.` } as const)
      : request.starts.length !== input.sessions.length
        ? ({ code: 'BAD_INPUT', message: `The loop has ${input.sessions.length} sessions.` } as const)
        : null;

  wf.setHandler(loopStateQuery, () => state);

  /**
   * Every session's claim at its start, in the loops' one order of claims; one refused releases the
   * others and the booking fails SLOT_TAKEN, naming the session and why.
   */
  async function claimItinerary(request: ItineraryRequest, foundInWindows = false): Promise<{ sessions: LoopHandover; held: (SlotState | null)[] }> {
    const requests = input.sessions.map((s, i) => sessionClaim(s, request.starts[i] ?? ''));
    const claims = isPatched(CLAIMS_AT_ONCE_PATCH) ? await claimAtOnce(requests) : await Promise.allSettled(requests.map((r) => local.claimSlot(r)));
    const held = claims.map((c) => (c.status === 'fulfilled' ? c.value : null));
    // The session refused, not one left unclaimed after it.
    const lost = claims.findIndex((c) => c.status === 'rejected' && c.reason !== UNCLAIMED);
    const loss = claims[lost];
    if (loss?.status === 'rejected') {
      await release(held);
      const taken = slotTaken(loss.reason);
      if (taken === null) throw loss.reason;
      const title = input.sessions[lost]?.title ?? `session ${lost + 1}`;
      const reason = refusalReason(taken);
      throw wf.ApplicationFailure.create({ type: 'SLOT_TAKEN', message: `${title}: ${taken.message}`, nonRetryable: true, details: [{ session: lost, title, ...(reason ? { reason } : {}) }] });
    }
    const sessions: LoopHandover = {
      changeId: `${wf.workflowInfo().workflowId}:v${state.version}`,
      sessions: input.sessions.map((s, i) => ({ interviewId: s.interviewId, start: request.starts[i] ?? '', ...(held[i] ? { claim: held[i] } : {}) })),
      ...(request.timezone === undefined ? {} : { timezone: request.timezone }),
      ...(foundInWindows ? { foundInWindows } : {}),
    };
    return { sessions, held };
  }

  wf.setHandler(
    bookItineraryUpdate,
    (request) =>
      exclusive(async () => {
        refuseIf(bookRefusal(request));
        const { sessions, held } = await claimItinerary(request);
        if (isPatched(ANSWER_ON_CLAIMS_PATCH)) {
          // The session books on the claim as it is (docs/adr/0039): its slot will be this one.
          bookedAs(held);
          handover = { sessions, held };
          return { ...state, handover: sessions };
        }
        const answers = await bookSessions(sessions);
        const refused = answers.find((a) => 'refused' in a);
        if (refused && 'refused' in refused) {
          // A session closed since the loop was offered (HR cancelled it): none is booked after all.
          await undo(answers, held);
          refuse({ code: 'ILLEGAL_TRANSITION', message: `A session of the loop cannot be booked: ${refused.refused.message}` });
        }
        bookedAs(answers.map((a) => ('slot' in a ? a.slot : null)));
        return state;
      }),
    { validator: (request) => refuseIf(bookRefusal(request)) },
  );

  const bookSessions = (sessions: LoopHandover) =>
    remote.bookLoopSessions.executeWithOptions({ summary: 'book every session', startToCloseTimeout: '2 minutes', retry }, [sessions]);

  function bookedAs(slots: (SlotState | null)[]) {
    for (const [i, slot] of slots.entries()) {
      const session = state.sessions[i];
      if (session && slot) Object.assign(session, { start: slot.start, end: slot.end, panel: slot.panel.map((m) => m.name) });
    }
    state.status = 'BOOKED';
    changed();
  }

  /**
   * The sessions booked on the claims the loop answered with; booking sends the same updates for the
   * candidate who waits, and each session books once by the update's id. A session that refuses
   * (closed by HR since the offer) undoes the loop's booking as before the patch, the candidate
   * hearing the refusal from booking's own update.
   */
  async function followThrough(): Promise<void> {
    // Every handover, not only the first: a booking undone here leaves the loop open to book again.
    for (;;) {
      await wf.condition(() => handover !== null || finished);
      if (handover === null) return;
      const { sessions, held } = handover;
      try {
        const answers = await bookSessions(sessions);
        if (answers.some((a) => 'refused' in a)) {
          await undo(answers, held);
          for (const session of state.sessions) Object.assign(session, { start: null, end: null, panel: [] });
          state.status = 'INVITED';
          changed();
        }
      } finally {
        handover = null;
      }
    }
  }

  async function undo(answers: LoopSessionAnswer[], held: (SlotState | null)[]) {
    const booked = answers.filter((a) => 'slot' in a).map((a) => a.interviewId);
    await remote.cancelLoopSessions({ changeId: `${wf.workflowInfo().workflowId}:v${state.version}:undo`, interviewIds: booked, reason: 'the loop could not be booked whole', actor: 'system' });
    await release(held.map((slot, i) => (answers[i] && 'refused' in (answers[i] ?? {}) ? slot : null)));
  }

  const cancelRefusal = () =>
    state.status === 'INVITED' || state.status === 'BOOKED' ? null : ({ code: 'ILLEGAL_TRANSITION', message: `The loop is ${state.status}.` } as const);

  wf.setHandler(
    cancelLoopUpdate,
    ({ reason, actor }) =>
      exclusive(async () => {
        refuseIf(cancelRefusal());
        const answers = await remote.cancelLoopSessions.executeWithOptions({ summary: 'cancel every session', startToCloseTimeout: '2 minutes', retry }, [
          { changeId: `${wf.workflowInfo().workflowId}:v${state.version}`, interviewIds: input.sessions.map((s) => s.interviewId), reason, actor },
        ]);
        const refused = answers.find((a) => 'refused' in a && a.refused.code !== 'ILLEGAL_TRANSITION');
        if (refused && 'refused' in refused) refuse({ code: refused.refused.code === 'TOO_LATE_TO_CHANGE' ? 'TOO_LATE_TO_CHANGE' : 'ILLEGAL_TRANSITION', message: refused.refused.message });
        state.status = 'CANCELLED';
        state.cancelReason = reason ?? null;
        changed();
        return state;
      }),
    { validator: (_request) => refuseIf(cancelRefusal()) },
  );

  const { moveTogether } = registerLoopMoves({ input, state, exclusive, changed });
  const waitlist = registerLoopWaitlist({
    input,
    state,
    exclusive,
    changed,
    moveTogether,
    // An itinerary offered inside the windows, taken: its claims are the sessions' own at those starts, found again.
    bookHeld: async (hold) => {
      const request = { starts: (hold.loop?.sessions ?? []).map((s) => s.start), ...(state.availability ? { timezone: state.availability.timezone } : {}) };
      refuseIf(bookRefusal(request));
      const { sessions, held } = await claimItinerary(request, true);
      bookedAs(held);
      handover = { sessions, held };
    },
    finished: () => finished,
  });
  const windows = registerLoopWindows({
    input,
    state,
    exclusive,
    changed,
    // Found inside the candidate's windows (docs/adr/0077): booked as the candidate's booking on claims is, the sessions after it.
    bookFound: async (starts, timezone) => {
      const request = { starts, timezone };
      refuseIf(bookRefusal(request));
      const { sessions, held } = await claimItinerary(request, true);
      bookedAs(held);
      handover = { sessions, held };
    },
    // HR's `offer` on a session's kind (docs/adr/0077): the itinerary's claims held for the candidate and offered, not booked.
    offerFound: async (starts) => {
      refuseIf(bookRefusal({ starts }));
      const { held } = await claimItinerary({ starts });
      const slots = held.flatMap((slot, i) => (slot ? [{ interviewId: input.sessions[i]?.interviewId ?? '', start: slot.start, end: slot.end, claimId: slot.claimId }] : []));
      const first = slots.reduce((a, b) => (Date.parse(a.start) <= Date.parse(b.start) ? a : b));
      waitlist.offerWindowHold({
        id: holdIdOf(input.loopId, first.start),
        interviewId: input.sessions[0]?.interviewId ?? first.interviewId,
        start: first.start,
        end: new Date(Math.max(...slots.map((s) => Date.parse(s.end)))).toISOString(),
        claimId: first.claimId,
        expiresAt: new Date(Date.now() + (input.sessions[0]?.timings.holdMs ?? DEFAULT_HOLD_MINUTES * 60_000)).toISOString(),
        loop: { loopId: input.loopId, sessions: slots },
      });
    },
    finished: () => finished,
  });

  const children = await Promise.all(
    input.sessions.map(({ title, ...session }) =>
      wf.startChild(interviewLifecycle, {
        workflowId: interviewWorkflowId(session.interviewId),
        args: [session],
        parentClosePolicy: wf.ParentClosePolicy.ABANDON,
        staticSummary: `${title} — ${input.candidateName} (loop ${input.loopId})`,
        memo: { loopWorkflowId: wf.workflowInfo().workflowId },
      }),
    ),
  );
  started = true;
  wf.setCurrentDetails(loopDetails(state, wf.workflowInfo().namespace));
  let finished = false;
  const [finals] = await Promise.all([
    Promise.all(children.map((child) => child.result())).finally(() => {
      finished = true;
    }),
    followThrough(),
    windows.watch(),
    waitlist.watch(),
  ]);
  state.status = loopStatusOf(finals.map((f) => f.status));
  changed();
  await wf.condition(wf.allHandlersFinished);
  return state;
}
