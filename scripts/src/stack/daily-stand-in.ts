import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Daily's REST API (https://docs.daily.co/reference/rest-api), as the sink
 * stands in for Postmark: POST /v1/rooms, GET/POST/DELETE /v1/rooms/:name, a Bearer key, Daily's
 * error shape (`{ error, info }`: 401 authentication-error, 404 not-found, 400
 * invalid-request-error). Every key is an account of its own (its rooms, its calls, its outage),
 * so test files sharing one stand-in stay apart by using keys of their own.
 *
 * For tests, under /_stand-in with the same Bearer key: `GET calls` (every call the account
 * received, with the answer's status), `POST outage {"seconds"}` (every API call answers 503 until
 * then, as Daily down would), `DELETE outage`. A room's `url` opens a small page while it exists.
 */
export interface CallRecord {
  at: string;
  method: string;
  path: string;
  room: string | null;
  status: number;
}

interface Room {
  id: string;
  name: string;
  api_created: true;
  privacy: string;
  url: string;
  created_at: string;
  config: Record<string, unknown>;
}

interface Account {
  rooms: Map<string, Room>;
  calls: CallRecord[];
  downUntil: number;
}

export interface RunningDailyStandIn {
  /** The API's base, as DAILY_API_BASE_URL: `http://host:port/v1`. */
  apiUrl: string;
  origin: string;
  close(): Promise<void>;
}

const ROOM_NAME = /^[A-Za-z0-9_-]{1,128}$/;

export async function startDailyStandIn(options: { port: number; host?: string }): Promise<RunningDailyStandIn> {
  const accounts = new Map<string, Account>();
  const roomOwners = new Map<string, Room>();
  let origin = '';

  const accountOf = (key: string): Account => {
    let account = accounts.get(key);
    if (account === undefined) {
      account = { rooms: new Map(), calls: [], downUntil: 0 };
      accounts.set(key, account);
    }
    return account;
  };

  function send(res: ServerResponse, status: number, body: unknown): number {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
    return status;
  }
  const fail = (res: ServerResponse, status: number, error: string, info: string) => send(res, status, { error, info });

  async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (chunks.length === 0) return {};
    try {
      const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }

  const propertiesOf = (body: Record<string, unknown>) =>
    typeof body.properties === 'object' && body.properties !== null ? (body.properties as Record<string, unknown>) : {};

  async function api(req: IncomingMessage, res: ServerResponse, account: Account, path: string, call: { room: string | null }): Promise<number> {
    const body = req.method === 'POST' ? await readJson(req) : {};
    // The record names the room a call was about even when the call found the provider down.
    const named = /^\/rooms\/([^/]+)$/.exec(path)?.[1];
    call.room = named === undefined ? (typeof body?.name === 'string' ? body.name : null) : decodeURIComponent(named);
    if (Date.now() < account.downUntil) return fail(res, 503, 'server-error', 'the stand-in is down for this account (a test asked for an outage)');
    if (body === null) return fail(res, 400, 'invalid-request-error', 'the body is not a JSON object');
    if (path === '/rooms' && req.method === 'POST') {
      const name = body.name;
      if (typeof name !== 'string' || !ROOM_NAME.test(name)) return fail(res, 400, 'invalid-request-error', 'name must be 1-128 of A-Z a-z 0-9 _ -');
      if (account.rooms.has(name)) return fail(res, 400, 'invalid-request-error', `a room named ${name} already exists`);
      const room: Room = {
        id: crypto.randomUUID(),
        name,
        api_created: true,
        privacy: typeof body.privacy === 'string' ? body.privacy : 'public',
        url: `${origin}/meet/${name}`,
        created_at: new Date().toISOString(),
        config: propertiesOf(body),
      };
      account.rooms.set(name, room);
      roomOwners.set(name, room);
      return send(res, 200, room);
    }
    const match = /^\/rooms\/([^/]+)$/.exec(path);
    if (match?.[1] === undefined) return fail(res, 404, 'not-found', `no such endpoint: ${req.method ?? ''} ${path}`);
    const name = decodeURIComponent(match[1]);
    const room = account.rooms.get(name);
    if (room === undefined) return fail(res, 404, 'not-found', `room ${name} was not found`);
    if (req.method === 'GET') return send(res, 200, room);
    if (req.method === 'POST') {
      room.config = { ...room.config, ...propertiesOf(body) };
      return send(res, 200, room);
    }
    if (req.method === 'DELETE') {
      account.rooms.delete(name);
      roomOwners.delete(name);
      return send(res, 200, { deleted: true, name });
    }
    return fail(res, 405, 'invalid-request-error', `method ${req.method ?? ''} not allowed`);
  }

  async function control(req: IncomingMessage, res: ServerResponse, account: Account, path: string): Promise<void> {
    if (path === '/calls' && req.method === 'GET') {
      send(res, 200, account.calls);
    } else if (path === '/outage' && req.method === 'POST') {
      const body = await readJson(req);
      const seconds = body?.seconds;
      if (typeof seconds !== 'number' || seconds < 0) {
        fail(res, 400, 'invalid-request-error', 'seconds: a number, at least 0');
        return;
      }
      account.downUntil = Date.now() + seconds * 1000;
      send(res, 200, { downUntil: new Date(account.downUntil).toISOString() });
    } else if (path === '/outage' && req.method === 'DELETE') {
      account.downUntil = 0;
      send(res, 200, { downUntil: null });
    } else {
      fail(res, 404, 'not-found', `no such control: ${req.method ?? ''} ${path}`);
    }
  }

  function roomPage(res: ServerResponse, name: string): void {
    const room = roomOwners.get(name);
    res.writeHead(room ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(room ? `<!doctype html><title>Meeting room</title><h1>Meeting room ${name}</h1><p>A stand-in for a Daily room.</p>` : '<!doctype html><title>No such room</title><h1>No such room</h1>');
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const meet = /^\/meet\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
    if (url.pathname === '/healthz') {
      send(res, 200, { ok: true });
      return;
    }
    if (meet?.[1] !== undefined) {
      roomPage(res, meet[1]);
      return;
    }
    const key = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const isApi = url.pathname.startsWith('/v1/');
    const isControl = url.pathname.startsWith('/_stand-in/');
    if (!isApi && !isControl) {
      fail(res, 404, 'not-found', 'not found');
      return;
    }
    if (key === undefined) {
      fail(res, 401, 'authentication-error', 'Authorization: Bearer <API key> is required');
      return;
    }
    const account = accountOf(key);
    if (isControl) {
      void control(req, res, account, url.pathname.slice('/_stand-in'.length)).catch(() => fail(res, 500, 'server-error', 'stand-in fault'));
      return;
    }
    const path = url.pathname.slice('/v1'.length);
    const call = { room: null as string | null };
    const record = (status: number) => account.calls.push({ at: new Date().toISOString(), method: req.method ?? '', path, room: call.room, status });
    api(req, res, account, path, call).then(record, () => record(fail(res, 500, 'server-error', 'stand-in fault')));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    apiUrl: `${origin}/v1`,
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
