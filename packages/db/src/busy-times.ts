import type { Booked } from '@portal/shared/slots';
import type { Database } from './database';

/**
 * The pool's bookings overlapping [from, to), read from the day claims (one per booked
 * interviewer and interview) by interviewer: one indexed equality query per interviewer.
 *
 * Claims live only while their booking can still collide with another: cancel and reschedule
 * release them, and so does the end of the interview (see persist-change.ts), so these
 * collections hold the calendar ahead, not the history, and this read costs the same at 0 or
 * 20,000 past interviews.
 */
export async function readBusyTimes(db: Pick<Database, 'dayClaims'>, interviewerIds: readonly string[], from: Date, to: Date): Promise<Booked[]> {
  const perInterviewer = await Promise.all(
    [...new Set(interviewerIds)].map((interviewerId) => db.dayClaims.find({ interviewerId }, { interviewerId: 1, start: 1, end: 1 }).lean()),
  );
  return perInterviewer
    .flat()
    .filter((claim) => claim.end.getTime() > from.getTime() && claim.start.getTime() < to.getTime())
    .map((claim) => ({ interviewerId: claim.interviewerId, start: claim.start, end: claim.end }));
}
