import * as wf from '@temporalio/workflow';
import type { LifecycleInput, LifecycleState } from '@portal/shared/lifecycle';
import type { InterviewEmailFacts } from '@portal/shared/email';
import { tokenOutlivesInvitationMs } from '@portal/shared/tokens';
import { candidateLinkQuery, stateQuery } from './definitions';
import { currentDetails } from './details';
import { createCalendarWrites } from '../calendars/calendar-writes';
import { createOutbox } from '../outbox/emails';
import { createMeetingRoom } from '../meeting-rooms/meeting-room';
import { createTexts } from '../outbox/texts';
import { createPanelRepair } from '../panel-repair/panel-repair';
import { createWebhookEvents } from '../webhooks/webhook-events';
import { isStoreRefusal, refuse, refuseIf } from '../changes/failures';
import { bookRefusal, rescheduleRefusal } from '@portal/shared/rules';
import { createWaitlist } from '../waitlist/waitlist-lifecycle';
import { createAvailabilityWatch } from '../availability/availability';
import { activityOptions, createLifecycleCore, isLoopFollower, panelOf, steps } from './lifecycle-core';
import { createCandidateUpdates } from './lifecycle-candidate';
import { createDeadlines } from './lifecycle-deadlines';
import { registerHrUpdates } from './lifecycle-hr';
import { isFinished, nextDeadline, wakeAt } from '../plan/plan';
import { AttemptKey, CandidateEmailKey, InterviewIdKey, InterviewStatusKey } from './search-attributes';
import { isPatched } from '../patches/patches';

/** A hold's offer is also texted to a candidate who opted in; before, it was emailed only. */
const HOLD_OFFER_TEXTS_PATCH = 'hold-offer-texts';

/**
 * One interview's whole life: the single writer of its status, its timers and its email. Its parts
 * share one state and one lock (lifecycle-core); this wires them, issues the candidate's link and
 * the invitation, then runs the timer loop until the lifecycle is finished.
 */
export async function interviewLifecycle(input: LifecycleInput): Promise<LifecycleState> {
  const { timings, interviewId } = input;
  const core = createLifecycleCore(input, () => rooms.flush());
  const { state, run, now, clock, exclusive, apply } = core;
  const outbox = createOutbox(input, state, () => run.candidateLink, () => rooms.linkPending());
  const texts = createTexts(input, state, outbox.facts);
  const calendars = createCalendarWrites(interviewId, timings.calendarWriteTimeoutMs);
  const rooms = createMeetingRoom(input, state, {
    outbox,
    calendars,
    recordLink: (url) => exclusive(() => apply('RECORD', 'system', 'meeting link ready', { meetingUrl: url })),
  });
  const webhooks = createWebhookEvents(input, state);
  const parts = { ...core, outbox, texts, calendars, rooms, webhooks };
  const loopFollower = isLoopFollower(input);

  const candidate = createCandidateUpdates(input, parts);
  const panel = createPanelRepair({
    input,
    state,
    outbox,
    calendars,
    activityOptions,
    apply: (event, actor, detail, set) => apply(event, actor, detail, set),
    cancel: candidate.cancelNow,
    dropReminders: () => {
      outbox.dropPendingReminders();
      texts.dropPendingReminders();
    },
    wake: core.wake,
    now,
  });
  const sendHoldOffer = (extra: Partial<InterviewEmailFacts>, variant: string) => {
    outbox.send('hold_offer', variant, extra);
    if (isPatched(HOLD_OFFER_TEXTS_PATCH)) texts.send('hold_offer', variant, extra);
  };
  const availability = createAvailabilityWatch({
    input,
    state,
    now,
    activityOptions,
    apply: (event, actor, detail, set) => apply(event, actor, detail, set),
    bookAt: candidate.bookAt,
    offerAt: (start) => waitlist.offerWindowTime(start),
    publishSubmitted: (submitted) =>
      webhooks.publish('interview.availability_submitted', {
        availability: { windows: submitted.windows, timezone: submitted.timezone, note: submitted.note, submittedAt: submitted.submittedAt },
      }),
    tellHr: (extra) => outbox.sendToHr('availability_unmatched', extra, `v${state.version}`),
    sendHoldOffer,
    wake: core.wake,
    exclusive,
    refusal: () => {
      refuseIf(bookRefusal(core.facts()));
      if (loopFollower || input.loop !== undefined) refuse({ code: 'BAD_INPUT', message: 'This link is for an interview loop: choose one of its itineraries.' });
    },
  });
  const waitlist = createWaitlist({
    input,
    state,
    now,
    exclusive,
    apply: (event, actor, detail, set) => apply(event, actor, detail, set),
    moveNow: candidate.moveNow,
    bookHeld: (start, timezone, also) => candidate.bookAt(start, timezone, `took the time ${start} offered inside their windows`, 'candidate', also),
    claimAt: candidate.claimAt,
    releaseClaim: (claimId, summary) => steps.forLifecycle().releaseSlot(summary, { interviewId, claimId }),
    moveRefusal: () => rescheduleRefusal(core.facts(), now(), timings.changeCutoffMs, 'candidate'),
    refuse,
    send: sendHoldOffer,
    wake: core.wake,
  });
  const deadlines = createDeadlines(input, { ...parts, panel, availability, waitlist });
  const nameOf = (interviewerId: string) => panelOf(state.slot).find((m) => m.interviewerId === interviewerId)?.name ?? interviewerId;

  wf.setHandler(stateQuery, () => state);
  wf.setHandler(candidateLinkQuery, () => run.candidateLink);
  candidate.register({ panel, planReminders: deadlines.planReminders, booked: waitlist.booked });
  availability.register();
  waitlist.register();
  registerHrUpdates(input, { ...parts, panel, cancelNow: candidate.cancelNow, closeWindow: deadlines.closeWindow, lifecycle: interviewLifecycle });

  wf.upsertSearchAttributes([
    { key: InterviewIdKey, value: interviewId },
    // A lifecycle started before the digest keeps the address it was started with, so it replays.
    { key: CandidateEmailKey, value: input.candidateSearchKey ?? input.candidateEmail },
    { key: InterviewStatusKey, value: state.status },
    { key: AttemptKey, value: input.attempt },
  ]);

  // The link also manages a booking, so it outlives the invitation by the booking horizon; the
  // invitation itself expires by the workflow's timer, which the link checks through the status.
  // Booking reads the invitation's expiry back from the token's by the same rule (linkExpiresAt).
  const invitationExpiresAt = now() + timings.invitationExpiryMs;
  const linkValidMs = tokenOutlivesInvitationMs(timings.slotRules.horizonDays);
  const issued = await steps.issueCandidateToken('issue candidate link', {
    interviewId,
    attempt: input.attempt,
    expiresAt: new Date(invitationExpiresAt + linkValidMs).toISOString(),
  });
  run.candidateLink = issued.link;
  state.linkIssued = true;
  state.invitationExpiresAt = new Date(invitationExpiresAt).toISOString();
  if (!loopFollower) outbox.send(input.attempt > 1 ? 'retake_invitation' : 'invitation');
  webhooks.publish('interview.invited');
  run.initialized = true;

  // A change of the lifecycle's own (a timer's, a panel repair's) holds nobody's input, so a refusal
  // is the store's fault, not a caller's: the lifecycle waits and tries again, one second doubling to
  // ten minutes, with the wait named in the Web UI. It used to fail its workflow task instead; a
  // worker still holding the run retried that task on the refusal it remembered, and the lifecycle
  // stalled for minutes (fresh-clone runs at 4d2d89d and f7b53da).
  let refusedInARow = 0;
  async function afterStoreRefusal(what: string): Promise<void> {
    refusedInARow += 1;
    const waitMs = Math.min(10 * 60_000, 1_000 * 2 ** (refusedInARow - 1));
    wf.log.warn("the store refused the lifecycle's own change; trying again", { what, waitMs, refusedInARow });
    await wf.sleep(waitMs, { summary: `try again: the store refused ${what}` });
  }

  while (!run.erased && !isFinished(state, run.retakeWindowClosed)) {
    if (panel.pending()) {
      try {
        await exclusive(() => panel.repair());
        refusedInARow = 0;
      } catch (error) {
        if (!isStoreRefusal(error)) throw error;
        await afterStoreRefusal('the panel change');
      }
      continue;
    }
    const seen = run.planVersion;
    const changed = () => run.planVersion !== seen;
    const deadline = nextDeadline(state, timings);
    state.nextTimer = deadline && { at: new Date(deadline.at).toISOString(), summary: deadline.summary };
    wf.setCurrentDetails(currentDetails(state, nameOf));
    if (deadline === null) {
      await wf.condition(changed);
      continue;
    }
    const wait = wakeAt(deadline, timings) - clock();
    if (wait > 0 && (await wf.condition(changed, wait, { summary: deadline.summary }))) continue;
    try {
      await exclusive(async () => {
        if (!changed()) await deadlines.onDeadline(deadline);
      });
      refusedInARow = 0;
    } catch (error) {
      if (!isStoreRefusal(error)) throw error;
      await afterStoreRefusal(deadline.summary);
    }
  }
  state.nextTimer = null;
  // A hold still open when the interview ends (cancelled, started) is nobody's: its claim goes.
  const openHold = state.hold;
  if (openHold) {
    state.hold = null;
    await steps.forLifecycle().releaseSlot(`release held time ${openHold.start}`, { interviewId, claimId: openHold.claimId });
  }
  wf.setCurrentDetails(currentDetails(state, nameOf));
  await wf.condition(wf.allHandlersFinished);
  await panel.drain();
  await outbox.drain();
  await texts.drain();
  await calendars.drain();
  await rooms.drain();
  await webhooks.drain();
  return state;
}
