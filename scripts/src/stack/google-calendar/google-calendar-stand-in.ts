import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calendarApi, jsonBody, readBody, STAND_IN_ADMIN_TOKEN } from './calendar-api';
import { createCalendarStore } from './calendar-store';
import { GoogleApiError, notFound, sendError, sendJson } from './google-errors';
import { pushChannels } from './push-channels';
import { standInControl, type CallRecord, type Fault } from './stand-in-control';
import { oauthConsent } from './oauth-consent';
import { tokenAuthority } from './token-authority';

export { STAND_IN_ADMIN_TOKEN } from './calendar-api';
export { standInServiceAccount, STAND_IN_WORKSPACE_DOMAIN } from './stand-in-service-account';
export type { CallRecord } from './stand-in-control';
export type { Delivery } from './push-channels';

/**
 * A local stand-in for the Google Calendar API v3 and Google's OAuth 2.0 token endpoint, for the
 * official clients (`@googleapis/calendar` with `rootUrl`, `google-auth-library`) pointed at it,
 * as the sink stands in for Postmark and the Daily stand-in for Daily (docs/adr/0055). State is
 * in memory. Paths: `GET /o/oauth2/v2/auth`, `POST /token`, `POST /revoke` (oauth-consent.ts); under `/calendar/v3`: `POST freeBusy`,
 * `GET|POST calendars/{id}/events`, `POST …/events/import`, `POST …/events/watch`,
 * `GET|PUT|PATCH|DELETE …/events/{eventId}`, `POST channels/stop`. Bodies are typed with the
 * vendor's `calendar_v3` types. Writes at `conferenceDataVersion=1` make Google Meet conferences
 * (meet-conference.ts).
 *
 * Access: a token acting as a user reaches that user's calendars and the free/busy of calendars
 * in the user's domain; `Bearer stand-in-admin` reaches every calendar (development only). Tests
 * and scripts drive `/_stand-in/…` with the same admin bearer (stand-in-control.ts): service
 * accounts, user grants, revocations, faults, sync-token invalidation, the record of calls.
 */

export interface RunningGoogleCalendarStandIn {
  origin: string;
  /** The API client's rootUrl: `http://host:port/`. */
  rootUrl: string;
  /** The OAuth 2.0 token endpoint: `http://host:port/token`. */
  tokenUrl: string;
  /** The authorization endpoint: `http://host:port/o/oauth2/v2/auth`. */
  authUrl: string;
  close(): Promise<void>;
}

export async function startGoogleCalendarStandIn(options: { port: number; host?: string }): Promise<RunningGoogleCalendarStandIn> {
  const host = options.host ?? '127.0.0.1';
  let origin = '';
  const channels = pushChannels();
  const store = createCalendarStore((calendarId) => channels.changed(calendarId));
  const tokens = tokenAuthority(() => `${origin}/token`);
  const consent = oauthConsent(tokens);
  const faults: Fault[] = [];
  const calls: CallRecord[] = [];
  const control = standInControl({ tokens, consent, faults, calls, deliveries: channels.deliveries, invalidateSyncTokens: store.invalidateSyncTokens });
  const api = calendarApi({ store, channels, tokens, faults, origin: () => origin });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (url.pathname === '/healthz') return sendJson(res, 200, { ok: true });
    if (url.pathname === '/o/oauth2/v2/auth' && req.method === 'GET') {
      const answer = consent.authorize(url.searchParams);
      if (answer.location !== undefined) {
        res.writeHead(answer.status, { location: answer.location }).end();
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'text/plain; charset=utf-8' }).end(answer.text);
      return;
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      const answer = form.get('grant_type') === 'authorization_code' ? consent.redeem(form, req.headers.authorization) : tokens.token(form);
      return sendJson(res, answer.status, answer.body, { 'cache-control': 'no-store' });
    }
    if (url.pathname === '/revoke' && req.method === 'POST') {
      const answer = consent.revoke(url.searchParams.get('token') ?? new URLSearchParams(await readBody(req)).get('token'));
      return sendJson(res, answer.status, answer.body);
    }
    if (url.pathname.startsWith('/_stand-in/')) {
      if (req.headers.authorization !== `Bearer ${STAND_IN_ADMIN_TOKEN}`) throw new GoogleApiError(401, 'required', 'Login Required.');
      const answer = control(req.method ?? 'GET', url.pathname.slice('/_stand-in'.length), jsonBody(await readBody(req)));
      return sendJson(res, answer.status, answer.body ?? {});
    }
    if (!url.pathname.startsWith('/calendar/v3/')) throw notFound();
    const path = url.pathname.slice('/calendar/v3'.length);
    const at = new Date().toISOString();
    const record = (status: number) => calls.push({ at, method: req.method ?? '', path, status });
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
    authUrl: `${origin}/o/oauth2/v2/auth`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
