import type { InterviewDocument, LoopDocument } from '@portal/db/documents';
import { DomainError } from '@portal/shared/errors';
import { itineraryLayoutProblem } from '@portal/shared/itineraries';
import { zoneDays } from '@portal/shared/itinerary-days';
import { moverOf } from '@portal/shared/rules';
import type { Deps } from '../http/context';
import { freeSlots } from '../slots/slot-listing';
import { loopView } from './candidate-loop';
import { requireLoop } from './loop-of-interview';
import { rebookOffer } from './loop-rebook';

/** A loop with its sessions in the loop's order: the candidate's (`requireLoop`) or HR's (`requireHrLoop`). */
interface LoopSessions {
  loop: LoopDocument;
  sessions: InterviewDocument[];
}

function sessionOf(found: LoopSessions, sessionId: string) {
  const index = found.sessions.findIndex((s) => s._id === sessionId);
  const session = found.sessions[index];
  if (session === undefined) throw new DomainError('NOT_FOUND', 'That session is not part of this loop.', { field: 'sessionId' });
  return { index, session };
}

/** Where the loop's sessions sit now (epoch ms, template order), or a refusal if one is not booked. */
function currentStarts(found: LoopSessions): number[] {
  return found.sessions.map((s) => {
    if (s.slot === null) throw new DomainError('ILLEGAL_TRANSITION', 'The loop is not booked; book an itinerary first.');
    return s.slot.start.getTime();
  });
}

/**
 * Reschedule limits count per loop: every move of any session spends the loop's allowance, the
 * smallest of its sessions' (docs/adr/0031).
 */
function loopAllowanceRefusal(sessions: InterviewDocument[]): DomainError | null {
  const used = sessions.reduce((sum, s) => sum + s.rescheduleCount, 0);
  const limit = Math.min(...sessions.map((s) => s.rescheduleLimit));
  return used >= limit ? new DomainError('RESCHEDULE_LIMIT', `This loop has been moved ${used} times, its limit.`) : null;
}

/**
 * The times one session can move to, keeping the others where they are: its own free times (the
 * single-session listing, where the other sessions' bookings are already busy time and count
 * against daily caps) that keep the loop's order, breaks and days, counted in the days of
 * `timezone` (the candidate's stored zone when absent). The candidate's page and HR's loop page
 * both list through here.
 */
export async function timesToMove(deps: Deps, found: LoopSessions, sessionId: string, timezone?: string) {
  const { index, session } = sessionOf(found, sessionId);
  const starts = currentStarts(found);
  const days = zoneDays(timezone ?? session.candidateTimezone);
  const durations = found.sessions.map((s) => s.durationMinutes * 60_000);
  const { slots } = await freeSlots(deps.db, deps.env, session, new Date());
  const fits = slots.filter((slot) => {
    const moved = starts.map((s, i) => (i === index ? slot.start.getTime() : s));
    return slot.start.getTime() !== starts[index] && itineraryLayoutProblem(found.loop.rules, durations, moved, days.of) === null;
  });
  return {
    sessionId: session._id,
    title: found.loop.sessions[index]?.title ?? '',
    times: fits.map((slot) => ({ start: slot.start.toISOString(), end: slot.end.toISOString() })),
  };
}

export interface SessionMove {
  sessionId: string;
  start: string;
  /** The candidate's newly chosen zone (their page); absent for HR, who keeps the stored one. */
  timezone?: string;
  /** `candidate`, or the HR user moving it for them. */
  actor: string;
  reason?: string;
}

/**
 * Moves one session, the others untouched; the session's lifecycle claims, releases and emails as
 * for a single move. The layout is checked against the others' current times; the candidate's
 * moves spend the loop's allowance, HR's do not, as for a single interview (`rescheduleCountAfterMove`).
 */
export async function moveLoopSession(deps: Deps, found: LoopSessions, move: SessionMove): Promise<void> {
  const { index, session } = sessionOf(found, move.sessionId);
  const moved = currentStarts(found).map((s, i) => (i === index ? Date.parse(move.start) : s));
  const durations = found.sessions.map((s) => s.durationMinutes * 60_000);
  const problem = itineraryLayoutProblem(found.loop.rules, durations, moved, zoneDays(move.timezone ?? session.candidateTimezone).of);
  if (problem !== null) throw new DomainError('SLOT_UNAVAILABLE', problem);
  if (moverOf(move.actor) === 'candidate') {
    const refusal = loopAllowanceRefusal(found.sessions);
    if (refusal !== null) throw refusal;
  }
  await deps.lifecycle.reschedule(move.sessionId, {
    start: new Date(move.start).toISOString(),
    ...(move.actor === 'candidate' ? {} : { actor: move.actor }),
    ...(move.reason === undefined ? {} : { reason: move.reason }),
    ...(move.timezone === undefined ? {} : { timezone: move.timezone }),
  });
}

/**
 * The candidate's times for one session; when none is left and the session's re-pick is open (its
 * panel lost a member nobody could replace), `rebook`: the whole loop's itineraries, those keeping
 * the most booked sessions first, bookable with `bookItinerary` (docs/adr/0032).
 */
export async function sessionTimes(deps: Deps, interview: InterviewDocument, input: { sessionId: string; timezone?: string }) {
  const found = await requireLoop(deps.db, interview);
  const timezone = input.timezone ?? interview.candidateTimezone;
  const listed = await timesToMove(deps, found, input.sessionId, timezone);
  if (listed.times.length > 0) return listed;
  const rebook = await rebookOffer(deps, found, sessionOf(found, input.sessionId).index, timezone);
  return rebook === null ? listed : { ...listed, rebook };
}

/** The candidate moves one session from their link. */
export async function moveSession(deps: Deps, interview: InterviewDocument, input: { sessionId: string; start: string; timezone?: string }) {
  const found = await requireLoop(deps.db, interview);
  await moveLoopSession(deps, found, { ...input, actor: 'candidate' });
  return loopView(await requireLoop(deps.db, interview));
}
