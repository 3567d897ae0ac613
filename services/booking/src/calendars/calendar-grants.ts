import { calendarKey, sealGrantToken } from '@portal/calendar/credentials';
import { googleAuthorizationUrl, newGooglePkcePair, redeemGoogleCode } from '@portal/calendar/google-oauth';
import { microsoftAuthorizationUrl, newPkcePair, redeemAuthorizationCode } from '@portal/calendar/microsoft';
import type { GoogleConnectionDocument, MicrosoftConnectionDocument } from '@portal/db/calendar-documents';
import { calendarGrantCallbackPath, type CalendarGrantOutcome, type OwnGrantProvider } from '@portal/shared/calendar-grant-inputs';
import { calendarGrantClients, microsoftEndpoints } from '@portal/shared/env';
import { DomainError } from '@portal/shared/errors';
import type { Locale } from '@portal/shared/i18n/locales';
import type { Deps } from '../http/context';
import { calendarGrantStates, GrantStateProblem, type GrantStart } from './calendar-grant-states';
import { syncCalendarsSoon } from './calendar-sync-trigger';

const LABEL: Record<OwnGrantProvider, string> = { google: 'Google', microsoft: 'Microsoft 365' };
/** Who started a sign-in from the interviewer's own link (HR starts carry the HR user's address). */
export const INTERVIEWER_STARTED = 'interviewer';

const statesOf = (deps: Deps) => calendarGrantStates(deps.db, calendarKey(deps.env.CALENDAR_SECRET_KEY), deps.env.CALENDAR_GRANT_MINUTES * 60_000);
const redirectUri = (deps: Deps, provider: OwnGrantProvider) => new URL(calendarGrantCallbackPath(provider), deps.env.PUBLIC_WEB_URL).toString();
const googleEndpoints = (deps: Deps) => ({
  ...(deps.env.GOOGLE_OAUTH_AUTH_URL ? { authUrl: deps.env.GOOGLE_OAUTH_AUTH_URL } : {}),
  ...(deps.env.GOOGLE_OAUTH_TOKEN_URL ? { tokenUrl: deps.env.GOOGLE_OAUTH_TOKEN_URL } : {}),
  timeoutMs: deps.env.CALENDAR_TIMEOUT_MS,
});
const microsoftAuth = (deps: Deps) => {
  const { authorityHost, plainHttpHost } = microsoftEndpoints(deps.env);
  return { ...(authorityHost ? { authorityHost } : {}), ...(plainHttpHost ? { plainHttpHost } : {}), timeoutMs: deps.env.CALENDAR_TIMEOUT_MS };
};

/**
 * Which providers offer an interviewer's own grant now: the portal has that provider's OAuth
 * client, and the organisation has no connection for it (which would win anyway).
 */
export async function ownGrantsOffered(deps: Deps): Promise<Record<OwnGrantProvider, boolean>> {
  const clients = calendarGrantClients(deps.env);
  const [google, microsoft] = await Promise.all([deps.db.organisationCalendars.exists({ _id: 'google' }), deps.db.organisationCalendars.exists({ _id: 'microsoft' })]);
  return { google: clients.google !== undefined && google === null, microsoft: clients.microsoft !== undefined && microsoft === null };
}

/**
 * Starts an interviewer's own grant: a state and a PKCE pair made by the vendor's library, the
 * verifier kept sealed with the state's hash, and the provider's sign-in address to send the
 * browser to (the interviewer's address as the login hint). Refused, with nothing stored, when
 * the provider offers no own grant, or (from the interviewer's link) when HR connected another
 * calendar for them.
 */
export async function startCalendarGrant(
  deps: Deps,
  request: { interviewerId: string; provider: OwnGrantProvider; startedBy: string; locale?: Locale },
): Promise<{ url: string }> {
  const { interviewerId, provider } = request;
  const [interviewer, existing, offered] = await Promise.all([
    deps.db.interviewers.findById(interviewerId, { email: 1 }).lean(),
    deps.db.calendarConnections.findById(interviewerId, { provider: 1, grant: 1 }).lean(),
    ownGrantsOffered(deps),
  ]);
  if (interviewer === null) throw new DomainError('NOT_FOUND', 'Interviewer not found.');
  if (!offered[provider]) {
    throw new DomainError('BAD_INPUT', `${LABEL[provider]} sign-in is not offered: the organisation's own ${LABEL[provider]} connection is used, or the portal has no OAuth client for it.`, { field: 'provider' });
  }
  if (request.startedBy === INTERVIEWER_STARTED && existing !== null && !('grant' in existing && existing.grant === 'own')) {
    throw new DomainError('BAD_INPUT', 'HR connected a calendar for you already; ask them to change it.', { field: 'provider' });
  }
  const loginHint = interviewer.email.toLowerCase();
  const client = calendarGrantClients(deps.env);
  const pkce = provider === 'google' ? await newGooglePkcePair() : await newPkcePair();
  const state = await statesOf(deps).open({
    interviewerId,
    provider,
    startedBy: request.startedBy,
    verifier: pkce.verifier,
    ...(request.locale === undefined ? {} : { locale: request.locale }),
  });
  const at = { redirectUri: redirectUri(deps, provider), state, codeChallenge: pkce.challenge, loginHint };
  if (provider === 'google' && client.google) return { url: googleAuthorizationUrl(client.google, googleEndpoints(deps), at) };
  if (provider === 'microsoft' && client.microsoft) return { url: await microsoftAuthorizationUrl(client.microsoft, microsoftAuth(deps), at) };
  throw new DomainError('BAD_INPUT', `${LABEL[provider]} sign-in is not offered.`, { field: 'provider' });
}

export interface GrantFinish {
  outcome: CalendarGrantOutcome;
  /** Known once the state opened: whose calendar, and who started it (where to send them back). */
  interviewerId?: string;
  startedBy?: string;
  /** The language the interviewer's link started it in, for the page the callback answers. */
  locale?: Locale;
  calendarId?: string;
}

const problemCode = (error: unknown) => (typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined);

async function redeem(deps: Deps, provider: OwnGrantProvider, code: string, codeVerifier: string): Promise<{ refreshToken: string; email: string }> {
  const clients = calendarGrantClients(deps.env);
  const request = { code, codeVerifier, redirectUri: redirectUri(deps, provider) };
  if (provider === 'google' && clients.google) return redeemGoogleCode(clients.google, googleEndpoints(deps), request);
  if (provider === 'microsoft' && clients.microsoft) {
    const granted = await redeemAuthorizationCode(clients.microsoft, microsoftAuth(deps), request);
    if (granted.email === null) throw Object.assign(new Error('no address in the grant'), { code: 'AUTH' });
    return { refreshToken: granted.refreshToken, email: granted.email };
  }
  throw Object.assign(new Error('no OAuth client'), { code: 'AUTH' });
}

/**
 * Finishes a sign-in from the provider's redirect (`code` and `state`, or `error`). The state is
 * spent first, whatever follows; then a refusal at the consent screen, a code the provider will
 * not redeem (with this verifier) or a provider out of reach ends with the interviewer's calendar
 * as it was. Only a redeemed grant writes: the connection, `own`, its refresh token sealed to the
 * interviewer, provider and address; the sync is asked to read it at once.
 */
export async function finishCalendarGrant(deps: Deps, provider: OwnGrantProvider, query: URLSearchParams): Promise<GrantFinish> {
  let start: GrantStart;
  try {
    start = await statesOf(deps).take(query.get('state'), provider);
  } catch (error) {
    if (error instanceof GrantStateProblem) return { outcome: error.code, ...(error.locale === undefined ? {} : { locale: error.locale }) };
    throw error;
  }
  const known = { interviewerId: start.interviewerId, startedBy: start.startedBy, ...(start.locale === undefined ? {} : { locale: start.locale }) };
  const code = query.get('code');
  if (query.get('error') !== null || code === null) return { ...known, outcome: query.get('error') === 'access_denied' ? 'CONSENT_DENIED' : 'GRANT_REFUSED' };
  let granted: { refreshToken: string; email: string };
  try {
    granted = await redeem(deps, provider, code, start.verifier);
  } catch (error) {
    const refused = ['AUTH', 'REFUSED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'].includes(String(problemCode(error)));
    return { ...known, outcome: refused ? 'GRANT_REFUSED' : 'PROVIDER_UNREACHABLE' };
  }
  const calendarId = granted.email;
  const owner = { interviewerId: start.interviewerId, provider, calendarId };
  const connection: GoogleConnectionDocument | MicrosoftConnectionDocument = {
    _id: start.interviewerId,
    provider,
    grant: 'own',
    calendarId,
    secret: sealGrantToken(calendarKey(deps.env.CALENDAR_SECRET_KEY), granted.refreshToken, owner),
    connectedBy: start.startedBy,
    updatedAt: new Date(),
  };
  await deps.db.calendarConnections.replaceOne({ _id: start.interviewerId }, connection, { upsert: true });
  await syncCalendarsSoon(deps.temporal, deps.env.LIFECYCLE_TASK_QUEUE);
  return { ...known, calendarId, outcome: 'connected' };
}
