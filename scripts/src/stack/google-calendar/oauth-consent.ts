import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { TokenAnswer, TokenAuthority } from './token-authority';

/**
 * Google's OAuth 2.0 for web server applications as the stand-in keeps it: the authorization
 * endpoint (`/o/oauth2/v2/auth`) signs the `login_hint` user in and consents at once, sending
 * `code`, `scope` and `state` back to the registered redirect URI, or `error=access_denied` for a
 * user told to refuse; the token endpoint's `authorization_code` grant (the S256 verifier checked,
 * each code once, ten minutes) answers the access token, the refresh token (for `access_type=offline`)
 * and an ID token naming the address; `/revoke` ends a token. Refusals in Google's words:
 * `invalid_grant` ("Malformed auth code.", "Bad Request", "Invalid code verifier."),
 * `redirect_uri_mismatch`, 401 `invalid_client`; the endpoint's own errors are pages, as Google's.
 */
const CODE_SECONDS = 600;
const ISSUER = 'https://accounts.google.com';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

interface PendingCode {
  clientId: string;
  email: string;
  redirectUri: string;
  challenge: string | null;
  scopes: string[];
  offline: boolean;
  expiresAt: number;
}

const refusal = (status: number, error: string, description: string): TokenAnswer => ({ status, body: { error, error_description: description } });
const page = (status: number, text: string) => ({ status, text });

export function oauthConsent(tokens: TokenAuthority) {
  const clients = new Map<string, OAuthClient>();
  const codes = new Map<string, PendingCode>();
  const refusing = new Set<string>();
  // Made at the first ID token: an RSA key costs about half a second of CPU, and most stand-ins
  // (one per run, one per calendar test file) never sign one in.
  let privateKey: KeyObject | undefined;
  const kid = randomBytes(8).toString('hex');

  function idToken(clientId: string, email: string): string {
    const now = Math.floor(Date.now() / 1000);
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const sub = createHash('sha256').update(email).digest('hex').slice(0, 21);
    const body = `${part({ alg: 'RS256', kid, typ: 'JWT' })}.${part({ iss: ISSUER, azp: clientId, aud: clientId, sub, email, email_verified: true, iat: now, exp: now + 3600 })}`;
    return `${body}.${sign('RSA-SHA256', Buffer.from(body), (privateKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey)).toString('base64url')}`;
  }

  /** client_secret_post, or client_secret_basic as google-auth-library may send it. */
  function clientOf(form: URLSearchParams, authorization: string | undefined): OAuthClient | TokenAnswer {
    const basic = /^Basic (\S+)$/.exec(authorization ?? '')?.[1];
    const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
    const clientId = form.get('client_id') ?? basicId ?? '';
    const secret = form.get('client_secret') ?? basicSecret;
    const client = clients.get(clientId);
    if (client === undefined || client.clientSecret !== secret) return refusal(401, 'invalid_client', 'Unauthorized');
    return client;
  }

  return {
    addClient(client: OAuthClient): void {
      clients.set(client.clientId, client);
    },
    /** The user's next sign-ins end on "Cancel" at the consent screen. */
    refuseConsent(email: string): void {
      refusing.add(email.toLowerCase());
    },

    authorize(query: URLSearchParams): { status: number; location?: string; text?: string } {
      const client = clients.get(query.get('client_id') ?? '');
      if (client === undefined) return page(401, 'Access blocked: Authorization Error. Error 401: invalid_client. The OAuth client was not found.');
      const redirectUri = query.get('redirect_uri') ?? '';
      if (!client.redirectUris.includes(redirectUri)) return page(400, 'Access blocked: This app’s request is invalid. Error 400: redirect_uri_mismatch.');
      const back = new URL(redirectUri);
      const state = query.get('state');
      const answer = (params: Record<string, string>) => {
        for (const [name, value] of Object.entries({ ...params, ...(state === null ? {} : { state }) })) back.searchParams.set(name, value);
        return { status: 302, location: back.toString() };
      };
      const email = query.get('login_hint')?.toLowerCase();
      const scopes = (query.get('scope') ?? '').split(' ').filter(Boolean);
      const challenge = query.get('code_challenge');
      const method = query.get('code_challenge_method');
      if (query.get('response_type') !== 'code' || scopes.length === 0 || (method !== null && method !== 'S256' && method !== 'plain') || (method !== null && challenge === null)) {
        return answer({ error: 'invalid_request' });
      }
      if (email === undefined) return page(400, 'The stand-in signs in the login_hint user; none was given.');
      if (refusing.has(email)) return answer({ error: 'access_denied' });
      const code = `4/0stand-in-${randomBytes(24).toString('base64url')}`;
      codes.set(code, { clientId: client.clientId, email, redirectUri, challenge: method === 'S256' ? challenge : null, scopes, offline: query.get('access_type') === 'offline', expiresAt: Date.now() + CODE_SECONDS * 1000 });
      return answer({ code, scope: scopes.join(' '), authuser: '0', prompt: 'consent', iss: ISSUER });
    },

    /** The token endpoint's `authorization_code` grant. */
    redeem(form: URLSearchParams, authorization: string | undefined): TokenAnswer {
      const client = clientOf(form, authorization);
      if (!('redirectUris' in client)) return client;
      const code = form.get('code') ?? '';
      const pending = codes.get(code);
      if (!code.startsWith('4/')) return refusal(400, 'invalid_grant', 'Malformed auth code.');
      codes.delete(code);
      if (pending === undefined || pending.expiresAt <= Date.now() || pending.clientId !== client.clientId) return refusal(400, 'invalid_grant', 'Bad Request');
      if (pending.redirectUri !== form.get('redirect_uri')) return refusal(400, 'redirect_uri_mismatch', 'Bad Request');
      const verifier = form.get('code_verifier');
      if (pending.challenge !== null) {
        if (verifier === null) return refusal(400, 'invalid_grant', 'Missing code verifier.');
        if (createHash('sha256').update(verifier).digest('base64url') !== pending.challenge) return refusal(400, 'invalid_grant', 'Invalid code verifier.');
      }
      const calendarScopes = pending.scopes.filter((s) => s.startsWith('https://www.googleapis.com/auth/calendar'));
      const refreshToken = tokens.grant(pending.email, { clientId: client.clientId, clientSecret: client.clientSecret, scopes: calendarScopes });
      const access = tokens.token(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: client.clientId, client_secret: client.clientSecret }));
      return {
        status: 200,
        body: {
          ...access.body,
          scope: pending.scopes.join(' '),
          ...(pending.offline ? { refresh_token: refreshToken, refresh_token_expires_in: 604_799 } : {}),
          ...(pending.scopes.includes('openid') ? { id_token: idToken(client.clientId, pending.email) } : {}),
        },
      };
    },

    /** `POST /revoke?token=` (or in the form): 200, or 400 invalid_token for one unknown or revoked. */
    revoke(token: string | null): TokenAnswer {
      if (token === null || !tokens.revokeToken(token)) return refusal(400, 'invalid_token', 'Token expired or revoked');
      return { status: 200, body: {} };
    },
  };
}

export type OAuthConsent = ReturnType<typeof oauthConsent>;
