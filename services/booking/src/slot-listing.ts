import type { Database } from '@portal/db';
import { readBusyTimes } from '@portal/db/busy-times';
import { readCalendarBusy, withCalendarBusy } from '@portal/db/calendar-busy';
import { availabilityOf, type InterviewDocument } from '@portal/db/documents';
import { activeInterviewers } from '@portal/db/interviewers';
import { withLoadLimits } from '@portal/db/load-limits';
import { generateSlots } from '@portal/shared/slots';
import type { BookingEnv } from './env';
import { noticeOf } from './kind-notice';
import { slotRules } from './lifecycle-config';

const DAY_MS = 24 * 3_600_000;

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

/** Every start a panel can sit at, with who of the pool is free then (a loop's sessions need the names). */
export async function freeSlots(
  db: Database,
  env: BookingEnv,
  interview: Pick<InterviewDocument, 'notice' | 'durationMinutes' | 'interviewerIds' | 'panelSize'>,
  now: Date,
) {
  // The rules fixed at the invitation: the same ones the lifecycle's claim checks a booking against.
  const rules = { ...slotRules(env, noticeOf(interview, env)), durationMinutes: interview.durationMinutes };
  const until = new Date(now.getTime() + (rules.horizonDays + 1) * DAY_MS);
  const [pool, booked, calendarBusy] = await Promise.all([
    activeInterviewers(db, interview.interviewerIds),
    readBusyTimes(db, interview.interviewerIds, now, until),
    readCalendarBusy(db, interview.interviewerIds, now, until),
  ]);
  // A panel needs that many of the pool free at once, each with their buffers, time off, calendar and daily cap.
  // Weekly and monthly limits: weeks and months a member has filled are out (no read for a pool without limits).
  const interviewers = await withLoadLimits(db, pool, pool.map((doc) => withCalendarBusy(availabilityOf(doc), calendarBusy)));
  const slots = generateSlots({ interviewers, booked, rules, now }).filter(
    (slot) => slot.interviewerIds.length >= interview.panelSize,
  );
  return { slots, rules, pool };
}
