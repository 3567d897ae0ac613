import type { IncomingMessage } from 'node:http';
import type { calendar_v3 } from '@googleapis/calendar';
import type { CalendarStore } from './calendar-store';
import { eventsApi, type Answer } from './events-api';
import { freeBusyQuery } from './free-busy';
import { GoogleApiError, invalid, notFound } from './google-errors';
import { conferenceDataVersionOf } from './meet-conference';
import type { pushChannels } from './push-channels';
import type { Fault } from './stand-in-control';
import type { Principal, TokenAuthority } from './token-authority';

export const STAND_IN_ADMIN_TOKEN = 'stand-in-admin';
const ADMIN: Principal = { email: '*', scopes: ['https://www.googleapis.com/auth/calendar'] };
const WRITE_SCOPES = ['https://www.googleapis.com/auth/calendar', 'https://www.googleapis.com/auth/calendar.events'];
const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function jsonBody<T>(text: string): T {
  if (text.length === 0) return {} as T;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as T;
  } catch {
    // answered below
  }
  throw new GoogleApiError(400, 'parseError', 'Parse Error');
}

interface Deps {
  store: CalendarStore;
  channels: ReturnType<typeof pushChannels>;
  tokens: TokenAuthority;
  faults: Fault[];
  origin(): string;
}

/**
 * The `/calendar/v3` paths: who is asking (401 without a token or with one not issued, 403 without
 * a calendar scope, or a write without a writing scope), a fault a test switched on, then the
 * operation. A calendar the caller may not reach answers 404, as Google does.
 */
export function calendarApi({ store, channels, tokens, faults, origin }: Deps) {
  function principalOf(req: IncomingMessage): Principal {
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (bearer === undefined) throw new GoogleApiError(401, 'required', 'Login Required.');
    if (bearer === STAND_IN_ADMIN_TOKEN) return ADMIN;
    const principal = tokens.principal(bearer);
    if (principal === null) throw new GoogleApiError(401, 'authError', 'Invalid Credentials');
    return principal;
  }

  function checkFault(calendarIds: string[], principal: Principal): void {
    const index = faults.findIndex((f) => f.remaining > 0 && (f.calendarId === undefined || calendarIds.includes(f.calendarId)) && !(f.spareAdmin === true && principal === ADMIN));
    const fault = faults[index];
    if (fault === undefined) return;
    fault.remaining -= 1;
    if (fault.remaining === 0) faults.splice(index, 1);
    const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
    if (fault.status === 429 || fault.status === 403) throw new GoogleApiError(fault.status, 'rateLimitExceeded', 'Rate Limit Exceeded', 'usageLimits', headers);
    throw new GoogleApiError(fault.status, 'backendError', 'Backend Error', 'global', headers);
  }

  async function api(req: IncomingMessage, path: string, query: URLSearchParams): Promise<Answer> {
    const principal = principalOf(req);
    const method = req.method ?? 'GET';
    if (!principal.scopes.some((s) => s.startsWith('https://www.googleapis.com/auth/calendar')) || (method !== 'GET' && path !== '/freeBusy' && !principal.scopes.some((s) => WRITE_SCOPES.includes(s)))) {
      throw new GoogleApiError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.');
    }
    const text = await readBody(req);
    if (path === '/freeBusy' && method === 'POST') {
      const body = jsonBody<calendar_v3.Schema$FreeBusyRequest>(text);
      checkFault((body.items ?? []).map((item) => String(item.id ?? '').toLowerCase()), principal);
      const canSee = (id: string) => principal === ADMIN || id === principal.email || domainOf(id) === domainOf(principal.email);
      return { status: 200, body: freeBusyQuery(body, { canSee, busyBetween: (id, from, to) => eventsApi(store, id).busyBetween(from, to) }) };
    }
    if (path === '/channels/stop' && method === 'POST') {
      checkFault([], principal);
      channels.stop(jsonBody<calendar_v3.Schema$Channel>(text));
      return { status: 204 };
    }
    const match = /^\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(path);
    if (match?.[1] === undefined) throw notFound();
    const named = decodeURIComponent(match[1]).toLowerCase();
    const calendarId = named === 'primary' ? principal.email : named;
    if (!calendarId.includes('@') || (principal !== ADMIN && calendarId !== principal.email)) throw notFound();
    checkFault([calendarId], principal);
    const events = eventsApi(store, calendarId);
    const eventId = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
    if (eventId === undefined) {
      if (method === 'GET') return events.list(query);
      if (method === 'POST') return events.insert(jsonBody(text), conferenceDataVersionOf(query));
    } else if (eventId === 'import' && method === 'POST') {
      return events.importEvent(jsonBody(text), conferenceDataVersionOf(query));
    } else if (eventId === 'watch' && method === 'POST') {
      return { status: 200, body: channels.watch(calendarId, `${origin()}/calendar/v3/calendars/${encodeURIComponent(calendarId)}/events?alt=json`, jsonBody(text)) };
    } else if (method === 'GET') return events.get(eventId);
    else if (method === 'PUT') return events.update(eventId, jsonBody(text), conferenceDataVersionOf(query));
    else if (method === 'PATCH') return events.patch(eventId, jsonBody(text), conferenceDataVersionOf(query));
    else if (method === 'DELETE') return events.delete(eventId);
    throw invalid(`Method ${method} is not allowed here.`);
  }

  return api;
}
