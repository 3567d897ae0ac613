import type { IncomingMessage } from 'node:http';
import type { Event, Subscription } from '@microsoft/microsoft-graph-types';
import { calendarDelta } from './calendar-delta';
import { eventsApi, type Answer } from './events-api';
import { accessDenied, badRequest, GraphApiError, invalidUser, noSuchPath } from './graph-errors';
import type { Identity, Principal } from './identity';
import type { MailboxStore } from './mailbox-store';
import { getSchedule, type GetScheduleRequest } from './schedule';
import type { Subscriptions } from './subscriptions';
import type { Faults } from './stand-in-control';

export const STAND_IN_ADMIN_TOKEN = 'stand-in-admin';
const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);

export function jsonBody<T>(text: string): T {
  if (text.length === 0) return {} as T;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as T;
  } catch {
    // answered below
  }
  throw badRequest('Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.', 'BadRequest');
}

interface Deps {
  store: MailboxStore;
  identity: Identity;
  subscriptions: Subscriptions;
  faults: Faults;
  /** The origin the stand-in names itself by (https, for the clients): links are built on it. */
  advertisedOrigin(): string;
}

/**
 * The `/v1.0` paths: who is asking (401 InvalidAuthenticationToken without a token or with one not
 * issued), a fault a test switched on, then the operation. An app's token reaches every mailbox of
 * its tenant's domains (another answers 404 ErrorInvalidUser); a user's token their own mailbox
 * (another's events 403 ErrorAccessDenied) and the free/busy of their organisation; the admin
 * bearer every mailbox.
 */
export function graphApi({ store, identity, subscriptions, faults, advertisedOrigin }: Deps) {
  function principalOf(req: IncomingMessage): Principal {
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (bearer === undefined) throw new GraphApiError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    if (bearer === STAND_IN_ADMIN_TOKEN) return { kind: 'admin' };
    const principal = identity.principal(bearer);
    if (principal === null) throw new GraphApiError(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.');
    return principal;
  }

  const sameOrganisation = (p: Principal, email: string) => p.kind === 'admin' || p.domains.includes(domainOf(email));
  const canRead = (p: Principal, email: string) => p.kind === 'admin' || (p.kind === 'app' ? sameOrganisation(p, email) : p.email === email);

  function mailboxOf(p: Principal, segment: string): string {
    if (segment === 'me') {
      if (p.kind !== 'user') throw badRequest('/me request is only valid with delegated authentication flow.', 'BadRequest');
      return p.email;
    }
    const email = decodeURIComponent(segment).toLowerCase();
    if (!email.includes('@') || !sameOrganisation(p, email)) throw invalidUser(decodeURIComponent(segment));
    if (!canRead(p, email)) throw accessDenied();
    return email;
  }

  return async function api(req: IncomingMessage, path: string, query: URLSearchParams, text: string): Promise<Answer> {
    const principal = principalOf(req);
    const method = req.method ?? 'GET';
    const prefer = req.headers.prefer;
    const preferText = Array.isArray(prefer) ? prefer.join(', ') : prefer;
    if (path === '/subscriptions' && method === 'POST') {
      faults.check(null);
      return subscriptions.create(jsonBody<Subscription>(text), { email: principal.kind === 'user' ? principal.email : null, canRead: (mailbox) => canRead(principal, mailbox) });
    }
    const subscription = /^\/subscriptions\/([^/]+)$/.exec(path)?.[1];
    if (subscription !== undefined) {
      faults.check(null);
      if (method === 'GET') return { status: 200, body: subscriptions.get(subscription) };
      if (method === 'PATCH') return { status: 200, body: subscriptions.renew(subscription, jsonBody<Subscription>(text)) };
      if (method === 'DELETE') {
        subscriptions.remove(subscription);
        return { status: 204 };
      }
    }
    const match = /^\/(?:users\/([^/]+)|(me))\/(calendar\/getSchedule|calendarView\/delta|events)(?:\/([^/]+))?$/i.exec(path);
    if (match === null) throw noSuchPath();
    const [, userSegment, me, operation = '', eventSegment] = match;
    const segment = me ?? userSegment ?? '';
    if (operation.toLowerCase() === 'calendar/getschedule' && method === 'POST') {
      const body = jsonBody<GetScheduleRequest>(text);
      faults.check([segment.toLowerCase(), ...(body.schedules ?? []).map((s) => String(s).toLowerCase())]);
      if (segment !== 'me' && !sameOrganisation(principal, decodeURIComponent(segment).toLowerCase())) throw invalidUser(decodeURIComponent(segment));
      return { status: 200, body: { '@odata.context': `${advertisedOrigin()}/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)`, ...getSchedule(store, body, { canSee: (email) => sameOrganisation(principal, email) }) } };
    }
    const email = mailboxOf(principal, segment);
    faults.check([email]);
    const base = `${advertisedOrigin()}/v1.0/users/${encodeURIComponent(email)}`;
    if (operation.toLowerCase() === 'calendarview/delta' && method === 'GET') {
      return calendarDelta(store, email, query, preferText, (params) => `${base}/calendarView/delta?${Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`);
    }
    if (operation.toLowerCase() !== 'events') throw noSuchPath();
    const events = eventsApi(store, email, (params) => `${base}/events?${params.toString()}`, identity.tenantOf(email));
    const eventId = eventSegment === undefined ? undefined : decodeURIComponent(eventSegment);
    if (eventId === undefined && method === 'GET') return events.list(query);
    if (eventId === undefined && method === 'POST') return events.create(jsonBody<Event>(text));
    if (eventId !== undefined && method === 'GET') return events.get(eventId, query);
    if (eventId !== undefined && method === 'PATCH') return events.update(eventId, jsonBody<Event>(text));
    if (eventId !== undefined && method === 'DELETE') return events.delete(eventId);
    throw new GraphApiError(405, 'Request_BadRequest', `The HTTP method '${method}' is not allowed here.`);
  };
}
