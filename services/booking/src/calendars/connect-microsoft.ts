import type { MicrosoftConnectionDocument } from '@portal/db/calendar-documents';
import { DomainError } from '@portal/shared/errors';
import type { Deps } from '../http/context';
import { syncCalendarsSoon } from './calendar-sync-trigger';
import { readMicrosoftOrganisation } from './organisation-microsoft';

/**
 * Connects the interviewer's Microsoft 365 calendar through the organisation's app registration:
 * their address is the mailbox Graph is asked about. Already connected so (same address), nothing
 * changes: their busy times, delta link and subscription stay. Refused while the organisation has
 * no Microsoft connection.
 */
export async function connectMicrosoftCalendar(deps: Deps, interviewerId: string, actor: string): Promise<void> {
  const [interviewer, organisation, existing] = await Promise.all([
    deps.db.interviewers.findById(interviewerId, { email: 1 }).lean(),
    readMicrosoftOrganisation(deps.db),
    deps.db.calendarConnections.findById(interviewerId, { provider: 1, calendarId: 1 }).lean(),
  ]);
  if (interviewer === null) throw new DomainError('NOT_FOUND', 'Interviewer not found.');
  if (organisation === null) {
    throw new DomainError('BAD_INPUT', 'The organisation has no Microsoft 365 connection yet: an admin sets the app registration on the Calendars page (or MICROSOFT_TENANT_ID, MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET on the server) first.', { field: 'calendar' });
  }
  const calendarId = interviewer.email.toLowerCase();
  if (existing?.provider === 'microsoft' && existing.calendarId === calendarId) return;
  const connection: MicrosoftConnectionDocument = { _id: interviewerId, provider: 'microsoft', grant: 'organisation', calendarId, connectedBy: actor, updatedAt: new Date() };
  await deps.db.calendarConnections.replaceOne({ _id: interviewerId }, connection, { upsert: true });
  await syncCalendarsSoon(deps.temporal, deps.env.LIFECYCLE_TASK_QUEUE);
}
