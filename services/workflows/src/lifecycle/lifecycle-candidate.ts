import * as wf from '@temporalio/workflow';
import type { LifecycleInput, PanelMember, SlotRequest, SlotState, SmsChoice } from '@portal/shared/lifecycle';
import { bookRefusal, cancelRefusal, joinRefusal, moverOf, newTimeRefusal, rescheduleCountAfterMove, rescheduleRefusal } from '@portal/shared/rules';
import type { ChangeSet } from '../changes/activities-api';
import type { BookingSteps } from './booking-steps';
import { bookUpdate, cancelUpdate, joinUpdate, rescheduleUpdate } from './definitions';
import { refuseIf } from '../changes/failures';
import { panelOf, steps, type LifecycleParts } from './lifecycle-core';
import type { createPanelRepair } from '../panel-repair/panel-repair';
import { skippedSmsNote } from '../plan/reminder-schedule';
import { isPatched } from '../patches/patches';

/** HR's reschedules neither spend nor meet the candidate's allowance (before it, they did both). */
const HR_MOVES_PATCH = 'hr-moves-outside-allowance';
/** A loop's session books on the claim its loop holds for it; before, it claimed again (docs/adr/0039). */
const LOOP_CLAIM_PATCH = 'loop-claim-handed-over';

export interface CandidateHandlerDeps {
  panel: ReturnType<typeof createPanelRepair>;
  planReminders: (slot: SlotState) => void;
  /** After a booking: a time still offered inside the windows is over (docs/adr/0073). */
  booked?: (slot: SlotState) => Promise<void>;
}

/**
 * The candidate's changes: book, reschedule (the candidate's or HR's move), cancel and join, as
 * updates whose rules refuse synchronously; and the cancel itself, which HR's erasure and the
 * panel's repair share. `register` sets the update handlers.
 */
export function createCandidateUpdates(input: LifecycleInput, parts: LifecycleParts) {
  const { timings, interviewId } = input;
  const { state, facts, now, exclusive, apply, outbox, texts, calendars, rooms, webhooks } = parts;

  /** The candidate's number and opt-in travel with the change that books or moves the time (docs/adr/0026). */
  const smsChange = ({ phone, sms }: SmsChoice): ChangeSet => ({
    ...(phone === undefined ? {} : { candidatePhone: phone }),
    ...(sms === undefined ? {} : { smsOptIn: sms }),
  });
  const smsNote = (change: ChangeSet) => skippedSmsNote(timings, change.smsOptIn ?? state.smsOptIn === true);

  /** The candidate's zone travels with the change that books the time, so its email already uses it. */
  const zoneChange = (timezone: string | undefined): ChangeSet =>
    timezone !== undefined && timezone !== state.candidateTimezone ? { candidateTimezone: timezone } : {};

  async function claim(start: string, via: BookingSteps): Promise<SlotState> {
    const { interviewerIds, durationMinutes, panelSize } = input;
    const interview = interviewerIds && durationMinutes !== undefined ? { interviewerIds, durationMinutes, panelSize } : undefined;
    return via.claimSlot(`claim slot ${start}`, { interviewId, start, rules: timings.slotRules, interview, candidateEmail: input.candidateEmail });
  }

  /**
   * The claim a loop made for this session, under this session's claim id at this start: claiming
   * again would find every key already its own and answer the same panel, at the cost of a read and
   * an insert per key. Only the loop sends one (its claims are this session's, docs/adr/0031).
   */
  function handedOver(start: string, loopClaim: SlotState | undefined): SlotState | null {
    const ms = Date.parse(start);
    if (loopClaim === undefined || input.loop === undefined || Number.isNaN(ms)) return null;
    const at = new Date(ms).toISOString();
    if (loopClaim.start !== at || loopClaim.claimId !== `${interviewId}@${at}`) return null;
    return isPatched(LOOP_CLAIM_PATCH) ? loopClaim : null;
  }

  async function release(slot: SlotState, via: BookingSteps = steps.forLifecycle()): Promise<void> {
    await via.releaseSlot(`release slot ${slot.start}`, { interviewId, claimId: slot.claimId });
  }

  /**
   * Cancels the booking or the invitation: the change, then everything that follows from it.
   * `quietly`: the candidate is not told (an erasure HR asked not to announce).
   */
  /**
   * `quietly`: the candidate is not told. `forErasure`: no `interview.cancelled` event, whose data
   * names the candidate; the erasure sends its own (docs/adr/0048).
   */
  async function cancelNow(actor: string, reason: string | undefined, detail = reason ? `cancelled: ${reason}` : 'cancelled', quietly = false, forErasure = false): Promise<void> {
    await apply('CANCEL', actor, detail, { cancelReason: reason ?? null });
    if (!forErasure) webhooks.publish('interview.cancelled', { cancelReason: reason ?? null });
    if (state.slot !== null) await release(state.slot);
    rooms.cancelled();
    outbox.dropPendingReminders();
    texts.dropPendingReminders();
    if (!quietly) {
      outbox.send('cancelled', `v${state.version}`, { cancelReason: reason });
      texts.send('cancelled', `v${state.version}`, { cancelReason: reason });
    }
    outbox.sendToPanel('interviewer_cancelled', panelOf(state.slot), { variant: `v${state.version}`, extra: () => ({ cancelReason: reason }) });
    calendars.remove(panelOf(state.slot), state.version, (m) => outbox.eventFacts(m));
  }

  let registered: CandidateHandlerDeps | null = null;

  /**
   * Books `start`: the claim (or the loop's claim handed over), the change, and everything a booking
   * sends. The candidate's booking and a time found in their windows (docs/adr/0071) share it.
   */
  async function bookNow(request: SlotRequest, actor: string, detail?: string, also: ChangeSet = {}): Promise<void> {
    if (registered === null) throw new Error('the candidate handlers are not registered yet');
    const { panel, planReminders, booked } = registered;
    const { start, timezone, loopClaim, actor: _actor, reason: _reason, ...choice } = request;
    const via = steps.forChange();
    const slot = handedOver(start, loopClaim) ?? (await claim(start, via));
    const sms = smsChange(choice);
    try {
      await apply('BOOK', actor, detail ?? `booked ${slot.start}${smsNote(sms)}`, { slot, ...zoneChange(timezone), ...sms, ...also }, via);
    } catch (error) {
      await release(slot, via);
      throw error;
    }
    planReminders(slot);
    await booked?.(slot);
    webhooks.publish('interview.booked');
    rooms.booked(slot);
    rooms.announce(() => {
      outbox.send('confirmation');
      texts.send('confirmation');
      panel.invite(slot.panel);
      calendars.put(slot.panel, state.version, (m) => outbox.eventFacts(m));
    });
  }

  /**
   * A time found inside the candidate's windows, booked as their own booking would be; refused like
   * it when no longer bookable. `actor`: the candidate, when they took a time offered to them (docs/adr/0073).
   */
  async function bookAt(start: string, timezone: string, detail: string, actor = 'system', also: ChangeSet = {}): Promise<void> {
    refuseIf(bookRefusal(facts()));
    await bookNow({ start, timezone }, actor, detail, also);
  }

  /** Claims `start` for this interview without booking it: a time offered from the windows, held until answered (docs/adr/0073). */
  const claimAt = (start: string): Promise<SlotState> => claim(start, steps.forLifecycle());

  /**
   * Moves the booking to `start`: the candidate's or HR's reschedule, and a held earlier time the
   * candidate accepted (docs/adr/0072), which `also` records with the move. Returns the time left.
   */
  async function moveNow({ start, actor = 'candidate', reason, timezone, ...choice }: SlotRequest, also: ChangeSet = {}): Promise<SlotState | null> {
    if (registered === null) throw new Error('the candidate handlers are not registered yet');
    const { panel, planReminders } = registered;
    // Lifecycles started before HR's moves were HR's replay them as the candidate's.
    // A re-pick offered because the panel could not be completed spends no allowance (docs/adr/0032).
    const mover = (moverOf(actor) === 'hr' || panel.offerOpen()) && isPatched(HR_MOVES_PATCH) ? 'hr' : 'candidate';
    refuseIf(rescheduleRefusal(facts(), now(), timings.changeCutoffMs, mover));
    const previous = state.slot;
    refuseIf(newTimeRefusal(facts(), start));
    // Refused just above; the check tells the compiler.
    if (previous === null) return null;
    const via = steps.forChange();
    const slot = await claim(start, via);
    const sms = smsChange(choice);
    const detail = `moved from ${previous.start} to ${slot.start}${reason ? `: ${reason}` : ''}${smsNote(sms)}`;
    try {
      await apply('RESCHEDULE', actor, detail, { slot, rescheduleCount: rescheduleCountAfterMove(state, mover), ...zoneChange(timezone), ...sms, ...also }, via);
    } catch (error) {
      await release(slot, via);
      throw error;
    }
    // Re-plan before the next await: apply() has already woken the timer loop, which reads
    // the plan when it resumes; planning after release() let it time the new slot with the
    // old plan, so a reminder skipped for the old time was sent late for the new one.
    planReminders(slot);
    panel.moved();
    await release(previous, via);
    rooms.moved(slot);
    outbox.dropPendingReminders();
    texts.dropPendingReminders();
    webhooks.publish('interview.rescheduled', { previousSlot: { start: previous.start, end: previous.end } });
    outbox.send('rescheduled', `v${state.version}`);
    texts.send('rescheduled', `v${state.version}`);
    // Whoever stays gets the update (SEQUENCE up), whoever left a CANCEL for the old time, whoever joined a REQUEST.
    const stays = (m: PanelMember, panel: PanelMember[]) => panel.some((p) => p.interviewerId === m.interviewerId);
    const variant = `v${state.version}`;
    outbox.sendToPanel('interviewer_update', slot.panel.filter((m) => stays(m, previous.panel)), { variant });
    panel.invite(slot.panel.filter((m) => !stays(m, previous.panel)), variant);
    outbox.sendToPanel('interviewer_cancelled', previous.panel.filter((m) => !stays(m, slot.panel)), { variant, slot: previous });
    calendars.put(slot.panel, state.version, (m) => outbox.eventFacts(m));
    calendars.remove(previous.panel.filter((m) => !stays(m, slot.panel)), state.version, (m) => outbox.eventFacts(m, previous));
    return previous;
  }

  function register(deps: CandidateHandlerDeps): void {
    registered = deps;
    const { panel } = deps;
    wf.setHandler(
      bookUpdate,
      (request) =>
        exclusive(async () => {
          refuseIf(bookRefusal(facts()));
          // A loop booking its sessions inside the candidate's windows says so (docs/adr/0077); only the loop sends a claim.
          const byLoopItself = request.loopClaim !== undefined && request.actor === 'system';
          await bookNow(request, byLoopItself ? 'system' : 'candidate', byLoopItself ? request.reason : undefined);
          return state;
        }),
      { validator: (_request) => refuseIf(bookRefusal(facts())) },
    );

    wf.setHandler(
      rescheduleUpdate,
      (request) =>
        exclusive(async () => {
          await moveNow(request);
          return state;
        }),
      { validator: ({ actor = 'candidate' }) => refuseIf(rescheduleRefusal(facts(), now(), timings.changeCutoffMs, moverOf(actor))) },
    );

    wf.setHandler(
      cancelUpdate,
      ({ reason, actor }) =>
        exclusive(async () => {
          refuseIf(cancelRefusal(facts(), now(), timings.changeCutoffMs));
          await cancelNow(actor, reason);
          return state;
        }),
      { validator: (_request) => refuseIf(cancelRefusal(facts(), now(), timings.changeCutoffMs)) },
    );

    wf.setHandler(
      joinUpdate,
      () =>
        exclusive(async () => {
          refuseIf(joinRefusal(facts(), now(), timings.joinOpensBeforeMs));
          refuseIf(panel.joinRefusal());
          if (state.joinedAt === null) {
            await apply('RECORD', 'candidate', 'candidate joined', { joinedAt: new Date(now()).toISOString() });
          }
          return { meetingUrl: state.meetingUrl };
        }),
      { validator: () => refuseIf(joinRefusal(facts(), now(), timings.joinOpensBeforeMs) ?? panel.joinRefusal()) },
    );
  }

  return { cancelNow, register, bookAt, claimAt, moveNow };
}
