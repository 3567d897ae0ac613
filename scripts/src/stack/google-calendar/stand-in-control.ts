import type { Delivery } from './push-channels';
import type { OAuthConsent } from './oauth-consent';
import type { TokenAuthority } from './token-authority';

export interface CallRecord {
  /** When the request arrived (ISO 8601): how far apart a client's tries were. */
  at: string;
  method: string;
  path: string;
  status: number;
}

export interface Fault {
  /** 429 or 403 answer `rateLimitExceeded`; 500 and 503 `backendError`. */
  status: 429 | 403 | 500 | 503;
  remaining: number;
  retryAfterSeconds?: number;
  /** Only requests about this calendar (its events, or a free/busy query naming it); every API request when absent. */
  calendarId?: string;
  /** Requests made with the admin bearer (a test arranging the calendar meanwhile) pass and do not count. */
  spareAdmin?: boolean;
}

interface Deps {
  tokens: TokenAuthority;
  consent: OAuthConsent;
  faults: Fault[];
  calls: CallRecord[];
  deliveries: () => Delivery[];
  invalidateSyncTokens(calendarId: string): void;
}

const FAULT_STATUSES = [429, 403, 500, 503];
const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : null);
const bad = (message: string) => ({ status: 400, body: { error: message } });

/**
 * The stand-in's own switches for tests and scripts (development only, `Bearer stand-in-admin`):
 * - `POST /service-accounts {clientEmail, publicKeyPem, domains}`: a service account and the
 *   domains it may act for (domain-wide delegation);
 * - `POST /grants {email, clientId, clientSecret, scopes?}` → `{refreshToken}`: a user's consent;
 * - `POST /oauth-clients {clientId, clientSecret, redirectUris}`: a web application's OAuth client
 *   for the authorization-code flow; `POST /consent-refusals {email}`: that user cancels consent;
 * - `POST /revocations {email}`: the user's grants and delegation revoked (their tokens stop);
 *   `DELETE /revocations/{email}`: delegation works again;
 * - `POST /faults {status, count, retryAfterSeconds?, calendarId?, spareAdmin?}`: the next `count` API
 *   requests answer `status` (with `spareAdmin`, the admin bearer's are let through); `DELETE /faults`;
 * - `POST /calendars/{id}/invalidate-sync-tokens`: that calendar's sync tokens answer 410;
 * - `GET /calls`, `GET /deliveries`: what the API answered, which notifications went out.
 */
export function standInControl(deps: Deps) {
  return (method: string, path: string, body: Record<string, unknown>): { status: number; body?: unknown } => {
    const key = `${method} ${path}`;
    if (key === 'POST /service-accounts') {
      const clientEmail = text(body.clientEmail);
      const publicKeyPem = text(body.publicKeyPem);
      const domains = Array.isArray(body.domains) ? body.domains.filter((d): d is string => typeof d === 'string') : [];
      if (clientEmail === null || publicKeyPem === null) return bad('clientEmail and publicKeyPem are required');
      deps.tokens.addServiceAccount({ clientEmail, publicKeyPem, domains });
      return { status: 200, body: { clientEmail, domains } };
    }
    if (key === 'POST /grants') {
      const [email, clientId, clientSecret] = [text(body.email), text(body.clientId), text(body.clientSecret)];
      if (email === null || clientId === null || clientSecret === null) return bad('email, clientId and clientSecret are required');
      const scopes = Array.isArray(body.scopes) ? body.scopes.filter((s): s is string => typeof s === 'string') : ['https://www.googleapis.com/auth/calendar'];
      return { status: 200, body: { refreshToken: deps.tokens.grant(email, { clientId, clientSecret, scopes }) } };
    }
    if (key === 'POST /oauth-clients') {
      const [clientId, clientSecret] = [text(body.clientId), text(body.clientSecret)];
      const redirectUris = Array.isArray(body.redirectUris) ? body.redirectUris.filter((u): u is string => typeof u === 'string') : [];
      if (clientId === null || clientSecret === null || redirectUris.length === 0) return bad('clientId, clientSecret and redirectUris are required');
      deps.consent.addClient({ clientId, clientSecret, redirectUris });
      return { status: 200, body: { clientId, redirectUris } };
    }
    if (key === 'POST /consent-refusals') {
      const email = text(body.email);
      if (email === null) return bad('email is required');
      deps.consent.refuseConsent(email);
      return { status: 200, body: { refusing: email } };
    }
    if (key === 'POST /revocations') {
      const email = text(body.email);
      if (email === null) return bad('email is required');
      deps.tokens.revoke(email);
      return { status: 200, body: { revoked: email } };
    }
    const restored = /^DELETE \/revocations\/([^/]+)$/.exec(key)?.[1];
    if (restored !== undefined) {
      deps.tokens.restore(decodeURIComponent(restored));
      return { status: 200, body: { restored: decodeURIComponent(restored) } };
    }
    if (key === 'POST /faults') {
      const { status, count, retryAfterSeconds, calendarId, spareAdmin } = body;
      if (typeof status !== 'number' || !FAULT_STATUSES.includes(status)) return bad(`status: one of ${FAULT_STATUSES.join(', ')}`);
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) return bad('count: a whole number, at least 1');
      deps.faults.push({
        status: status as Fault['status'],
        remaining: count,
        ...(typeof retryAfterSeconds === 'number' ? { retryAfterSeconds } : {}),
        ...(typeof calendarId === 'string' ? { calendarId: calendarId.toLowerCase() } : {}),
        ...(spareAdmin === true ? { spareAdmin } : {}),
      });
      return { status: 200, body: { faults: deps.faults } };
    }
    if (key === 'DELETE /faults') {
      deps.faults.splice(0);
      return { status: 200, body: { faults: [] } };
    }
    const invalidated = /^POST \/calendars\/([^/]+)\/invalidate-sync-tokens$/.exec(key)?.[1];
    if (invalidated !== undefined) {
      deps.invalidateSyncTokens(decodeURIComponent(invalidated).toLowerCase());
      return { status: 200, body: { invalidated: decodeURIComponent(invalidated) } };
    }
    if (key === 'GET /calls') return { status: 200, body: deps.calls };
    if (key === 'GET /deliveries') return { status: 200, body: deps.deliveries() };
    return { status: 404, body: { error: `no such control: ${key}` } };
  };
}
