import type { InterviewDocument, LoopDocument } from '@portal/db/documents';
import { DomainError } from '@portal/shared/errors';
import { kindLabelOf } from '@portal/shared/interview-kinds';
import { itineraryLayoutProblem } from '@portal/shared/itineraries';
import { zoneDays } from '@portal/shared/itinerary-days';
import { loopStatusOf, sessionBookRequest, sessionBookUpdateId, startsOfItinerary, type BookedLoop, type LoopHandover } from '@portal/shared/loops';
import { transition } from '@portal/shared/status';
import type { Deps } from '../http/context';
import { requireLoop, type LoopOfInterview } from './loop-of-interview';
import { listItineraries } from './itinerary-listing';
import { loopClient, type TakenSession } from './loop-client';
import { rebookItinerary } from './loop-rebook';

type ViewedSession = Pick<InterviewDocument, '_id' | 'kind' | 'kindTitles' | 'status' | 'durationMinutes' | 'panelSize'> & {
  slot: { start: Date; end: Date; interviewerIds?: string[] } | null;
};

/**
 * A booked session whose panel lost a member nobody could replace: its held time stays until the
 * re-pick offer ends, and the candidate's page asks for a new time (docs/adr/0032).
 */
const needsNewTime = (s: ViewedSession): boolean =>
  s.status === 'SCHEDULED' && s.slot?.interviewerIds !== undefined && s.slot.interviewerIds.length < s.panelSize;

/** What the candidate's page (and the REST API) shows of a loop: its status and every session. */
export function loopView({ loop, sessions }: { loop: LoopDocument; sessions: ViewedSession[] }) {
  return {
    loopId: loop._id,
    status: loopStatusOf(sessions.map((s) => s.status)),
    position: loop.position,
    rules: loop.rules,
    sessions: sessions.map((s, i) => ({
      interviewId: s._id,
      title: loop.sessions[i]?.title ?? kindLabelOf(s),
      status: s.status,
      durationMinutes: s.durationMinutes,
      panelSize: s.panelSize,
      slot: s.slot && { start: s.slot.start.toISOString(), end: s.slot.end.toISOString() },
      needsNewTime: needsNewTime(s),
    })),
  };
}

export function itinerariesFor(deps: Deps, found: LoopOfInterview, input: { timezone: string; day?: string }) {
  return listItineraries(deps.db, deps.env, found.loop, found.sessions, input, new Date());
}

/**
 * Books an offered itinerary, all or nothing. Its layout is checked here (order, breaks, days);
 * each session's own rules by its claim in the loop workflow. A session taken since the offer is
 * answered by name, with the day's fresh itineraries.
 */
export async function bookItinerary(deps: Deps, interview: InterviewDocument, input: { itineraryId: string; timezone?: string }) {
  const found = await requireLoop(deps.db, interview, { reuseLinkRead: true });
  const starts = startsOfItinerary(input.itineraryId);
  const timezone = input.timezone ?? interview.candidateTimezone;
  const days = zoneDays(timezone);
  const durations = found.sessions.map((s) => s.durationMinutes * 60_000);
  const problem = starts === null ? 'That itinerary is not one of this loop’s.' : itineraryLayoutProblem(found.loop.rules, durations, starts, days.of);
  if (starts === null || problem !== null) throw new DomainError('SLOT_UNAVAILABLE', problem ?? 'That itinerary is not offered.');
  if (found.sessions.some((s) => s.slot !== null)) {
    // Booked already: only a session's open re-pick books the loop again (docs/adr/0032).
    await rebookItinerary(deps, found, starts, input.timezone);
    return loopView(await requireLoop(deps.db, interview));
  }
  let booked: BookedLoop;
  try {
    booked = await loopClient(deps.temporal, deps.env.LIFECYCLE_TASK_QUEUE).book(found.loop._id, {
      starts: starts.map((s) => new Date(s).toISOString()),
      ...(input.timezone === undefined ? {} : { timezone: input.timezone }),
    });
  } catch (error) {
    const taken = error instanceof DomainError ? (error.details['taken'] as TakenSession | undefined) : undefined;
    if (!(error instanceof DomainError) || taken === undefined) throw error;
    const day = days.toIsoDate(days.of(Math.min(...starts)));
    const fresh = await itinerariesFor(deps, found, { timezone, day });
    throw new DomainError(error.code, `${lostSession(taken)}; pick another itinerary.`, { taken: { ...taken, itineraries: fresh.itineraries } });
  }
  if (booked.handover) await bookSessions(deps, booked.handover);
  return loopView(loopAfterBooking(found, booked));
}

/** What became of the session a loop's booking lost, by the claim's reason (ClaimRefusalReason). */
function lostSession({ title, reason }: TakenSession): string {
  switch (reason) {
    case 'booked':
      return `${title} was just taken by another booking`;
    case 'limit':
      return `${title} can no longer be booked then: its interviewer has reached their limit of interviews`;
    case 'unavailable':
      return `${title} is no longer offered then: its interviewer is not free (working hours, time off or calendar)`;
    default:
      return `${title} was just taken by someone else`;
  }
}

/**
 * The sessions booked on the claims the loop answered with, each by the update the loop's own
 * activity sends under the same id (docs/adr/0042): whichever arrives first books the session, the
 * other gets its answer. The candidate is answered once every session has persisted its booking,
 * as before; a session's refusal (closed by HR since the offer) is the loop's, which the loop then
 * undoes.
 */
async function bookSessions(deps: Deps, handover: LoopHandover): Promise<void> {
  const answers = await Promise.allSettled(
    handover.sessions.map((s) => deps.lifecycle.bookLoopSession(s.interviewId, sessionBookRequest(handover, s.interviewId), sessionBookUpdateId(handover.changeId))),
  );
  const refused = answers.find((a) => a.status === 'rejected');
  if (refused?.status !== 'rejected') return;
  if (refused.reason instanceof DomainError && refused.reason.code !== 'UNAVAILABLE') {
    throw new DomainError('ILLEGAL_TRANSITION', `A session of the loop cannot be booked: ${refused.reason.message}`);
  }
  throw refused.reason;
}

/**
 * The loop as its booking left it, from the update's answer over the sessions read before it: the
 * loop answers once every session's lifecycle has persisted its booking, so reading them back
 * would show the same at the cost of two round trips (`interviewAfterChange` for one interview).
 */
function loopAfterBooking(found: LoopOfInterview, state: BookedLoop): { loop: LoopDocument; sessions: ViewedSession[] } {
  return {
    loop: found.loop,
    sessions: found.sessions.map((session) => {
      const booked = state.sessions.find((s) => s.interviewId === session._id);
      if (!booked?.start || !booked.end) return session;
      return { ...session, status: transition(session.status, 'BOOK'), slot: { start: new Date(booked.start), end: new Date(booked.end) } };
    }),
  };
}

export async function cancelLoop(deps: Deps, interview: InterviewDocument, reason: string | undefined, actor: string) {
  const found = await requireLoop(deps.db, interview);
  await loopClient(deps.temporal, deps.env.LIFECYCLE_TASK_QUEUE).cancel(found.loop._id, { reason, actor });
  return loopView(await requireLoop(deps.db, interview));
}
