import type { Database } from '@portal/db';
import { readBusyTimes } from '@portal/db/busy-times';
import { readCalendarBusy, withCalendarBusy, type CalendarBusyById } from '@portal/db/calendar-busy';
import { availabilityOf, type InterviewDocument } from '@portal/db/documents';
import { activeInterviewers } from '@portal/db/interviewers';
import { withLoadLimits } from '@portal/db/load-limits';
import { generateSlots } from '@portal/shared/slots';
import type { BookingEnv } from '../core/env';
import { noticeOf } from '../kinds/kind-notice';
import { slotRules } from '../lifecycle/lifecycle-config';

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

type Listed = Pick<InterviewDocument, 'notice' | 'buffers' | 'durationMinutes' | 'interviewerIds' | 'panelSize'>;

/** Every start a panel can sit at, with who of the pool is free then (a loop's sessions need the names). */
export async function freeSlots(db: Database, env: BookingEnv, interview: Listed, now: Date) {
  const [listed] = await freeSlotsOfSessions(db, env, [interview], now);
  if (listed === undefined) throw new Error('one interview listed, no listing answered');
  return listed;
}

/**
 * `freeSlots` for several interviews (a loop's sessions) from one read of all their pools: each
 * read is one `$in`, which FerretDB answers by reading the collection whole, so four pools read
 * together cost what one does, where four listings read every collection four times.
 */
export async function freeSlotsOfSessions(db: Database, env: BookingEnv, interviews: readonly Listed[], now: Date) {
  // The rules fixed at the invitation: the same ones the lifecycle's claim checks a booking against.
  const sessions = interviews.map((interview) => {
    const rules = { ...slotRules(env, noticeOf(interview, env), interview.buffers), durationMinutes: interview.durationMinutes };
    return { interview, rules, until: now.getTime() + (rules.horizonDays + 1) * DAY_MS };
  });
  const ids = [...new Set(interviews.flatMap((interview) => interview.interviewerIds))];
  const until = new Date(Math.max(now.getTime(), ...sessions.map((s) => s.until)));
  const [everyone, booked, calendarBusy] = await Promise.all([
    activeInterviewers(db, ids),
    readBusyTimes(db, ids, now, until),
    readCalendarBusy(db, ids, now, until),
  ]);
  // Weekly and monthly limits: weeks and months a member has filled are out (no read for a pool without limits).
  const limited = await withLoadLimits(db, everyone, everyone.map(availabilityOf));
  const availability = new Map(limited.map((a) => [a.interviewerId, a]));
  return sessions.map(({ interview, rules, until: end }) => {
    // Each session sees what its own read would have: bookings and calendar times up to its horizon.
    const members = new Set(interview.interviewerIds);
    const pool = everyone.filter((doc) => members.has(doc._id));
    const within = (b: { start: Date }) => b.start.getTime() < end;
    const busy: CalendarBusyById = new Map([...calendarBusy].filter(([id]) => members.has(id)).map(([id, times]) => [id, times.filter(within)]));
    // A panel needs that many of the pool free at once, each with their buffers, time off, calendar and daily cap.
    const interviewers = pool.flatMap((doc) => {
      const free = availability.get(doc._id);
      return free ? [withCalendarBusy(free, busy)] : [];
    });
    const slots = generateSlots({ interviewers, booked: booked.filter((b) => members.has(b.interviewerId) && within(b)), rules, now }).filter(
      (slot) => slot.interviewerIds.length >= interview.panelSize,
    );
    return { slots, rules, pool };
  });
}
