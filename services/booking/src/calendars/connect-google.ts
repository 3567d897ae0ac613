import type { GoogleConnectionDocument } from '@portal/db/calendar-documents';
import { DomainError } from '@portal/shared/errors';
import type { Deps } from '../http/context';
import { syncCalendarsSoon } from './calendar-sync-trigger';
import { readGoogleOrganisation } from './organisation-google';

/**
 * Connects the interviewer's Google calendar through the organisation's connection: their
 * address is the calendar, and who the service account acts as. Already connected so (same
 * address), nothing changes: their busy times, sync token and push channel stay. Refused while
 * the organisation has no Google connection.
 */
export async function connectGoogleCalendar(deps: Deps, interviewerId: string, actor: string): Promise<void> {
  const [interviewer, organisation, existing] = await Promise.all([
    deps.db.interviewers.findById(interviewerId, { email: 1 }).lean(),
    readGoogleOrganisation(deps.db),
    deps.db.calendarConnections.findById(interviewerId, { provider: 1, calendarId: 1 }).lean(),
  ]);
  if (interviewer === null) throw new DomainError('NOT_FOUND', 'Interviewer not found.');
  if (organisation === null) {
    throw new DomainError('BAD_INPUT', 'The organisation has no Google connection yet: an admin sets the service account on the calendars page (or GOOGLE_SERVICE_ACCOUNT_KEY) first.', { field: 'calendar' });
  }
  const calendarId = interviewer.email.toLowerCase();
  if (existing?.provider === 'google' && existing.calendarId === calendarId) return;
  const connection: GoogleConnectionDocument = { _id: interviewerId, provider: 'google', grant: 'organisation', calendarId, connectedBy: actor, updatedAt: new Date() };
  await deps.db.calendarConnections.replaceOne({ _id: interviewerId }, connection, { upsert: true });
  await syncCalendarsSoon(deps.temporal, deps.env.LIFECYCLE_TASK_QUEUE);
}
