import { randomBytes, verify } from 'node:crypto';

/**
 * Google's OAuth 2.0 token endpoint as the stand-in keeps it: the service-account JWT bearer
 * grant (RFC 7523; `sub` names the user a domain-wide delegation acts as) and the refresh-token
 * grant, answered as Google does: `{ access_token, expires_in, token_type, scope }`, or
 * `{ error, error_description }` with 400 (`invalid_grant`, `invalid_request`,
 * `unsupported_grant_type`) or 401 (`invalid_client`, `unauthorized_client`).
 */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const ACCESS_TOKEN_SECONDS = 3600;

export interface ServiceAccount {
  clientEmail: string;
  publicKeyPem: string;
  /** The Workspace domains whose users it may act as (domain-wide delegation). */
  domains: string[];
}

export interface Principal {
  /** The user (or service account) the token acts as; lower case. */
  email: string;
  scopes: string[];
}

interface RefreshGrant {
  email: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  revoked: boolean;
}

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
}

const refusal = (status: number, error: string, description: string): TokenAnswer => ({ status, body: { error, error_description: description } });
const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);

function decodePart(part: string | undefined): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function tokenAuthority(ownTokenUrl: () => string) {
  const serviceAccounts = new Map<string, ServiceAccount>();
  const refreshGrants = new Map<string, RefreshGrant>();
  const accessTokens = new Map<string, Principal & { expiresAt: number }>();
  const revokedUsers = new Set<string>();

  function issue(email: string, scopes: string[]): TokenAnswer {
    const token = `ya29.stand-in-${randomBytes(24).toString('base64url')}`;
    accessTokens.set(token, { email, scopes, expiresAt: Date.now() + ACCESS_TOKEN_SECONDS * 1000 });
    return { status: 200, body: { access_token: token, expires_in: ACCESS_TOKEN_SECONDS - 1, token_type: 'Bearer', scope: scopes.join(' ') } };
  }

  function jwtBearer(assertion: string | null): TokenAnswer {
    const [header, payload, signature] = (assertion ?? '').split('.');
    const claims = decodePart(payload);
    if (decodePart(header)?.alg !== 'RS256' || claims === null || signature === undefined) return refusal(400, 'invalid_grant', 'Invalid JWT: malformed assertion.');
    const account = serviceAccounts.get(String(claims.iss));
    if (account === undefined) return refusal(400, 'invalid_grant', 'Invalid grant: account not found');
    const signed = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), account.publicKeyPem, Buffer.from(signature, 'base64url'));
    if (!signed) return refusal(400, 'invalid_grant', 'Invalid JWT Signature.');
    const now = Date.now() / 1000;
    const { iat, exp } = claims;
    if (typeof iat !== 'number' || typeof exp !== 'number' || exp <= now || iat > now + 300 || exp - iat > 3600) {
      return refusal(400, 'invalid_grant', 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.');
    }
    if (claims.aud !== GOOGLE_TOKEN_URL && claims.aud !== ownTokenUrl()) return refusal(400, 'invalid_grant', 'Invalid JWT audience.');
    const scopes = String(claims.scope ?? '').split(' ').filter(Boolean);
    if (scopes.length === 0) return refusal(400, 'invalid_scope', 'Empty or missing scope not allowed.');
    if (typeof claims.sub !== 'string') return issue(account.clientEmail, scopes);
    const subject = claims.sub.toLowerCase();
    if (!account.domains.includes(domainOf(subject))) {
      return refusal(401, 'unauthorized_client', 'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.');
    }
    if (revokedUsers.has(subject)) return refusal(400, 'invalid_grant', 'Invalid email or User ID');
    return issue(subject, scopes);
  }

  function refresh(form: URLSearchParams): TokenAnswer {
    const token = form.get('refresh_token');
    const clientId = form.get('client_id');
    if (token === null || clientId === null) return refusal(400, 'invalid_request', 'Missing required parameter: refresh_token or client_id');
    const grant = refreshGrants.get(token);
    if (grant !== undefined && (grant.clientId !== clientId || grant.clientSecret !== form.get('client_secret'))) return refusal(401, 'invalid_client', 'Unauthorized');
    if (grant === undefined || grant.revoked) return refusal(400, 'invalid_grant', 'Token has been expired or revoked.');
    return issue(grant.email, grant.scopes);
  }

  return {
    token(form: URLSearchParams): TokenAnswer {
      const grantType = form.get('grant_type');
      if (grantType === JWT_BEARER) return jwtBearer(form.get('assertion'));
      if (grantType === 'refresh_token') return refresh(form);
      return refusal(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
    },
    /** The principal a bearer token stands for, or null when it is unknown, expired or revoked. */
    principal(token: string): Principal | null {
      const found = accessTokens.get(token);
      if (found === undefined || found.expiresAt <= Date.now()) return null;
      return found;
    },
    addServiceAccount(account: ServiceAccount): void {
      serviceAccounts.set(account.clientEmail, { ...account, domains: account.domains.map((d) => d.toLowerCase()) });
    },
    /** A user's consent, as the authorization-code flow would leave it: the refresh token to use. */
    grant(email: string, client: { clientId: string; clientSecret: string; scopes: string[] }): string {
      const token = `1//stand-in-${randomBytes(24).toString('base64url')}`;
      refreshGrants.set(token, { email: email.toLowerCase(), ...client, revoked: false });
      return token;
    },
    /** The user withdraws every grant (or an admin the delegation): refresh tokens die, access tokens stop working. */
    revoke(email: string): void {
      const user = email.toLowerCase();
      revokedUsers.add(user);
      for (const grant of refreshGrants.values()) if (grant.email === user) grant.revoked = true;
      for (const [token, principal] of accessTokens) if (principal.email === user) accessTokens.delete(token);
    },
    /**
     * Google's `/revoke` for one token: a refresh token's grant dies with the access tokens it
     * gave; an access token stops. False when the token is unknown or already revoked.
     */
    revokeToken(token: string): boolean {
      const grant = refreshGrants.get(token);
      if (grant !== undefined && !grant.revoked) {
        grant.revoked = true;
        for (const [access, principal] of accessTokens) if (principal.email === grant.email) accessTokens.delete(access);
        return true;
      }
      return accessTokens.delete(token);
    },
    /** Delegation for the user works again (refresh tokens revoked stay revoked, as on Google). */
    restore(email: string): void {
      revokedUsers.delete(email.toLowerCase());
    },
  };
}

export type TokenAuthority = ReturnType<typeof tokenAuthority>;
