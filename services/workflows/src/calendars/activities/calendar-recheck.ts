import { log } from '@temporalio/activity';
import { busyFromCalendarObjects } from '@portal/calendar/busy';
import type { CalendarConnectionDocument } from '@portal/db/calendar-documents';
import type { InterviewerDocument } from '@portal/db/documents';
import { clientFor, problemRecord, type CalendarDeps } from './calendar-access';

const MINUTE_MS = 60_000;

/**
 * Asks the interviewer's calendar once more, for just the slot and its buffers (one short REPORT),
 * whether something was added since the last sync. A server that does not answer within
 * `claimCheckMs` is no reason to refuse the candidate: the claim goes ahead on the cached busy
 * times (already applied when the slot was offered), and the skipped check is logged.
 */
export async function calendarBusyAt(
  deps: { calendar: CalendarDeps },
  interviewer: InterviewerDocument,
  connection: CalendarConnectionDocument | null,
  start: Date,
  end: Date,
  interviewId: string,
): Promise<boolean> {
  if (connection === null) return false;
  const from = new Date(start.getTime() - interviewer.bufferBeforeMinutes * MINUTE_MS);
  const to = new Date(end.getTime() + interviewer.bufferAfterMinutes * MINUTE_MS);
  try {
    const client = clientFor(connection, deps.calendar, deps.calendar.claimCheckMs);
    const objects = await client.eventsBetween(connection.readCalendarUrl, from, to);
    const { busy } = busyFromCalendarObjects(objects, { from, to, zone: interviewer.timezone });
    if (busy.length > 0) log.info('calendar re-check: busy at claim time', { interviewId, interviewerId: interviewer._id });
    return busy.length > 0;
  } catch (error) {
    log.warn('calendar re-check skipped: booking on the cached busy times', { interviewId, interviewerId: interviewer._id, ...problemRecord(error) });
    return false;
  }
}
