import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { graphApi, jsonBody, STAND_IN_ADMIN_TOKEN } from './graph-api';
import { GraphApiError, noSuchPath, sendError, sendJson } from './graph-errors';
import { identity, objectIdOf } from './identity';
import { createMailboxStore } from './mailbox-store';
import { faultSwitch, standInControl, type CallRecord } from './stand-in-control';
import { subscriptions } from './subscriptions';

export { STAND_IN_ADMIN_TOKEN } from './graph-api';
export type { CallRecord } from './stand-in-control';
export type { Delivery } from './subscriptions';
export { standInMicrosoftApp, type MicrosoftStandInPlace } from './stand-in-app';

/**
 * A local stand-in for Microsoft Graph v1.0 (calendar paths) and Microsoft Entra ID's v2.0
 * endpoints, for the official clients (`@microsoft/microsoft-graph-client`, `@azure/msal-node`)
 * pointed at it, as the Google Calendar stand-in is for Google's (docs/adr/0057). State is in
 * memory. Both clients insist on https, so the stand-in names itself `https://127.0.0.1:port`
 * (`secureOrigin`: the Graph base URL and the authority host) while it listens in plain HTTP; the
 * provider sends those requests in plain HTTP (`plainHttpHost`, loopback only).
 *
 * Paths: `GET /{tenant}/v2.0/.well-known/openid-configuration`, `GET /{tenant}/oauth2/v2.0/authorize`,
 * `POST /{tenant}/oauth2/v2.0/token`; under `/v1.0`: `POST users/{id}/calendar/getSchedule`,
 * `GET users/{id}/calendarView/delta`, `GET|POST users/{id}/events`,
 * `GET|PATCH|DELETE users/{id}/events/{event-id}` (and `me/…` on a user's token; events with Teams
 * online meetings, online-meeting.ts), `POST subscriptions`, `GET|PATCH|DELETE subscriptions/{id}`.
 * Bodies are typed with the vendor's `@microsoft/microsoft-graph-types`.
 *
 * Access: an app's token reaches its tenant's mailboxes; a user's token their own and their
 * organisation's free/busy; `Bearer stand-in-admin` every mailbox (development only). Tests and
 * scripts drive `/_stand-in/…` with the same bearer (stand-in-control.ts).
 */
export interface RunningMicrosoftGraphStandIn {
  /** Where it listens: `http://127.0.0.1:port` (the switches, plain fetch). */
  origin: string;
  /** `https://127.0.0.1:port`: the Graph base URL and the authority host the official clients are given. */
  secureOrigin: string;
  /** `127.0.0.1:port`: the host the provider speaks plain HTTP to. */
  plainHttpHost: string;
  close(): Promise<void>;
}

const AUTHORITY = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/authorize|oauth2\/v2\.0\/token)$/;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startMicrosoftGraphStandIn(options: { port: number; host?: string }): Promise<RunningMicrosoftGraphStandIn> {
  const host = options.host ?? '127.0.0.1';
  let port = 0;
  const secureOrigin = () => `https://${host}:${port}`;
  const ids = identity(secureOrigin);
  const subs = subscriptions({ tenantOf: ids.tenantOf, userIdOf: objectIdOf, applicationId: '5a1d0c0e-57a0-4d1e-9a11-0000000000a1' });
  const store = createMailboxStore((email, eventId, change) => subs.changed(email, eventId, change));
  const faults = faultSwitch();
  const calls: CallRecord[] = [];
  const control = standInControl({ store, identity: ids, faults, calls, deliveries: subs.deliveries });
  const api = graphApi({ store, identity: ids, subscriptions: subs, faults, advertisedOrigin: secureOrigin });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const method = req.method ?? 'GET';
    if (url.pathname === '/healthz') return sendJson(res, 200, { ok: true });
    if (url.pathname.startsWith('/_stand-in/')) {
      if (req.headers.authorization !== `Bearer ${STAND_IN_ADMIN_TOKEN}`) throw new GraphApiError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
      const answer = control(method, url.pathname.slice('/_stand-in'.length), jsonBody(await readBody(req)));
      return sendJson(res, answer.status, answer.body ?? {});
    }
    const authority = AUTHORITY.exec(url.pathname);
    if (authority?.[1] !== undefined) {
      const [tenant, endpoint] = [decodeURIComponent(authority[1]), authority[2]];
      if (endpoint === 'oauth2/v2.0/token' && method === 'POST') {
        const answer = faults.isDown() ? { status: 503, body: { error: 'temporarily_unavailable', error_description: 'AADSTS90033: A transient error has occurred. Please try again.', error_codes: [90033] } } : ids.token(tenant, new URLSearchParams(await readBody(req)));
        calls.push({ method, path: url.pathname, query: '', status: answer.status, at: new Date().toISOString() });
        return sendJson(res, answer.status, answer.body, { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' });
      }
      if (endpoint === 'oauth2/v2.0/authorize' && method === 'GET') {
        const answer = ids.authorize(tenant, url.searchParams);
        res.writeHead(answer.status, answer.location ? { location: answer.location } : { 'content-type': 'text/plain; charset=utf-8' }).end(answer.text ?? '');
        return;
      }
      if (method === 'GET') return sendJson(res, 200, ids.openIdConfiguration(tenant));
    }
    if (!url.pathname.startsWith('/v1.0/')) throw noSuchPath();
    const path = url.pathname.slice('/v1.0'.length);
    const record = (status: number) => calls.push({ method, path, query: url.search, status, at: new Date().toISOString() });
    try {
      const answer = await api(req, path, url.searchParams, await readBody(req));
      record(answer.status);
      if (answer.status === 204) {
        res.writeHead(204).end();
        return;
      }
      sendJson(res, answer.status, answer.body, answer.headers);
    } catch (error) {
      record(error instanceof GraphApiError ? error.status : 500);
      throw error;
    }
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      sendError(res, error instanceof GraphApiError ? error : new GraphApiError(500, 'InternalServerError', 'An internal server error occurred.'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    origin: `http://${host}:${port}`,
    secureOrigin: secureOrigin(),
    plainHttpHost: `${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
