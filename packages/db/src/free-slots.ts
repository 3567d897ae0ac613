import type { Database } from './database';
import { readBusyTimes } from './busy-times';
import { readCalendarBusy, withCalendarBusy, type CalendarBusyById } from './calendar-busy';
import { availabilityOf, type InterviewDocument } from './documents';
import { activeInterviewers } from './interviewers';
import { withLoadLimits } from './load-limits';
import { generateSlots, type SlotRules } from '@portal/shared/slots';

const DAY_MS = 24 * 3_600_000;

/** What a listing needs of an interview: its pool, how many sit at once, and its length. */
export type ListedInterview = Pick<InterviewDocument, 'interviewerIds' | 'panelSize'>;

/**
 * Every start a panel can sit at, for several interviews (a loop's sessions) from one read of all
 * their pools, each under its own rules: availability minus the pools' bookings, calendar busy
 * times from the last sync and filled weeks and months. Each read is one `$in`, which FerretDB
 * answers by reading the collection whole, so four pools read together cost what one does.
 * Booking lists with it (rules from the invitation's notice); the lifecycle searches a candidate's
 * windows with it (the rules its claims check, docs/adr/0071).
 */
export async function freeSlotsUnderRules<I extends ListedInterview>(db: Database, sessions: readonly { interview: I; rules: SlotRules }[], now: Date) {
  const bounded = sessions.map((session) => ({ ...session, until: now.getTime() + (session.rules.horizonDays + 1) * DAY_MS }));
  const ids = [...new Set(sessions.flatMap(({ interview }) => interview.interviewerIds))];
  const until = new Date(Math.max(now.getTime(), ...bounded.map((s) => s.until)));
  const [everyone, booked, calendarBusy] = await Promise.all([
    activeInterviewers(db, ids),
    readBusyTimes(db, ids, now, until),
    readCalendarBusy(db, ids, now, until),
  ]);
  // Weekly and monthly limits: weeks and months a member has filled are out (no read for a pool without limits).
  const limited = await withLoadLimits(db, everyone, everyone.map(availabilityOf));
  const availability = new Map(limited.map((a) => [a.interviewerId, a]));
  return bounded.map(({ interview, rules, until: end }) => {
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
