import { JWT, OAuth2Client } from 'google-auth-library';

/** Google's token endpoint; the service-account client has it built in. */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** Enough to read free/busy of the pool and write events into one interviewer's calendar. */
export const GOOGLE_CALENDAR_SCOPES = ['https://www.googleapis.com/auth/calendar.events', 'https://www.googleapis.com/auth/calendar.freebusy'];

/**
 * How the portal reaches an interviewer's Google calendar:
 * - `delegated`: the organisation's service account with domain-wide delegation, acting as the
 *   interviewer (`subject`, their Workspace email); set up once by an admin;
 * - `user`: the interviewer's own OAuth grant (a refresh token from the authorization-code flow).
 */
export type GoogleGrant =
  | { kind: 'delegated'; clientEmail: string; privateKey: string; subject: string }
  | { kind: 'user'; clientId: string; clientSecret: string; refreshToken: string };

export interface GoogleAuthOptions {
  /** Google's by default; the stand-in's in development and tests. */
  tokenUrl?: string;
  timeoutMs: number;
}

/**
 * The google-auth-library client for a grant. The service-account client posts its JWT to
 * Google's token URL, fixed inside the library; for another token URL (the stand-in) a request
 * interceptor on the client's own transporter sends that one request there instead.
 */
export function googleAuthClient(grant: GoogleGrant, options: GoogleAuthOptions): OAuth2Client {
  const tokenUrl = options.tokenUrl ?? GOOGLE_TOKEN_URL;
  const transporterOptions = { timeout: options.timeoutMs };
  // A 401 on a token not yet expired (revoked, rotated) is answered by fetching a new one and asking
  // once more, so a revoked grant shows as the token endpoint's invalid_grant, not as a bare 401.
  const forceRefreshOnFailure = true;
  if (grant.kind === 'user') {
    const client = new OAuth2Client({ clientId: grant.clientId, clientSecret: grant.clientSecret, endpoints: { oauth2TokenUrl: tokenUrl }, transporterOptions, forceRefreshOnFailure });
    client.setCredentials({ refresh_token: grant.refreshToken });
    return client;
  }
  const client = new JWT({ email: grant.clientEmail, key: grant.privateKey, subject: grant.subject, scopes: GOOGLE_CALENDAR_SCOPES, transporterOptions, forceRefreshOnFailure });
  if (tokenUrl !== GOOGLE_TOKEN_URL) {
    client.transporter.interceptors.request.add({
      resolved: (config) => {
        if (config.url.href === GOOGLE_TOKEN_URL) config.url = new URL(tokenUrl);
        return Promise.resolve(config);
      },
    });
  }
  return client;
}
