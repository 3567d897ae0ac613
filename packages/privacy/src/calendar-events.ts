import { caldavProvider } from '@portal/calendar/caldav-provider';
import { microsoftSecretOwner, openCalendarPassword, openGrantToken, openOrganisationSecret } from '@portal/calendar/credentials';
import { googleProvider, type GoogleClients } from '@portal/calendar/google-provider';
import { microsoftProvider, type MicrosoftClients } from '@portal/calendar/microsoft-provider';
import type { MicrosoftUserClients } from '@portal/calendar/microsoft-user-clients';
import type { CalendarEventsOut } from '@portal/calendar/provider';
import type { Database } from '@portal/db';
import type { CalendarConnectionDocument, GoogleConnectionDocument, MicrosoftConnectionDocument } from '@portal/db/calendar-documents';
import type { CalendarGrantClients } from '@portal/shared/env';
import type { InterviewDocument } from '@portal/db/documents';
import { interviewCalendarUid } from '@portal/shared/ics';

export interface ErasureCalendars {
  /** CALENDAR_SECRET_KEY: opens the sealed app passwords and the organisation's service account key. */
  key: Buffer;
  timeoutMs: number;
  /** The service's Google clients; without them, Google calendars are not reached. */
  google?: GoogleClients | undefined;
  /** The service's Microsoft Graph clients; without them, Microsoft 365 calendars are not reached. */
  microsoft?: MicrosoftClients | undefined;
  /** Interviewers' own grants (docs/adr/0061): the portal's OAuth clients and Graph clients per grant; without them, own-grant calendars are not reached. */
  ownGrants?: { clients: CalendarGrantClients; microsoft: MicrosoftUserClients } | undefined;
}

/** An own grant's calendar, reached with its sealed refresh token while the organisation has no connection there (its connection wins, as in providerFor). */
function ownGrantEvents(calendars: ErasureCalendars, connection: GoogleConnectionDocument | MicrosoftConnectionDocument): CalendarEventsOut | null {
  if (connection.secret === undefined || calendars.ownGrants === undefined) return null;
  const refreshToken = openGrantToken(calendars.key, connection.secret, { interviewerId: connection._id, provider: connection.provider, calendarId: connection.calendarId });
  const { clients, microsoft } = calendars.ownGrants;
  if (connection.provider === 'google') {
    if (clients.google === undefined || calendars.google === undefined) return null;
    return googleProvider(calendars.google.clientFor({ kind: 'user', ...clients.google, refreshToken }), connection.calendarId).events ?? null;
  }
  if (clients.microsoft === undefined) return null;
  return microsoftProvider(microsoft.clientFor({ app: clients.microsoft, refreshToken, mailbox: connection.calendarId }), connection.calendarId).events ?? null;
}

/** Whatever version the lifecycle wrote last, erasure deletes the event. */
const EVERY_VERSION = Number.MAX_SAFE_INTEGER;

async function eventsOf(db: Pick<Database, 'organisationCalendars'>, calendars: ErasureCalendars, connection: CalendarConnectionDocument): Promise<CalendarEventsOut | null> {
  if ((connection.provider === 'google' || connection.provider === 'microsoft') && connection.grant === 'own' && (await db.organisationCalendars.exists({ _id: connection.provider })) === null) {
    return ownGrantEvents(calendars, connection);
  }
  if (connection.provider === 'microsoft') {
    const organisation = await db.organisationCalendars.findById('microsoft').lean();
    if (organisation?.tenantId === undefined || calendars.microsoft === undefined) return null;
    const { tenantId, account: clientId } = organisation;
    const clientSecret = openOrganisationSecret(calendars.key, organisation.secret, microsoftSecretOwner(tenantId, clientId));
    return microsoftProvider(calendars.microsoft.clientFor({ tenantId, clientId, clientSecret }), connection.calendarId).events ?? null;
  }
  if (connection.provider !== 'google') {
    const { password } = openCalendarPassword(calendars.key, connection.secret, { interviewerId: connection._id, serverUrl: connection.serverUrl });
    const { serverUrl, username, readCalendarUrl, writeCalendarUrl } = connection;
    // The interviewer's address only matters to reading their answers, which erasure does not.
    return caldavProvider({ serverUrl, username, password, timeoutMs: calendars.timeoutMs, readCalendarUrl, writeCalendarUrl, email: '' }).events ?? null;
  }
  const organisation = await db.organisationCalendars.findById('google').lean();
  // No organisation connection (disconnected since): the portal can no longer reach those calendars at all.
  if (organisation === null || calendars.google === undefined) return null;
  const privateKey = openOrganisationSecret(calendars.key, organisation.secret, { provider: 'google', account: organisation.account });
  const client = calendars.google.clientFor({ kind: 'delegated', clientEmail: organisation.account, privateKey, subject: connection.calendarId });
  return googleProvider(client, connection.calendarId).events ?? null;
}

/**
 * The event the lifecycle wrote into each panel member's calendar names the candidate. A running
 * lifecycle removes its own on erase; this covers lifecycles that had ended, whichever provider the
 * calendar is on, and is a no-op where the event is gone. A calendar that refuses fails the erasure
 * before any key is destroyed, so it can be run again.
 */
export async function deleteCalendarEvents(db: Pick<Database, 'calendarConnections' | 'organisationCalendars'>, calendars: ErasureCalendars, interview: InterviewDocument): Promise<void> {
  const members = new Set([...(interview.slot?.interviewerIds ?? []), ...interview.interviewerIds]);
  for (const interviewerId of members) {
    const connection = await db.calendarConnections.findById(interviewerId).lean();
    if (!connection) continue;
    const events = await eventsOf(db, calendars, connection);
    await events?.delete(interviewCalendarUid(interview._id), EVERY_VERSION);
  }
}
