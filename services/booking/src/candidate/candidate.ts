import { isNamedTeam, teamCard } from '@portal/db/teams';
import { teamOf } from '@portal/db/team-scope';
import type { z } from 'zod';
import { cancelInput, candidateLiveInput, candidateLocaleInput, slotChoiceInput, tokenInput } from '@portal/shared/schemas';
import type { InterviewDocument } from '@portal/db/documents';
import type { LifecycleState, SlotRequest, SmsChoice } from '@portal/shared/lifecycle';
import { readInterviewers } from '@portal/db/interviewers';
import { DomainError } from '@portal/shared/errors';
import { closedRefusal } from '@portal/shared/rules';
import { interviewForCandidate } from './candidate-access';
import { candidateView } from './candidate-view';
import { languageOnFirstVisit, storeLanguage } from './candidate-language';
import { interviewAfterChange } from './interview-after-change';
import { applicationInterviews } from './application-interviews';
import type { Context } from '../http/context';
import { listSlots } from '../slots/slot-listing';
import { candidateLive } from '../live/candidate-live';
import { bookItinerary, cancelLoop, itinerariesFor, loopView } from '../loops/candidate-loop';
import { loopOfInterview, requireLoop } from '../loops/loop-of-interview';
import { itinerariesInput, itineraryChoiceInput, sessionMoveInput, sessionTimesInput } from '@portal/shared/loop-inputs';
import { moveSession, sessionTimes } from '../loops/session-move';
import { submitLoopAvailability } from '../loops/loop-availability';
import { changeLoopWaitlist, withLoopWaitlist, type LoopWaitlistChange } from '../loops/loop-waitlist';
import { publicProcedure, router } from '../http/trpc';
import { availabilityInput } from '@portal/shared/availability';
import { submitAvailability } from '../availability/availability';
import { holdAnswerInput, waitlistJoinInput } from '@portal/shared/waitlist';
import { joinWaitlist } from '../waitlist/waitlist';

/**
 * Every candidate procedure starts from the link: its whole input checked first (a bad reason is
 * refused before the link is even read), then rate-limited, verified, scoped to one interview.
 */
function fromLink<T extends z.ZodType<{ token: string }, { token: string }>>(schema: T) {
  return publicProcedure.input(schema).use(async ({ ctx, input, next }) => {
    const interview = await interviewForCandidate(ctx.deps, ctx.ip, input.token);
    return next({ ctx: { ...ctx, interview } });
  });
}

/** A closed lifecycle has no workflow to ask; its persisted status answers for it. */
function changeFromLink<T extends z.ZodType<{ token: string }, { token: string }>>(schema: T) {
  return fromLink(schema).use(({ ctx, next }) => {
    const refusal = closedRefusal(ctx.interview.status);
    if (refusal) throw new DomainError(refusal.code, refusal.message);
    return next();
  });
}

/**
 * The page after a change, from the update's result. The panel's names are read once the change
 * is through: most racers for a time are refused, and a refusal needs no page.
 */
async function viewAfter(
  ctx: Context & { interview: InterviewDocument },
  token: string,
  change: Promise<LifecycleState>,
  timezone?: string,
  sms: SmsChoice = {},
) {
  const state = await change;
  // The zone, number and opt-in a booking brings are stored by the same change; the state does not carry them all.
  const interview = {
    ...ctx.interview,
    ...(timezone === undefined ? {} : { candidateTimezone: timezone }),
    ...(sms.phone === undefined ? {} : { candidatePhone: sms.phone }),
    ...(sms.sms === undefined ? {} : { smsOptIn: sms.sms }),
  };
  return present(ctx, interviewAfterChange(interview, state), token);
}

/** Texts need a number: given with this change, or stored with an earlier one. */
function smsChoice(interview: InterviewDocument, input: SmsChoice): SmsChoice {
  if (input.sms === true && input.phone === undefined && !interview.candidatePhone) {
    throw new DomainError('BAD_INPUT', 'Enter a mobile number with its country code to get texts.', { field: 'phone' });
  }
  return { ...(input.phone === undefined ? {} : { phone: input.phone }), ...(input.sms === undefined ? {} : { sms: input.sms }) };
}

/** A booking or a move to the chosen time, racers for it taking turns (slot-turns.ts), and the page after it. */
function toSlot(
  ctx: Context & { interview: InterviewDocument },
  input: { token: string; start: string; timezone?: string } & SmsChoice,
  change: (interviewId: string, request: SlotRequest) => Promise<LifecycleState>,
) {
  const start = new Date(input.start);
  // A loop's sessions are booked together, by itinerary: never one of them alone from its link.
  if (ctx.interview.loopId) throw new DomainError('BAD_INPUT', 'This link is for an interview loop: book one of its itineraries.');
  const sms = smsChoice(ctx.interview, input);
  const request = { start: start.toISOString(), timezone: input.timezone, ...sms };
  const changed = ctx.deps.slotTurns({ interview: ctx.interview, start }, () => change(ctx.interview._id, request));
  return viewAfter(ctx, input.token, changed, input.timezone, sms);
}

async function present(ctx: Context, document: InterviewDocument, token: string) {
  const [interviewers, team, interview] = await Promise.all([
    readInterviewers(ctx.deps.db, document.interviewerIds),
    teamCard(ctx.deps.db, teamOf(document)),
    withLoopWaitlist(ctx.deps.db, document),
  ]);
  // The default team as the migration left it is not named: a deployment of one team reads as before (docs/adr/0076).
  return candidateView(interview, interviewers, ctx.deps.env, token, Date.now(), isNamedTeam(team) ? team : null);
}

/** A loop's waitlist changed by its workflow (docs/adr/0077), then the link's session read back. */
async function afterLoopChange(ctx: Context & { interview: InterviewDocument }, token: string, change: LoopWaitlistChange) {
  await changeLoopWaitlist(ctx.deps, ctx.interview, change);
  return present(ctx, (await ctx.deps.db.interviews.findById(ctx.interview._id).lean()) ?? ctx.interview, token);
}

export const candidateRouter = router({
  view: fromLink(tokenInput).query(async ({ ctx, input }) => present(ctx, await languageOnFirstVisit(ctx, ctx.interview), input.token)),

  /** The candidate's language, stored with the interview: the page, and every message after this, use it. */
  setLocale: fromLink(candidateLocaleInput).mutation(async ({ ctx, input }) =>
    present(ctx, await storeLanguage(ctx, ctx.interview, input.locale, 'candidate'), input.token),
  ),

  slots: fromLink(tokenInput).query(({ ctx }) => listSlots(ctx.deps.db, ctx.deps.env, ctx.interview, new Date())),

  /** The page's own changes, and its free times again each time a change touches the pool (server-sent events; docs/adr/0033). */
  live: fromLink(candidateLiveInput).subscription(({ ctx, input, signal }) => candidateLive(ctx, input.lastEventId, signal)),

  book: changeFromLink(slotChoiceInput).mutation(({ ctx, input }) => toSlot(ctx, input, ctx.deps.lifecycle.book)),

  reschedule: changeFromLink(slotChoiceInput).mutation(({ ctx, input }) => toSlot(ctx, input, ctx.deps.lifecycle.reschedule)),

  cancel: changeFromLink(cancelInput).mutation(async ({ ctx, input }) => {
    const reason = input.reason === '' ? undefined : input.reason;
    // Cancel cancels the whole loop.
    if (ctx.interview.loopId) {
      await cancelLoop(ctx.deps, ctx.interview, reason, 'candidate');
      return present(ctx, (await ctx.deps.db.interviews.findById(ctx.interview._id).lean()) ?? ctx.interview, input.token);
    }
    return viewAfter(ctx, input.token, ctx.deps.lifecycle.cancel(ctx.interview._id, { reason, actor: 'candidate' }));
  }),

  /** The loop this link books (null for a single interview): its status and every session. */
  loop: fromLink(tokenInput).query(async ({ ctx }) => {
    const found = await loopOfInterview(ctx.deps.db, ctx.interview._id);
    return found && loopView(found);
  }),

  /** Every interview of the candidate's application (same person, same position), this one marked current (docs/adr/0037). */
  interviews: fromLink(tokenInput).query(({ ctx }) => applicationInterviews(ctx.deps, ctx.interview)),

  itineraries: fromLink(itinerariesInput).query(async ({ ctx, input }) =>
    itinerariesFor(ctx.deps, await requireLoop(ctx.deps.db, ctx.interview, { reuseLinkRead: true }), {
      timezone: input.timezone ?? ctx.interview.candidateTimezone,
      ...(input.day === undefined ? {} : { day: input.day }),
    }),
  ),

  bookItinerary: changeFromLink(itineraryChoiceInput).mutation(({ ctx, input }) => bookItinerary(ctx.deps, ctx.interview, input)),

  /** Where one booked session of the loop can move, the others staying where they are. */
  sessionTimes: fromLink(sessionTimesInput).query(({ ctx, input }) => sessionTimes(ctx.deps, ctx.interview, input)),

  moveSession: changeFromLink(sessionMoveInput).mutation(({ ctx, input }) => moveSession(ctx.deps, ctx.interview, input)),

  cancelLoop: changeFromLink(cancelInput).mutation(({ ctx, input }) =>
    cancelLoop(ctx.deps, ctx.interview, input.reason === '' ? undefined : input.reason, 'candidate'),
  ),

  join: changeFromLink(tokenInput).mutation(({ ctx }) => ctx.deps.lifecycle.join(ctx.interview._id)),

  /** "None of these times work": when the candidate could come; the lifecycle books the first fitting time (docs/adr/0071). */
  /** "Tell me if an earlier time frees up" (docs/adr/0072): the first waiting candidate gets a timed, exclusive hold on it. */
  joinWaitlist: changeFromLink(waitlistJoinInput).mutation(({ ctx, input }) =>
    ctx.interview.loopId
      ? afterLoopChange(ctx, input.token, { join: input.before === undefined ? {} : { before: input.before } })
      : viewAfter(ctx, input.token, joinWaitlist(ctx.deps.lifecycle, ctx.interview, input.before)),
  ),
  leaveWaitlist: changeFromLink(tokenInput).mutation(({ ctx, input }) =>
    ctx.interview.loopId ? afterLoopChange(ctx, input.token, { leave: true }) : viewAfter(ctx, input.token, ctx.deps.lifecycle.leaveWaitlist(ctx.interview._id)),
  ),
  /** The held earlier time, taken: the booking moves there as a reschedule does (a loop's every session, as the loop's move). */
  acceptHold: changeFromLink(holdAnswerInput).mutation(({ ctx, input }) =>
    ctx.interview.loopId
      ? afterLoopChange(ctx, input.token, { accept: input.holdId })
      : viewAfter(ctx, input.token, ctx.deps.lifecycle.acceptHold(ctx.interview._id, input.holdId)),
  ),
  declineHold: changeFromLink(holdAnswerInput).mutation(({ ctx, input }) =>
    ctx.interview.loopId
      ? afterLoopChange(ctx, input.token, { decline: input.holdId })
      : viewAfter(ctx, input.token, ctx.deps.lifecycle.declineHold(ctx.interview._id, input.holdId)),
  ),

  submitAvailability: changeFromLink(availabilityInput).mutation(async ({ ctx, input }) => {
    if (!ctx.interview.loopId) return viewAfter(ctx, input.token, submitAvailability(ctx.deps, ctx.interview, input));
    // A loop's windows (docs/adr/0077): its workflow keeps them on every session before it answers.
    await submitLoopAvailability(ctx.deps, ctx.interview, input);
    return present(ctx, (await ctx.deps.db.interviews.findById(ctx.interview._id).lean()) ?? ctx.interview, input.token);
  }),
});
