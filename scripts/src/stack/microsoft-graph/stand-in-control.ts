import type { Event, FreeBusyStatus } from '@microsoft/microsoft-graph-types';
import { eventsApi } from './events-api';
import { GraphApiError } from './graph-errors';
import type { Identity } from './identity';
import type { MailboxStore } from './mailbox-store';
import type { Delivery } from './subscriptions';

export interface CallRecord {
  method: string;
  path: string;
  /** The query string as sent (`?$filter=…`), empty when none. */
  query: string;
  status: number;
  /** When the answer went out (ISO): what a test of the waits between requests measures. */
  at: string;
}

export interface Fault {
  /** 429 answers ApplicationThrottled; 500, 503 and 504 a service error. */
  status: 429 | 500 | 503 | 504;
  remaining: number;
  retryAfterSeconds?: number;
  /** Only requests about this mailbox (its events, or a getSchedule naming it); every Graph request when absent. */
  mailbox?: string;
}

/** The fault switches: a count of answers to fail (a 429 storm), or the whole service down until switched back. */
export function faultSwitch() {
  const faults: Fault[] = [];
  let down = false;
  return {
    faults,
    setDown: (value: boolean) => {
      down = value;
    },
    isDown: () => down,
    /** Throws the answer a switched-on fault gives to a request about these mailboxes (null: none in particular). */
    check(mailboxes: string[] | null): void {
      if (down) throw new GraphApiError(503, 'ServiceNotAvailable', 'The service is temporarily unavailable.', { 'retry-after': '30' });
      const index = faults.findIndex((f) => f.remaining > 0 && (f.mailbox === undefined || (mailboxes ?? []).includes(f.mailbox)));
      const fault = faults[index];
      if (fault === undefined) return;
      fault.remaining -= 1;
      if (fault.remaining === 0) faults.splice(index, 1);
      const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      if (fault.status === 429) throw new GraphApiError(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', headers);
      throw new GraphApiError(fault.status, fault.status === 504 ? 'GatewayTimeout' : 'ServiceNotAvailable', 'The service is temporarily unavailable.', headers);
    },
  };
}

export type Faults = ReturnType<typeof faultSwitch>;

interface Deps {
  store: MailboxStore;
  identity: Identity;
  faults: Faults;
  calls: CallRecord[];
  deliveries: () => Delivery[];
}

const FAULT_STATUSES = [429, 500, 503, 504];
const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : null);
const bad = (message: string) => ({ status: 400, body: { error: message } });

/**
 * The stand-in's own switches for tests and scripts (development only, `Bearer stand-in-admin`):
 * - `POST /apps {tenantId, clientId, clientSecret, domains}`: an app registration, consented in
 *   its tenant, whose mailboxes are the domains';
 * - `POST /grants {email, clientId}` → `{refreshToken}`: a user's consent without the browser;
 * - `POST /refresh-tokens/expire {refreshToken}`: that token lapsed after 90 days unused (invalid_grant);
 * - `POST /revocations {email}` (a user's grants) or `{clientId}` (the app's secret removed);
 * - `POST /faults {status, count, retryAfterSeconds?, mailbox?}`, `DELETE /faults`; `POST /outage {down}`;
 * - `POST /users/{email}/busy {start, end, showAs?, subject?}`: an event made as the user would in Outlook;
 * - `POST /users/{email}/events/{id}/answers {attendee, response}`: an attendee's answer arriving;
 * - `POST /users/{email}/invalidate-delta`: that mailbox's delta links answer 410;
 * - `POST /users/{email}/online-meeting-providers {allowed: [] | ['teamsForBusiness']}`: the calendar's
 *   allowedOnlineMeetingProviders (Teams by default); without Teams an online meeting asked for is not made;
 * - `GET /calls`, `GET /deliveries`: what the API answered, which handshakes and notifications went out.
 */
export function standInControl(deps: Deps) {
  return (method: string, path: string, body: Record<string, unknown>): { status: number; body?: unknown } => {
    const key = `${method} ${path}`;
    if (key === 'POST /apps') {
      const [tenantId, clientId, clientSecret] = [text(body.tenantId), text(body.clientId), text(body.clientSecret)];
      const domains = Array.isArray(body.domains) ? body.domains.filter((d): d is string => typeof d === 'string') : [];
      if (tenantId === null || clientId === null || clientSecret === null || domains.length === 0) return bad('tenantId, clientId, clientSecret and domains are required');
      deps.identity.addApp({ tenantId, clientId, clientSecret, domains });
      return { status: 200, body: { tenantId, clientId, domains } };
    }
    if (key === 'POST /grants') {
      const refreshToken = deps.identity.grant(text(body.email) ?? '', text(body.clientId) ?? '');
      return refreshToken === null ? bad('email and a registered clientId are required') : { status: 200, body: { refreshToken } };
    }
    if (key === 'POST /refresh-tokens/expire') {
      return deps.identity.expireRefreshToken(text(body.refreshToken) ?? '') ? { status: 200, body: { expired: true } } : bad('a refreshToken the stand-in issued is required');
    }
    if (key === 'POST /revocations') {
      if (text(body.email) !== null) deps.identity.revokeUser(String(body.email));
      else if (text(body.clientId) !== null) deps.identity.revokeApp(String(body.clientId));
      else return bad('email or clientId is required');
      return { status: 200, body: { revoked: body.email ?? body.clientId } };
    }
    if (key === 'POST /faults') {
      const { status, count, retryAfterSeconds, mailbox } = body;
      if (typeof status !== 'number' || !FAULT_STATUSES.includes(status)) return bad(`status: one of ${FAULT_STATUSES.join(', ')}`);
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) return bad('count: a whole number, at least 1');
      deps.faults.faults.push({
        status: status as Fault['status'],
        remaining: count,
        ...(typeof retryAfterSeconds === 'number' ? { retryAfterSeconds } : {}),
        ...(typeof mailbox === 'string' ? { mailbox: mailbox.toLowerCase() } : {}),
      });
      return { status: 200, body: { faults: deps.faults.faults } };
    }
    if (key === 'DELETE /faults') {
      deps.faults.faults.splice(0);
      return { status: 200, body: { faults: [] } };
    }
    if (key === 'POST /outage') {
      deps.faults.setDown(body.down === true);
      return { status: 200, body: { down: deps.faults.isDown() } };
    }
    const user = /^POST \/users\/([^/]+)\/(busy|invalidate-delta|online-meeting-providers|events\/([^/]+)\/answers)$/.exec(key);
    if (user?.[1] !== undefined) {
      const email = decodeURIComponent(user[1]).toLowerCase();
      const events = eventsApi(deps.store, email, () => '', deps.identity.tenantOf(email));
      if (user[2] === 'invalidate-delta') {
        deps.store.invalidateDeltaTokens(email);
        return { status: 200, body: { invalidated: email } };
      }
      if (user[2] === 'online-meeting-providers') {
        const allowed = Array.isArray(body.allowed) ? body.allowed : null;
        if (allowed === null || allowed.some((p) => p !== 'teamsForBusiness')) return bad('allowed: [] or ["teamsForBusiness"] (the stand-in makes Teams meetings only)');
        deps.store.mailbox(email).allowedOnlineMeetingProviders = allowed.length > 0 ? ['teamsForBusiness'] : [];
        return { status: 200, body: { allowedOnlineMeetingProviders: deps.store.mailbox(email).allowedOnlineMeetingProviders } };
      }
      if (user[2] === 'busy') {
        const event: Event = {
          subject: text(body.subject) ?? 'Busy',
          showAs: (text(body.showAs) ?? 'busy') as FreeBusyStatus,
          start: { dateTime: String(body.start ?? ''), timeZone: 'UTC' },
          end: { dateTime: String(body.end ?? ''), timeZone: 'UTC' },
        };
        return events.create(event);
      }
      const response = text(body.response);
      if (response !== 'accepted' && response !== 'declined' && response !== 'tentativelyAccepted') return bad('response: accepted, declined or tentativelyAccepted');
      return events.answer(decodeURIComponent(user[3] ?? ''), text(body.attendee) ?? '', response);
    }
    if (key === 'GET /calls') return { status: 200, body: deps.calls };
    if (key === 'GET /deliveries') return { status: 200, body: deps.deliveries() };
    return { status: 404, body: { error: `no such control: ${key}` } };
  };
}
