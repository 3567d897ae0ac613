import { calendarClient, type CalendarClient } from '@portal/calendar/caldav';
import { caldavProvider } from '@portal/calendar/caldav-provider';
import { microsoftSecretOwner, openCalendarPassword, openOrganisationSecret } from '@portal/calendar/credentials';
import { googleProvider, type GoogleClients, type GoogleServiceAccount } from '@portal/calendar/google-provider';
import { microsoftProvider, type MicrosoftApp, type MicrosoftClients } from '@portal/calendar/microsoft-provider';
import { ConnectionProblem, providerProblem, type CalendarProvider } from '@portal/calendar/provider';
import { readByIds, type Database } from '@portal/db';
import type { CalDavConnectionDocument, CalendarConnectionDocument, CalendarProblemRecord } from '@portal/db/calendar-documents';
import { forgetOwnGrantClients, isOwnGrant, ownGrantProvider, type OwnGrantDeps } from './own-grant-provider';

export interface CalendarDeps {
  /** AES-256-GCM key for the sealed secrets (CALENDAR_SECRET_KEY). */
  key: Buffer;
  /** Deadline of each calendar request made by sync and event writes. */
  timeoutMs: number;
  /** Deadline of the one re-check a claim makes; past it the claim goes ahead on the cached busy times. */
  claimCheckMs: number;
  /** How far ahead busy times are read: at least the booking horizon. */
  syncDays: number;
  /** Google clients by grant (their access tokens kept), made at start with the API's and token endpoint's addresses. */
  google?: GoogleClients;
  /** Google clients with the claim's shorter deadline. */
  googleClaimCheck?: GoogleClients;
  /** Microsoft Graph clients by app registration (their app-only tokens kept), made at start with Graph's and Entra ID's addresses. */
  microsoft?: MicrosoftClients;
  /** Microsoft Graph clients with the claim's shorter deadline. */
  microsoftClaimCheck?: MicrosoftClients;
  /** Graph's change-notification subscriptions: where Graph posts (booking's receiver) and how long one lives; none, Microsoft calendars are polled only. */
  microsoftPush?: { address: string; ttlSeconds: number; renewBeforeSeconds: number };
  /** Interviewers' own OAuth grants (docs/adr/0061): the portal's OAuth clients, and Graph clients kept per grant (Google's are in `google`). */
  ownGrants?: OwnGrantDeps['ownGrants'];
  /** Push channels: where providers post (booking's receiver) and how long a channel lives; none, polling only. */
  push?: { address: string; ttlSeconds: number; renewBeforeSeconds: number };
}

/** What reaching the connections takes beyond each one's own document: the organisation's Google service account and Microsoft app, read once per sync. */
export interface OrganisationAccess {
  google: (GoogleServiceAccount & { updatedAt: Date }) | null;
  microsoft: (MicrosoftApp & { updatedAt: Date }) | null;
}

export const NO_ORGANISATION_ACCESS: OrganisationAccess = { google: null, microsoft: null };


/** The organisation-wide connections, opened; one whose key no longer opens counts as none (interviewers on it show SECRET). */
export async function readOrganisationAccess(db: Pick<Database, 'organisationCalendars'>, key: Buffer): Promise<OrganisationAccess> {
  const [google, microsoft] = await Promise.all([db.organisationCalendars.findById('google').lean(), db.organisationCalendars.findById('microsoft').lean()]);
  const access: { -readonly [K in keyof OrganisationAccess]: OrganisationAccess[K] } = { google: null, microsoft: null };
  if (google !== null) {
    try {
      access.google = { clientEmail: google.account, privateKey: openOrganisationSecret(key, google.secret, { provider: 'google', account: google.account }), updatedAt: google.updatedAt };
    } catch {
      access.google = null;
    }
  }
  if (microsoft?.tenantId !== undefined) {
    try {
      const clientSecret = openOrganisationSecret(key, microsoft.secret, microsoftSecretOwner(microsoft.tenantId, microsoft.account));
      access.microsoft = { tenantId: microsoft.tenantId, clientId: microsoft.account, clientSecret, updatedAt: microsoft.updatedAt };
    } catch {
      access.microsoft = null;
    }
  }
  return access;
}

/** A CalDAV client for one interviewer's connection; a password that no longer opens (key changed, or the server address changed under it) is a SECRET problem. */
export function clientFor(connection: CalDavConnectionDocument, deps: CalendarDeps, timeoutMs = deps.timeoutMs): CalendarClient {
  return calendarClient({ serverUrl: connection.serverUrl, username: connection.username, password: caldavPassword(connection, deps), timeoutMs });
}

function caldavPassword(connection: CalDavConnectionDocument, deps: CalendarDeps): string {
  try {
    return openCalendarPassword(deps.key, connection.secret, { interviewerId: connection._id, serverUrl: connection.serverUrl }).password;
  } catch {
    throw new ConnectionProblem('SECRET', 'The stored app password cannot be opened with this CALENDAR_SECRET_KEY for this server; connect the calendar again.');
  }
}

/**
 * The provider interface for one interviewer's connection, whichever provider it is: the sync and
 * the claim's last look speak only to this. `claimCheck` gives the claim's shorter deadline.
 */
export function providerFor(
  connection: CalendarConnectionDocument,
  person: { email: string },
  access: OrganisationAccess,
  deps: CalendarDeps,
  claimCheck = false,
): CalendarProvider {
  const timeoutMs = claimCheck ? deps.claimCheckMs : deps.timeoutMs;
  // The organisation's connection wins: an interviewer's own grant counts only while it has none (docs/adr/0061).
  if (isOwnGrant(connection) && access[connection.provider] === null) return ownGrantProvider(connection, deps, claimCheck);
  if (connection.provider === 'microsoft') {
    const clients = claimCheck ? deps.microsoftClaimCheck : deps.microsoft;
    if (access.microsoft === null || clients === undefined) {
      throw new ConnectionProblem('NOT_SET_UP', 'The organisation has no Microsoft 365 connection (or its secret no longer opens with this CALENDAR_SECRET_KEY); an admin sets it on the calendars page.');
    }
    const { tenantId, clientId, clientSecret } = access.microsoft;
    return microsoftProvider(clients.clientFor({ tenantId, clientId, clientSecret }), connection.calendarId);
  }
  if (connection.provider !== 'google') {
    return caldavProvider({ serverUrl: connection.serverUrl, username: connection.username, password: caldavPassword(connection, deps), timeoutMs, readCalendarUrl: connection.readCalendarUrl, writeCalendarUrl: connection.writeCalendarUrl, email: person.email });
  }
  const clients = claimCheck ? deps.googleClaimCheck : deps.google;
  if (access.google === null || clients === undefined) {
    throw new ConnectionProblem('NOT_SET_UP', 'The organisation has no Google connection (or its key no longer opens with this CALENDAR_SECRET_KEY); an admin sets it on the calendars page.');
  }
  const { clientEmail, privateKey } = access.google;
  return googleProvider(clients.clientFor({ kind: 'delegated', clientEmail, privateKey, subject: connection.calendarId }), connection.calendarId);
}

/**
 * Drops the kept Google client of a connection Google refused: its cached access token may be the
 * one revoked, and the next read should ask the token endpoint again (a restored delegation then
 * works at once; one still revoked answers invalid_grant).
 */
export function forgetRefusedClient(connection: CalendarConnectionDocument, access: OrganisationAccess, deps: CalendarDeps): void {
  if (isOwnGrant(connection) && access[connection.provider] === null) return forgetOwnGrantClients(connection, deps);
  if (connection.provider === 'microsoft' && access.microsoft !== null) {
    const { tenantId, clientId, clientSecret } = access.microsoft;
    deps.microsoft?.forget({ tenantId, clientId, clientSecret });
    deps.microsoftClaimCheck?.forget({ tenantId, clientId, clientSecret });
    return;
  }
  if (connection.provider !== 'google' || access.google === null) return;
  const grant = { kind: 'delegated' as const, clientEmail: access.google.clientEmail, privateKey: access.google.privateKey, subject: connection.calendarId };
  deps.google?.forget(grant);
  deps.googleClaimCheck?.forget(grant);
}

/** A connection's version: it changes when HR changes the connection, or the organisation's connection it goes through. */
export function connectionVersion(connection: CalendarConnectionDocument, access: OrganisationAccess): Date {
  const organisation = connection.provider === 'google' ? access.google?.updatedAt : connection.provider === 'microsoft' ? access.microsoft?.updatedAt : undefined;
  return organisation !== undefined && organisation > connection.updatedAt ? organisation : connection.updatedAt;
}

export function problemRecord(error: unknown): CalendarProblemRecord {
  const { code, message } = providerProblem(error);
  return { code, message };
}

/** The pool's calendar connections by interviewer (one per interviewer at most). */
export async function readCalendarConnections(
  db: Pick<Database, 'calendarConnections'>,
  interviewerIds: readonly string[],
): Promise<Map<string, CalendarConnectionDocument>> {
  const found = await readByIds<CalendarConnectionDocument>(db.calendarConnections, interviewerIds);
  return new Map(found.map((doc) => [doc._id, doc]));
}
