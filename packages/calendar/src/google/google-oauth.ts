import { CodeChallengeMethod, OAuth2Client, type Credentials } from 'google-auth-library';
import { GOOGLE_CALENDAR_SCOPES, GOOGLE_TOKEN_URL } from './google-auth';
import { GoogleCalendarProblem, asGoogleProblem } from './google-problem';

/** Google's authorization endpoint (OAuth 2.0 for web server applications). */
export const GOOGLE_AUTH_URL = 'https://accounts.google.com/o/oauth2/v2/auth';

/** The calendar scopes, plus `openid email`: the ID token names the address whose calendar was granted. */
const SIGN_IN_SCOPES = ['openid', 'email', ...GOOGLE_CALENDAR_SCOPES];

/** The portal's OAuth client (a "Web application" client in Google Cloud), for interviewers' own grants. */
export interface GoogleOAuthClient {
  clientId: string;
  clientSecret: string;
}

export interface GoogleOAuthEndpoints {
  /** Google's unless set: the stand-in's in development and tests. */
  authUrl?: string;
  tokenUrl?: string;
  timeoutMs: number;
}

function oauthClient(client: GoogleOAuthClient, endpoints: GoogleOAuthEndpoints, redirectUri: string): OAuth2Client {
  return new OAuth2Client({
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    redirectUri,
    endpoints: { oauth2AuthBaseUrl: endpoints.authUrl ?? GOOGLE_AUTH_URL, oauth2TokenUrl: endpoints.tokenUrl ?? GOOGLE_TOKEN_URL },
    transporterOptions: { timeout: endpoints.timeoutMs },
  });
}

/** A PKCE pair (RFC 7636, S256) made by google-auth-library: the challenge goes in the URL, the verifier stays with the portal. */
export async function newGooglePkcePair(): Promise<{ verifier: string; challenge: string }> {
  const { codeVerifier, codeChallenge } = await new OAuth2Client().generateCodeVerifierAsync();
  if (codeChallenge === undefined) throw new Error('google-auth-library made no code challenge');
  return { verifier: codeVerifier, challenge: codeChallenge };
}

/**
 * Where to send an interviewer to grant the portal their calendar: offline access (a refresh
 * token) and `prompt=consent`, since Google hands out a refresh token only on a consent.
 */
export function googleAuthorizationUrl(
  client: GoogleOAuthClient,
  endpoints: GoogleOAuthEndpoints,
  request: { redirectUri: string; state: string; codeChallenge: string; loginHint?: string },
): string {
  return oauthClient(client, endpoints, request.redirectUri).generateAuthUrl({
    access_type: 'offline',
    prompt: 'consent',
    scope: SIGN_IN_SCOPES,
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: CodeChallengeMethod.S256,
    ...(request.loginHint ? { login_hint: request.loginHint } : {}),
  });
}

/** The address the ID token names. It came straight from the token endpoint over TLS, so (OpenID Connect Core 3.1.3.7) its signature need not be checked again. */
function emailOf(idToken: string | null | undefined, clientId: string): string | null {
  const payload = idToken?.split('.')[1];
  if (payload === undefined) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { email?: unknown; aud?: unknown };
    return claims.aud === clientId && typeof claims.email === 'string' ? claims.email.toLowerCase() : null;
  } catch {
    return null;
  }
}

/**
 * Redeems the code the sign-in sent back, with the verifier: the refresh token to seal and whose
 * calendar it is. A grant without a refresh token or without both calendar scopes (the consent
 * screen lets a user untick them) is refused as AUTH, so nothing half-granted is stored.
 */
export async function redeemGoogleCode(
  client: GoogleOAuthClient,
  endpoints: GoogleOAuthEndpoints,
  request: { code: string; codeVerifier: string; redirectUri: string },
): Promise<{ refreshToken: string; email: string }> {
  let tokens: Credentials;
  try {
    ({ tokens } = await oauthClient(client, endpoints, request.redirectUri).getToken({ code: request.code, codeVerifier: request.codeVerifier }));
  } catch (error) {
    throw asGoogleProblem(error, 'redeem the sign-in code');
  }
  const granted = new Set((tokens.scope ?? '').split(' '));
  if (!GOOGLE_CALENDAR_SCOPES.every((scope) => granted.has(scope))) throw new GoogleCalendarProblem('AUTH', 'redeem the sign-in code: calendar access not granted');
  const email = emailOf(tokens.id_token, client.clientId);
  if (!tokens.refresh_token || email === null) throw new GoogleCalendarProblem('AUTH', 'redeem the sign-in code: no refresh token or address');
  return { refreshToken: tokens.refresh_token, email };
}
