import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { calendar_v3 } from '@googleapis/calendar';
import { createCalendarStore } from './calendar-store';
import { eventsApi, type Answer } from './events-api';
import { freeBusyQuery } from './free-busy';
import { GoogleApiError, invalid, notFound, sendError, sendJson } from './google-errors';
import { pushChannels } from './push-channels';
import { standInControl, type CallRecord, type Fault } from './stand-in-control';

export type { CallRecord } from './stand-in-control';
import { tokenAuthority, type Principal } from './token-authority';

/**
 * A local stand-in for the Google Calendar API v3 and Google's OAuth 2.0 token endpoint, for the
 * official clients (`@googleapis/calendar` with `rootUrl`, `google-auth-library`) pointed at it,
 * as the sink stands in for Postmark and the Daily stand-in for Daily (docs/adr/0055). State is
 * in memory. Paths: `POST /token`; under `/calendar/v3`: `POST freeBusy`,
 * `GET|POST calendars/{id}/events`, `POST …/events/import`, `POST …/events/watch`,
 * `GET|PUT|PATCH|DELETE …/events/{eventId}`, `POST channels/stop`. Bodies are typed with the
 * vendor's `calendar_v3` types.
 *
 * Access: a token acting as a user reaches that user's calendars and the free/busy of calendars
 * in the user's domain; `Bearer stand-in-admin` reaches every calendar (development only). Tests
 * and scripts drive `/_stand-in/…` with the same admin bearer (stand-in-control.ts): service
 * accounts, user grants, revocations, faults, sync-token invalidation, the record of calls.
 */
export const STAND_IN_ADMIN_TOKEN = 'stand-in-admin';
const ADMIN: Principal = { email: '*', scopes: ['https://www.googleapis.com/auth/calendar'] };
const WRITE_SCOPES = ['https://www.googleapis.com/auth/calendar', 'https://www.googleapis.com/auth/calendar.events'];

export interface RunningGoogleCalendarStandIn {
  origin: string;
  /** The API client's rootUrl: `http://host:port/`. */
  rootUrl: string;
  /** The OAuth 2.0 token endpoint: `http://host:port/token`. */
  tokenUrl: string;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function jsonBody<T>(text: string): T {
  if (text.length === 0) return {} as T;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as T;
  } catch {
    // answered below
  }
  throw new GoogleApiError(400, 'parseError', 'Parse Error');
}

export async function startGoogleCalendarStandIn(options: { port: number; host?: string }): Promise<RunningGoogleCalendarStandIn> {
  const host = options.host ?? '127.0.0.1';
  let origin = '';
  const channels = pushChannels();
  const store = createCalendarStore((calendarId) => channels.changed(calendarId));
  const tokens = tokenAuthority(() => `${origin}/token`);
  const faults: Fault[] = [];
  const calls: CallRecord[] = [];
  const control = standInControl({ tokens, faults, calls, deliveries: channels.deliveries, invalidateSyncTokens: store.invalidateSyncTokens });
  const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);

  function principalOf(req: IncomingMessage): Principal {
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (bearer === undefined) throw new GoogleApiError(401, 'required', 'Login Required.');
    if (bearer === STAND_IN_ADMIN_TOKEN) return ADMIN;
    const principal = tokens.principal(bearer);
    if (principal === null) throw new GoogleApiError(401, 'authError', 'Invalid Credentials');
    return principal;
  }

  function checkFault(calendarIds: string[]): void {
    const index = faults.findIndex((f) => f.remaining > 0 && (f.calendarId === undefined || calendarIds.includes(f.calendarId)));
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
      checkFault((body.items ?? []).map((item) => String(item.id ?? '').toLowerCase()));
      const canSee = (id: string) => principal === ADMIN || id === principal.email || domainOf(id) === domainOf(principal.email);
      return { status: 200, body: freeBusyQuery(body, { canSee, busyBetween: (id, from, to) => eventsApi(store, id).busyBetween(from, to) }) };
    }
    if (path === '/channels/stop' && method === 'POST') {
      checkFault([]);
      channels.stop(jsonBody<calendar_v3.Schema$Channel>(text));
      return { status: 204 };
    }
    const match = /^\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(path);
    if (match?.[1] === undefined) throw notFound();
    const named = decodeURIComponent(match[1]).toLowerCase();
    const calendarId = named === 'primary' ? principal.email : named;
    if (!calendarId.includes('@') || (principal !== ADMIN && calendarId !== principal.email)) throw notFound();
    checkFault([calendarId]);
    const events = eventsApi(store, calendarId);
    const eventId = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
    if (eventId === undefined) {
      if (method === 'GET') return events.list(query);
      if (method === 'POST') return events.insert(jsonBody(text));
    } else if (eventId === 'import' && method === 'POST') {
      return events.importEvent(jsonBody(text));
    } else if (eventId === 'watch' && method === 'POST') {
      return { status: 200, body: channels.watch(calendarId, `${origin}/calendar/v3/calendars/${encodeURIComponent(calendarId)}/events?alt=json`, jsonBody(text)) };
    } else if (method === 'GET') return events.get(eventId);
    else if (method === 'PUT') return events.update(eventId, jsonBody(text));
    else if (method === 'PATCH') return events.patch(eventId, jsonBody(text));
    else if (method === 'DELETE') return events.delete(eventId);
    throw invalid(`Method ${method} is not allowed here.`);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (url.pathname === '/healthz') return sendJson(res, 200, { ok: true });
    if (url.pathname === '/token' && req.method === 'POST') {
      const answer = tokens.token(new URLSearchParams(await readBody(req)));
      return sendJson(res, answer.status, answer.body, { 'cache-control': 'no-store' });
    }
    if (url.pathname.startsWith('/_stand-in/')) {
      if (req.headers.authorization !== `Bearer ${STAND_IN_ADMIN_TOKEN}`) throw new GoogleApiError(401, 'required', 'Login Required.');
      const answer = control(req.method ?? 'GET', url.pathname.slice('/_stand-in'.length), jsonBody(await readBody(req)));
      return sendJson(res, answer.status, answer.body ?? {});
    }
    if (!url.pathname.startsWith('/calendar/v3/')) throw notFound();
    const path = url.pathname.slice('/calendar/v3'.length);
    const record = (status: number) => calls.push({ method: req.method ?? '', path, status });
    try {
      const answer = await api(req, path, url.searchParams);
      record(answer.status);
      if (answer.status === 204) {
        res.writeHead(204).end();
        return;
      }
      sendJson(res, answer.status, answer.body);
    } catch (error) {
      record(error instanceof GoogleApiError ? error.code : 500);
      throw error;
    }
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      sendError(res, error instanceof GoogleApiError ? error : new GoogleApiError(500, 'backendError', 'Backend Error'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    rootUrl: `${origin}/`,
    tokenUrl: `${origin}/token`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
