import { openGrantToken, sealGrantToken } from '@portal/calendar/credentials';
import { googleProvider, type GoogleClients, type GoogleGrant } from '@portal/calendar/google-provider';
import { microsoftProvider } from '@portal/calendar/microsoft-provider';
import type { MicrosoftUserClients, MicrosoftUserGrant } from '@portal/calendar/microsoft-user-clients';
import { ConnectionProblem, type CalendarProvider } from '@portal/calendar/provider';
import type { Database } from '@portal/db';
import type { GoogleConnectionDocument, MicrosoftConnectionDocument } from '@portal/db/calendar-documents';
import type { CalendarGrantClients } from '@portal/shared/env';

/** What reaching own grants takes: the part of the worker's CalendarDeps (calendar-access.ts) this file reads. */
export interface OwnGrantDeps {
  key: Buffer;
  /** Google clients by grant (an own grant's OAuth2Client is kept there too). */
  google?: GoogleClients;
  googleClaimCheck?: GoogleClients;
  /** The portal's OAuth clients, and Graph clients kept per own grant. */
  ownGrants?: {
    clients: CalendarGrantClients;
    microsoft: MicrosoftUserClients;
    microsoftClaimCheck: MicrosoftUserClients;
    /** Where Entra ID's rotated refresh tokens are sealed back to (the worker's database); none, they stay in memory. */
    connections?: Database['calendarConnections'];
  };
}

type OwnConnection = (GoogleConnectionDocument | MicrosoftConnectionDocument) & { grant: 'own' };

export const isOwnGrant = (connection: { provider?: string; grant?: string }): connection is OwnConnection =>
  (connection.provider === 'google' || connection.provider === 'microsoft') && connection.grant === 'own';

/** What a grant's sealed token is bound to: opened and sealed with the same, so a token moved to another connection never opens. */
const bindingOf = (connection: OwnConnection) => ({ interviewerId: connection._id, provider: connection.provider, calendarId: connection.calendarId });

/** The interviewer's refresh token, opened; one that no longer opens (key changed, moved in the database) is SECRET. */
function refreshTokenOf(connection: OwnConnection, deps: OwnGrantDeps): string {
  if (connection.secret === undefined) throw new ConnectionProblem('SECRET', 'The calendar grant has no stored token; connect the calendar again.');
  try {
    return openGrantToken(deps.key, connection.secret, bindingOf(connection));
  } catch {
    throw new ConnectionProblem('SECRET', 'The stored calendar grant cannot be opened with this CALENDAR_SECRET_KEY; connect the calendar again.');
  }
}

/** What reaches the grant: the Google OAuth client with the refresh token, or the Microsoft app registration with it. */
function grantOf(connection: OwnConnection, deps: OwnGrantDeps): { google: GoogleGrant } | { microsoft: MicrosoftUserGrant } {
  const refreshToken = refreshTokenOf(connection, deps);
  if (connection.provider === 'google') {
    const client = deps.ownGrants?.clients.google;
    if (client === undefined) throw new ConnectionProblem('NOT_SET_UP', 'The portal has no Google OAuth client (GOOGLE_OAUTH_CLIENT_ID, GOOGLE_OAUTH_CLIENT_SECRET) to refresh this interviewer’s own grant with.');
    return { google: { kind: 'user', clientId: client.clientId, clientSecret: client.clientSecret, refreshToken } };
  }
  const app = deps.ownGrants?.clients.microsoft;
  if (app === undefined) throw new ConnectionProblem('NOT_SET_UP', 'The portal has no Microsoft app registration for own grants (MICROSOFT_OAUTH_CLIENT_ID, MICROSOFT_OAUTH_CLIENT_SECRET).');
  return { microsoft: { app, refreshToken, mailbox: connection.calendarId } };
}

/**
 * An interviewer's calendar through their own OAuth grant (docs/adr/0061), used only while the
 * organisation has no connection for that provider (providerFor decides). The same adapters as the
 * organisation's: only the credentials differ, so a revoked grant is the token endpoint's
 * invalid_grant, read as AUTH exactly as a revoked delegation or app secret is.
 */
export function ownGrantProvider(connection: OwnConnection, deps: OwnGrantDeps, claimCheck: boolean): CalendarProvider {
  const grant = grantOf(connection, deps);
  if ('google' in grant) {
    const clients = claimCheck ? deps.googleClaimCheck : deps.google;
    if (clients === undefined) throw new ConnectionProblem('NOT_SET_UP', 'This worker has no Google clients.');
    return googleProvider(clients.clientFor(grant.google), connection.calendarId);
  }
  const clients = claimCheck ? deps.ownGrants?.microsoftClaimCheck : deps.ownGrants?.microsoft;
  if (clients === undefined) throw new ConnectionProblem('NOT_SET_UP', 'This worker has no Microsoft clients for own grants.');
  return microsoftProvider(clients.clientFor(grant.microsoft, (next) => void keepRotatedToken(connection, deps, next)), connection.calendarId);
}

/**
 * Seals the refresh token Entra ID rotated in (docs/adr/0061), with the same binding as the first,
 * onto the connection as it was read: a disconnect or a newer grant since matches nothing and is
 * left as it is. The unused first token would lapse after Entra's 90 days of inactivity, so the
 * newest is the one a restarted worker must find. A write that fails is retried by the next rotation.
 */
async function keepRotatedToken(connection: OwnConnection, deps: OwnGrantDeps, refreshToken: string): Promise<void> {
  const connections = deps.ownGrants?.connections;
  if (connections === undefined || connection.secret === undefined) return;
  const secret = sealGrantToken(deps.key, refreshToken, bindingOf(connection));
  const asRead = { _id: connection._id, provider: connection.provider, grant: 'own', calendarId: connection.calendarId, 'secret.iv': connection.secret.iv, 'secret.tag': connection.secret.tag, 'secret.data': connection.secret.data };
  try {
    await connections.updateOne(asRead, { $set: { secret } });
  } catch {
    // The token stays in this worker's memory; the next refresh rotates again and writes again.
  }
}

/** Drops the kept clients of an own grant the provider refused: the next read asks the token endpoint afresh. */
export function forgetOwnGrantClients(connection: OwnConnection, deps: OwnGrantDeps): void {
  let grant;
  try {
    grant = grantOf(connection, deps);
  } catch {
    return;
  }
  if ('google' in grant) {
    deps.google?.forget(grant.google);
    deps.googleClaimCheck?.forget(grant.google);
    return;
  }
  deps.ownGrants?.microsoft.forget(grant.microsoft);
  deps.ownGrants?.microsoftClaimCheck.forget(grant.microsoft);
}
