import { createHash, randomBytes, randomUUID } from 'node:crypto';

/**
 * Microsoft Entra ID's v2.0 endpoints as the stand-in keeps them, for MSAL: the OpenID document,
 * `/authorize` (signs in the `login_hint` user at once and sends the code back) and `/token` with
 * the client-credentials, authorization-code (PKCE S256 checked) and refresh-token grants. Refusals
 * in Entra's shape: `{ error, error_description: "AADSTS…", error_codes, timestamp, trace_id,
 * correlation_id }`, 400 (`invalid_grant`, `invalid_request`, `invalid_scope`,
 * `unsupported_grant_type`, `unauthorized_client`) or 401 (`invalid_client`).
 */
export type Principal =
  | { kind: 'admin' }
  | { kind: 'app'; tenantId: string; clientId: string; domains: string[] }
  | { kind: 'user'; tenantId: string; clientId: string; domains: string[]; email: string };

interface App {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  domains: string[];
  revoked: boolean;
}

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
}

const ACCESS_TOKEN_SECONDS = 3600;
const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** A mailbox's object id: stable for its address, as a directory's is. */
export const objectIdOf = (email: string) => {
  const hex = createHash('sha256').update(email.toLowerCase()).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

function refusal(status: number, error: string, code: number, text: string): TokenAnswer {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
  return {
    status,
    body: { error, error_description: `AADSTS${code}: ${text} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`, error_codes: [code], timestamp, trace_id: traceId, correlation_id: correlationId },
  };
}

export function identity(advertisedOrigin: () => string) {
  const apps = new Map<string, App>();
  const codes = new Map<string, { clientId: string; email: string; tenantId: string; redirectUri: string; challenge: string; expiresAt: number }>();
  const refreshTokens = new Map<string, { clientId: string; email: string; tenantId: string; revoked: boolean; expired?: boolean }>();
  const accessTokens = new Map<string, Principal & { expiresAt: number }>();

  const tenantOfDomain = (domain: string) => [...apps.values()].find((a) => a.domains.includes(domain));

  function issue(principal: Principal & { kind: 'app' | 'user' }, scope: string): Record<string, unknown> {
    const token = `EwB.stand-in.${randomBytes(24).toString('base64url')}`;
    accessTokens.set(token, { ...principal, expiresAt: Date.now() + ACCESS_TOKEN_SECONDS * 1000 });
    return { token_type: 'Bearer', scope, expires_in: ACCESS_TOKEN_SECONDS, ext_expires_in: ACCESS_TOKEN_SECONDS, access_token: token };
  }

  function userTokens(clientId: string, email: string, tenantId: string, scope: string): TokenAnswer {
    const refreshToken = `0.stand-in.${randomBytes(32).toString('base64url')}`;
    refreshTokens.set(refreshToken, { clientId, email, tenantId, revoked: false });
    const oid = objectIdOf(email);
    const now = Math.floor(Date.now() / 1000);
    const claims = { aud: clientId, iss: `${advertisedOrigin()}/${tenantId}/v2.0`, iat: now, nbf: now, exp: now + ACCESS_TOKEN_SECONDS, name: email.split('@')[0], oid, preferred_username: email, sub: oid, tid: tenantId, ver: '2.0' };
    return {
      status: 200,
      body: {
        // A user's token reaches their own organisation (its free/busy), whichever tenant the app they consented to is registered in.
        ...issue({ kind: 'user', tenantId, clientId, domains: tenantOfDomain(domainOf(email))?.domains ?? [domainOf(email)], email }, `${scope} openid profile offline_access`.trim()),
        refresh_token: refreshToken,
        id_token: `${b64({ typ: 'JWT', alg: 'RS256', kid: 'stand-in' })}.${b64(claims)}.c3RhbmQtaW4`,
        client_info: b64({ uid: oid, utid: tenantId }),
      },
    };
  }

  /** The app named by the form, when its secret is right; else the refusal. */
  function client(form: URLSearchParams, tenant: string): App | TokenAnswer {
    const clientId = form.get('client_id') ?? '';
    const app = apps.get(clientId);
    if (app === undefined || (tenant !== app.tenantId && tenant !== 'organizations' && tenant !== 'common')) {
      return refusal(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`);
    }
    if (form.get('client_secret') === null) return refusal(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    if (app.revoked || form.get('client_secret') !== app.clientSecret) return refusal(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
    return app;
  }

  return {
    openIdConfiguration(tenant: string): Record<string, unknown> {
      const tenantId = tenant === 'organizations' || tenant === 'common' ? '{tenantid}' : tenant;
      const base = `${advertisedOrigin()}/${tenant}`;
      return {
        token_endpoint: `${base}/oauth2/v2.0/token`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        jwks_uri: `${advertisedOrigin()}/${tenant}/discovery/v2.0/keys`,
        issuer: `${advertisedOrigin()}/${tenantId}/v2.0`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        code_challenge_methods_supported: ['plain', 'S256'],
        tenant_region_scope: 'EU',
      };
    },

    /** `/authorize`: the `login_hint` user signs in and consents at once; the code goes back to redirect_uri. */
    authorize(tenant: string, query: URLSearchParams): { status: number; location?: string; text?: string } {
      const clientId = query.get('client_id') ?? '';
      const redirectUri = query.get('redirect_uri');
      const email = query.get('login_hint')?.toLowerCase();
      const app = apps.get(clientId);
      if (app === undefined || redirectUri === null) return { status: 400, text: `AADSTS700016: Application with identifier '${clientId}' was not found, or no redirect_uri.` };
      const back = new URL(redirectUri);
      const state = query.get('state');
      if (state !== null) back.searchParams.set('state', state);
      const challenge = query.get('code_challenge');
      if (email === undefined || challenge === null || query.get('code_challenge_method') !== 'S256') {
        back.searchParams.set('error', 'invalid_request');
        back.searchParams.set('error_description', 'AADSTS900144: login_hint (the stand-in signs that user in) and an S256 code_challenge are required.');
        return { status: 302, location: back.toString() };
      }
      const tenantId = tenantOfDomain(domainOf(email))?.tenantId ?? (tenant === 'organizations' || tenant === 'common' ? app.tenantId : tenant);
      const code = `0.stand-in-code.${randomBytes(24).toString('base64url')}`;
      codes.set(code, { clientId, email, tenantId, redirectUri, challenge, expiresAt: Date.now() + 10 * 60_000 });
      back.searchParams.set('code', code);
      back.searchParams.set('session_state', randomUUID());
      return { status: 302, location: back.toString() };
    },

    token(tenant: string, form: URLSearchParams): TokenAnswer {
      const grantType = form.get('grant_type');
      if (grantType !== 'client_credentials' && grantType !== 'authorization_code' && grantType !== 'refresh_token') {
        return refusal(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType ?? ''}'.`);
      }
      const app = client(form, tenant);
      if (!('clientSecret' in app)) return app;
      const scope = form.get('scope') ?? '';
      if (grantType === 'client_credentials') {
        if (!/^https:\/\/graph\.microsoft\.com\/\.default$/.test(scope)) return refusal(400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.`);
        return { status: 200, body: issue({ kind: 'app', tenantId: app.tenantId, clientId: app.clientId, domains: app.domains }, scope) };
      }
      if (grantType === 'authorization_code') {
        const code = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        if (code === undefined || code.expiresAt <= Date.now() || code.clientId !== app.clientId) return refusal(400, 'invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity.');
        if (code.redirectUri !== form.get('redirect_uri')) return refusal(400, 'invalid_grant', 50148, 'The redirect_uri does not match the one used in the authorization request.');
        const verifier = form.get('code_verifier') ?? '';
        if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge) return refusal(400, 'invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.');
        return userTokens(app.clientId, code.email, code.tenantId, scope);
      }
      const grant = refreshTokens.get(form.get('refresh_token') ?? '');
      if (grant === undefined || grant.clientId !== app.clientId) return refusal(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
      if (grant.revoked) return refusal(400, 'invalid_grant', 50173, 'The provided grant has expired due to it being revoked, a fresh auth token is needed.');
      if (grant.expired) return refusal(400, 'invalid_grant', 700082, 'The refresh token has expired due to inactivity. The token was issued on a date and was inactive for 90.00:00:00.');
      // Entra hands back a new refresh token each time; the old one stays good until it expires.
      return userTokens(app.clientId, grant.email, grant.tenantId, scope);
    },

    /** The principal a bearer token stands for, or null when it is unknown, expired or revoked. */
    principal(token: string): Principal | null {
      const found = accessTokens.get(token);
      return found === undefined || found.expiresAt <= Date.now() ? null : found;
    },
    addApp(app: Omit<App, 'revoked'>): void {
      apps.set(app.clientId, { ...app, domains: app.domains.map((d) => d.toLowerCase()), revoked: false });
    },
    /** A user's consent without the browser round trip: the refresh token the code flow would leave. */
    grant(email: string, clientId: string): string | null {
      const app = apps.get(clientId);
      if (app === undefined) return null;
      const answer = userTokens(clientId, email.toLowerCase(), tenantOfDomain(domainOf(email.toLowerCase()))?.tenantId ?? app.tenantId, '');
      return String(answer.body.refresh_token);
    },
    /** One refresh token left unused past Entra's inactivity limit (90 days): it answers invalid_grant (AADSTS700082); false when unknown. */
    expireRefreshToken(refreshToken: string): boolean {
      const grant = refreshTokens.get(refreshToken);
      if (grant === undefined) return false;
      grant.expired = true;
      return true;
    },
    /** A user withdraws consent: refresh tokens answer invalid_grant, access tokens stop. */
    revokeUser(email: string): void {
      const user = email.toLowerCase();
      for (const grant of refreshTokens.values()) if (grant.email === user) grant.revoked = true;
      for (const [token, p] of accessTokens) if (p.kind === 'user' && p.email === user) accessTokens.delete(token);
    },
    /** An admin removes the app's secret: client credentials answer invalid_client, its tokens stop. */
    revokeApp(clientId: string): void {
      const app = apps.get(clientId);
      if (app !== undefined) app.revoked = true;
      for (const [token, p] of accessTokens) if (p.kind !== 'admin' && p.clientId === clientId) accessTokens.delete(token);
    },
    /** Whether an address is a mailbox of some registered tenant (the stand-in's directory). */
    tenantOf: (email: string) => tenantOfDomain(domainOf(email.toLowerCase()))?.tenantId ?? null,
  };
}

export type Identity = ReturnType<typeof identity>;
