import { log } from '@temporalio/activity';
import type { CalendarConnectionDocument } from '@portal/db/calendar-documents';
import type { InterviewerDocument } from '@portal/db/documents';
import { problemRecord, providerFor, type CalendarDeps, type OrganisationAccess } from './calendar-access';

const MINUTE_MS = 60_000;

/**
 * Asks the interviewer's calendar once more, for just the slot and its buffers (one short request,
 * whichever provider: a REPORT, a free/busy query), whether something was added since the last
 * sync. A calendar that does not answer within `claimCheckMs`, or refuses (a rate limit, a revoked
 * grant), is no reason to refuse the candidate: the claim goes ahead on the cached busy times
 * (already applied when the slot was offered), and the skipped check is logged.
 */
export async function calendarBusyAt(
  deps: { calendar: CalendarDeps },
  interviewer: InterviewerDocument,
  connection: CalendarConnectionDocument | null,
  access: () => Promise<OrganisationAccess>,
  slot: { start: Date; end: Date },
  interviewId: string,
): Promise<boolean> {
  if (connection === null) return false;
  const from = new Date(slot.start.getTime() - interviewer.bufferBeforeMinutes * MINUTE_MS);
  const to = new Date(slot.end.getTime() + interviewer.bufferAfterMinutes * MINUTE_MS);
  try {
    const provider = providerFor(connection, interviewer, await access(), deps.calendar, true);
    const busy = await provider.busyAt({ from, to, zone: interviewer.timezone });
    if (busy.length > 0) log.info('calendar re-check: busy at claim time', { interviewId, interviewerId: interviewer._id });
    return busy.length > 0;
  } catch (error) {
    log.warn('calendar re-check skipped: booking on the cached busy times', { interviewId, interviewerId: interviewer._id, ...problemRecord(error) });
    return false;
  }
}
