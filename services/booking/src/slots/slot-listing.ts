import type { Database } from '@portal/db';
import type { InterviewDocument } from '@portal/db/documents';
import { freeSlotsUnderRules } from '@portal/db/free-slots';
import type { BookingEnv } from '../core/env';
import { noticeOf } from './notice-rules';
import { slotRules } from '../lifecycle/lifecycle-config';

/**
 * Free slots for an interview's pool: availability minus the pool's bookings inside the window,
 * read from busy-time documents keyed by interviewer, so history does not add to the cost. Calendar
 * busy times come from the last sync (`calendar_busy`), never from a CalDAV request on this path.
 */
export async function listSlots(db: Database, env: BookingEnv, interview: InterviewDocument, now: Date) {
  const { slots, rules } = await freeSlots(db, env, interview, now);
  return {
    slots: slots.map((slot) => ({ start: slot.start.toISOString(), end: slot.end.toISOString() })),
    horizonDays: rules.horizonDays,
    minNoticeMinutes: rules.minNoticeMinutes,
  };
}

type Listed = Pick<InterviewDocument, 'notice' | 'buffers' | 'durationMinutes' | 'interviewerIds' | 'panelSize'>;

/** Every start a panel can sit at, with who of the pool is free then (a loop's sessions need the names). */
export async function freeSlots(db: Database, env: BookingEnv, interview: Listed, now: Date) {
  const [listed] = await freeSlotsOfSessions(db, env, [interview], now);
  if (listed === undefined) throw new Error('one interview listed, no listing answered');
  return listed;
}

/** `freeSlots` for several interviews (a loop's sessions) from one read of all their pools (packages/db's free-slots.ts). */
export async function freeSlotsOfSessions(db: Database, env: BookingEnv, interviews: readonly Listed[], now: Date) {
  return freeSlotsUnderRules(db, sessionsUnderRules(env, interviews), now);
}

/** Each interview with the rules fixed at its invitation: the same ones the lifecycle's claim checks a booking against. */
export function sessionsUnderRules<I extends Listed>(env: BookingEnv, interviews: readonly I[]) {
  return interviews.map((interview) => ({
    interview,
    rules: { ...slotRules(env, noticeOf(interview, env), interview.buffers), durationMinutes: interview.durationMinutes },
  }));
}
