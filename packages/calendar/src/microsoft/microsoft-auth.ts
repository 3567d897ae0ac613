import { ConfidentialClientApplication, CryptoProvider, LogLevel } from '@azure/msal-node';
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import { asMicrosoftProblem, authFailure } from './microsoft-problem';
import { msalNetwork } from './msal-network';

/** Microsoft Entra ID's sign-in host (the global cloud); MSAL builds `/{tenant}/oauth2/v2.0/token` on it. */
export const MICROSOFT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
/** App-only: whatever application permissions the admin consented (`Calendars.ReadWrite`). */
export const GRAPH_APP_SCOPES = ['https://graph.microsoft.com/.default'];
/** Per user: their calendar, read and written; MSAL adds openid, profile and offline_access (the refresh token). */
export const GRAPH_USER_SCOPES = ['https://graph.microsoft.com/Calendars.ReadWrite'];

/** The app registration in Entra ID that the portal's calls are made as. */
export interface MicrosoftApp {
  /** The organisation's tenant id or domain; `organizations` for per-user grants across tenants. */
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

/**
 * How the portal reaches an interviewer's Microsoft 365 calendar:
 * - `app`: app-only client credentials (the organisation's admin consented `Calendars.ReadWrite`
 *   as an application permission); every mailbox of the tenant, by address;
 * - `user`: the interviewer's own delegated grant, the refresh token the authorization-code flow
 *   with PKCE left (redeemAuthorizationCode).
 */
export type MicrosoftGrant = ({ kind: 'app' } & MicrosoftApp) | ({ kind: 'user'; refreshToken: string } & MicrosoftApp);

export interface MicrosoftAuthOptions {
  /** Microsoft's by default; the stand-in's (`https://127.0.0.1:port`) in development and tests. */
  authorityHost?: string;
  /** Every token request gives up after this long. */
  timeoutMs: number;
  /** A loopback `host:port` spoken to in plain HTTP though named https (the stand-in; msal-network.ts). */
  plainHttpHost?: string;
  /** Told each refresh token Entra ID hands back (they rotate), so the sealed copy can follow. */
  onRefreshToken?: (refreshToken: string) => void;
}

/** The Graph client's token source, plus what the provider needs on a 401: forget the token held. */
export interface MicrosoftTokenSource extends AuthenticationProvider {
  invalidate(): void;
}

/** One MSAL confidential client for an app registration, on the given sign-in host. */
export function msalApp(app: MicrosoftApp, options: MicrosoftAuthOptions): ConfidentialClientApplication {
  const host = (options.authorityHost ?? MICROSOFT_AUTHORITY_HOST).replace(/\/+$/, '');
  const own = host !== MICROSOFT_AUTHORITY_HOST;
  return new ConfidentialClientApplication({
    auth: { clientId: app.clientId, clientSecret: app.clientSecret, authority: `${host}/${app.tenantId}`, ...(own ? { knownAuthorities: [new URL(host).host] } : {}) },
    system: {
      networkClient: msalNetwork({ timeoutMs: options.timeoutMs, ...(options.plainHttpHost ? { plainHttpHost: options.plainHttpHost } : {}) }),
      loggerOptions: { logLevel: LogLevel.Error, piiLoggingEnabled: false, loggerCallback: () => undefined },
    },
  });
}

/** The refresh token MSAL keeps in its cache after a code redemption or a refresh (the cache's documented schema). */
export function cachedRefreshToken(client: ConfidentialClientApplication): string | null {
  const cache = JSON.parse(client.getTokenCache().serialize()) as { RefreshToken?: Record<string, { secret?: string }> };
  const secrets = Object.values(cache.RefreshToken ?? {}).flatMap((entry) => (entry.secret ? [entry.secret] : []));
  return secrets.at(-1) ?? null;
}

/** Tokens are taken again this long before they expire, so no request leaves with one about to lapse. */
const EARLY_MS = 5 * 60_000;

/**
 * The Graph client's token source for a grant: client credentials for `app`, the refresh-token
 * grant for `user`. A token is kept until five minutes before it expires, or until invalidate()
 * (a 401 from Graph: revoked or rotated), and a failure leaves as a MicrosoftCalendarProblem
 * (invalid_grant → AUTH) carried through the Graph client untouched.
 */
export function microsoftTokenSource(grant: MicrosoftGrant, options: MicrosoftAuthOptions): MicrosoftTokenSource {
  const client = msalApp(grant, options);
  let held: { token: string; expiresAt: number } | null = null;
  let refreshToken = grant.kind === 'user' ? grant.refreshToken : null;

  async function fetchToken(): Promise<{ token: string; expiresAt: number }> {
    if (grant.kind === 'app') {
      const result = await client.acquireTokenByClientCredential({ scopes: GRAPH_APP_SCOPES, skipCache: true });
      if (!result) throw new Error('no token');
      return { token: result.accessToken, expiresAt: result.expiresOn?.getTime() ?? Date.now() + 3_000_000 };
    }
    // forceCache: MSAL keeps the response (and the rotated refresh token) though no account was cached before.
    const result = await client.acquireTokenByRefreshToken({ refreshToken: refreshToken ?? '', scopes: GRAPH_USER_SCOPES, forceCache: true });
    if (!result) throw new Error('no token');
    const next = cachedRefreshToken(client);
    if (next !== null && next !== refreshToken) {
      refreshToken = next;
      options.onRefreshToken?.(next);
    }
    return { token: result.accessToken, expiresAt: result.expiresOn?.getTime() ?? Date.now() + 3_000_000 };
  }

  return {
    async getAccessToken() {
      if (held === null || held.expiresAt - EARLY_MS <= Date.now()) {
        try {
          held = await fetchToken();
        } catch (error) {
          throw authFailure(asMicrosoftProblem(error, 'get a token'));
        }
      }
      return held.token;
    },
    invalidate() {
      held = null;
    },
  };
}

/** A PKCE pair (RFC 7636, S256) for one sign-in: the challenge goes in the URL, the verifier stays with the portal. */
export const newPkcePair = (): Promise<{ verifier: string; challenge: string }> => new CryptoProvider().generatePkceCodes();

/** Where to send an interviewer to grant the portal their calendar (authorization code flow with PKCE). */
export async function microsoftAuthorizationUrl(
  app: MicrosoftApp,
  options: MicrosoftAuthOptions,
  request: { redirectUri: string; state: string; codeChallenge: string; loginHint?: string },
): Promise<string> {
  try {
    return await msalApp(app, options).getAuthCodeUrl({
      scopes: GRAPH_USER_SCOPES,
      redirectUri: request.redirectUri,
      state: request.state,
      codeChallenge: request.codeChallenge,
      codeChallengeMethod: 'S256',
      responseMode: 'query',
      ...(request.loginHint ? { loginHint: request.loginHint } : {}),
    });
  } catch (error) {
    throw asMicrosoftProblem(error, 'build the sign-in address');
  }
}

/** Redeems the code the sign-in sent back: the refresh token to seal, and who granted it. */
export async function redeemAuthorizationCode(
  app: MicrosoftApp,
  options: MicrosoftAuthOptions,
  request: { code: string; codeVerifier: string; redirectUri: string },
): Promise<{ refreshToken: string; email: string | null; tenantId: string | null }> {
  const client = msalApp(app, options);
  try {
    const result = await client.acquireTokenByCode({ code: request.code, codeVerifier: request.codeVerifier, redirectUri: request.redirectUri, scopes: GRAPH_USER_SCOPES });
    const refreshToken = cachedRefreshToken(client);
    if (refreshToken === null) throw new Error('no refresh token');
    return { refreshToken, email: result.account?.username.toLowerCase() ?? null, tenantId: result.tenantId || null };
  } catch (error) {
    throw asMicrosoftProblem(error, 'redeem the sign-in code');
  }
}
