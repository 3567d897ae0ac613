import type { InterviewDocument } from '@portal/db/documents';
import { DomainError } from '@portal/shared/errors';
import { zoneDays } from '@portal/shared/itinerary-days';
import type { LifecycleState } from '@portal/shared/lifecycle';
import type { Deps } from '../http/context';
import type { LoopOfInterview } from './loop-of-interview';
import { listItineraries, type KeptTime } from './itinerary-listing';
import { rankedByKept } from './kept-sessions';
import { loopClient } from './loop-client';

/**
 * A loop session's re-pick with no time of its own (docs/adr/0032): a member left its panel, nobody
 * could take the place, and the other sessions' fixed times and the loop's break rules leave it no
 * other time. The candidate is offered the whole loop's itineraries again, those keeping the most
 * booked sessions where they are first, and books one as a move of the sessions that change, all
 * or nothing (the loop's `moveLoopSessions`).
 */

/** The open re-pick of one of the loop's sessions, by its lifecycle's own state (the offer lives there). */
async function openRepick(deps: Deps, sessions: InterviewDocument[]): Promise<{ session: number; state: LifecycleState } | null> {
  const states = await Promise.all(
    sessions.map((s) => (s.status === 'SCHEDULED' ? deps.lifecycle.state(s._id).catch(() => null) : Promise.resolve(null))),
  );
  const session = states.findIndex((state) => (state?.repickOffer ?? null) !== null);
  const state = states[session];
  return state ? { session, state } : null;
}

/** The booked sessions other than the one re-picked, each at its own time with its own panel. */
function keptTimes(sessions: InterviewDocument[], repicked: number): KeptTime[] {
  return sessions.flatMap((s, i) => (i !== repicked && s.slot ? [{ session: i, start: s.slot.start.getTime(), interviewerIds: s.slot.interviewerIds }] : []));
}

/**
 * The loop's itineraries for the re-pick of session `index`, on the day of its held time in the
 * candidate's zone (the first open day when that day has none), those keeping the most booked
 * sessions first; null when that session has no open re-pick. Its lifecycle is told, and tells HR once.
 */
export async function rebookOffer(deps: Deps, found: LoopOfInterview, index: number, timezone: string) {
  const repick = await openRepick(deps, found.sessions);
  if (repick === null || repick.session !== index) return null;
  const kept = keptTimes(found.sessions, index);
  const held = found.sessions[index]?.slot?.start;
  const now = new Date();
  // The held time is not offered again: its panel is not whole.
  const around = { kept, dropped: held ? [{ session: index, start: held.getTime() }] : [] };
  const days = zoneDays(timezone);
  const heldDay = held ? { day: days.toIsoDate(days.of(held.getTime())) } : {};
  const onDay = await listItineraries(deps.db, deps.env, found.loop, found.sessions, { timezone, ...heldDay }, now, around);
  const listed = onDay.itineraries.length > 0 ? onDay : await listItineraries(deps.db, deps.env, found.loop, found.sessions, { timezone }, now, around);
  const ranked = rankedByKept(
    listed.itineraries,
    found.sessions.map((s) => s.slot?.start.getTime() ?? null),
    index,
  );
  const sessionId = found.sessions[index]?._id;
  if (sessionId) await deps.lifecycle.loopRebook(sessionId, { itineraries: ranked.length, at: now.toISOString() }).catch(() => undefined);
  return { day: listed.day, days: listed.days, until: repick.state.repickOffer?.until ?? null, itineraries: ranked };
}

/**
 * A booked loop's itinerary chosen while one of its sessions' re-pick is open: the sessions that
 * change move together, all or nothing; the others stay. Without an open re-pick a booked loop
 * moves one session at a time (`moveSession`).
 */
export async function rebookItinerary(deps: Deps, found: LoopOfInterview, starts: number[], timezone: string | undefined): Promise<void> {
  const repick = await openRepick(deps, found.sessions);
  if (repick === null) throw new DomainError('ILLEGAL_TRANSITION', 'The loop is booked; move one session at a time.');
  const moves = found.sessions.flatMap((s, i) => {
    const start = starts[i];
    return start !== undefined && s.slot?.start.getTime() !== start ? [{ interviewId: s._id, start: new Date(start).toISOString() }] : [];
  });
  if (!moves.some((m) => m.interviewId === found.sessions[repick.session]?._id)) {
    throw new DomainError('SLOT_UNAVAILABLE', 'That itinerary keeps the session that needs a new time where it is; pick another.');
  }
  await loopClient(deps.temporal, deps.env.LIFECYCLE_TASK_QUEUE).moveSessions(found.loop._id, {
    moves,
    reason: 'the loop booked again whole: a session had no time left beside the others',
    ...(timezone === undefined ? {} : { timezone }),
  });
}
