import { randomBytes, randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';

/**
 * A local stand-in for Zoom's Server-to-Server OAuth and Meetings API
 * (https://developers.zoom.us/docs/api/meetings/), as the Daily stand-in stands in for Daily:
 * POST /oauth/token with the account_credentials grant, then under /v2 with the Bearer token
 * POST/GET /users/:userId/meetings and GET/PATCH/DELETE /meetings/:id, in Zoom's error shapes
 * (`{ reason, error }` from the token endpoint, `{ code, message }` from the API: 124 bad token,
 * 300 bad body, 3001 no such meeting). Every account_id is an account of its own (its meetings,
 * its calls, its outage, its hold), so test files sharing one stand-in stay apart by using account
 * ids of their own. Where Zoom would fill in a missing field, the stand-in asks for it: the portal
 * sends every field, and a client that forgets one should find out here.
 *
 * For tests, under /_stand-in/:accountId: `GET calls` (every call the account received, token
 * requests included, with the answer's status), `GET meetings`, `POST outage {"seconds"}` (every
 * API call answers 503 until then; tokens are still given), `DELETE outage`, `POST hold
 * {"seconds"}` (a create is done at once but answered only when the hold ends, as when a worker
 * dies before Zoom's answer reaches it; a new hold, `{"seconds":0}` included, moves that moment),
 * `DELETE hold`. A meeting's `join_url` opens a small page while it exists.
 */
export interface CallRecord {
  at: string;
  method: string;
  path: string;
  meetingId: string | null;
  status: number;
}

export interface ZoomMeeting {
  uuid: string;
  id: number;
  host_id: string;
  host_email: string;
  topic: string;
  type: number;
  status: 'waiting';
  /** Absent for a recurring meeting with no fixed time (type 3). */
  start_time?: string;
  duration: number;
  timezone: string;
  agenda: string;
  created_at: string;
  start_url: string;
  join_url: string;
  password: string;
  settings: Record<string, unknown>;
}

interface Account {
  meetings: Map<number, ZoomMeeting>;
  /** Host email → host id: every email is a user of the account. */
  hosts: Map<string, string>;
  calls: CallRecord[];
  downUntil: number;
  holdUntil: number;
  held: Set<() => void>;
  /** An opaque next_page_token → the sort key of the last meeting on the page it followed. */
  pages: Map<string, SortKey>;
}

interface Answer {
  status: number;
  body?: unknown;
  /** The answer waits for the account's hold to end. */
  held?: boolean;
}

type SortKey = [startMs: number, id: number];

export interface RunningZoomStandIn {
  /** The API's base: `http://host:port/v2`. */
  apiUrl: string;
  /** The token endpoint: `http://host:port/oauth/token`. */
  oauthUrl: string;
  origin: string;
  close(): Promise<void>;
}

const TOKEN_SECONDS = 3599;
const SCOPE = 'meeting:write:meeting:admin meeting:read:meeting:admin meeting:update:meeting:admin meeting:delete:meeting:admin';
/** Who `me` is: the account's owner, the user a Server-to-Server app acts as. */
const OWNER_EMAIL = 'owner@zoom-stand-in.test';
const MEETING_TYPES = new Set([1, 2, 3, 8]);
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const DEFAULT_SETTINGS = {
  host_video: false,
  participant_video: false,
  join_before_host: false,
  mute_upon_entry: false,
  waiting_room: false,
  approval_type: 2,
  audio: 'voip',
  auto_recording: 'none',
};

const zoomTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
const opaque = (bytes: number) => randomBytes(bytes).toString('base64url');
const invalid = (message: string): Answer => ({ status: 400, body: { code: 300, message } });
const noMeeting = (id: string): Answer => ({ status: 404, body: { code: 3001, message: `Meeting does not exist: ${id}.` } });
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const sortKey = (meeting: ZoomMeeting): SortKey => [meeting.start_time === undefined ? Infinity : Date.parse(meeting.start_time), meeting.id];
const byStart = (a: SortKey, b: SortKey) => a[0] - b[0] || a[1] - b[1];

/**
 * The fields a create (`current` null) or an update sets, or what is wrong with them. A start time
 * without an offset is in the meeting's timezone, as Zoom reads it; it is kept in UTC.
 */
function meetingFields(body: Record<string, unknown>, current: ZoomMeeting | null): Partial<ZoomMeeting> | string {
  const creating = current === null;
  const fields: Partial<ZoomMeeting> = {};
  const given = (name: string) => creating || body[name] !== undefined;
  if (given('topic')) {
    if (typeof body.topic !== 'string' || body.topic.length > 200) return 'topic: a string of at most 200 characters';
    fields.topic = body.topic;
  }
  if (creating) {
    if (typeof body.type !== 'number' || !MEETING_TYPES.has(body.type)) return 'type: 1, 2, 3 or 8';
    fields.type = body.type;
  }
  if (given('duration')) {
    if (typeof body.duration !== 'number' || !Number.isInteger(body.duration) || body.duration < 1) return 'duration: a whole number of minutes, at least 1';
    fields.duration = body.duration;
  }
  if (body.timezone !== undefined) {
    if (typeof body.timezone !== 'string' || !DateTime.local().setZone(body.timezone).isValid) return `timezone: ${String(body.timezone)} is not a time zone`;
    fields.timezone = body.timezone;
  }
  const zone = fields.timezone ?? current?.timezone ?? 'UTC';
  if (body.start_time !== undefined || (creating && fields.type === 2)) {
    const start = typeof body.start_time === 'string' && LOCAL_TIME.test(body.start_time) ? DateTime.fromISO(body.start_time, { zone }) : null;
    if (start === null || !start.isValid) return 'start_time: yyyy-MM-ddTHH:mm:ss, in UTC with a Z or in the meeting’s timezone';
    fields.start_time = zoomTime(start.toMillis());
  }
  if (given('agenda')) {
    if (body.agenda !== undefined && (typeof body.agenda !== 'string' || body.agenda.length > 2000)) return 'agenda: a string of at most 2000 characters';
    fields.agenda = body.agenda ?? '';
  }
  if (body.settings !== undefined && !isObject(body.settings)) return 'settings: an object';
  if (given('settings')) fields.settings = { ...(current?.settings ?? DEFAULT_SETTINGS), ...(isObject(body.settings) ? body.settings : {}) };
  return fields;
}

/**
 * Zoom's `scheduled` is every meeting of the host (past ones too, until Zoom lets them expire),
 * `upcoming` those not yet over, `live` those started: nobody starts a stand-in meeting.
 */
function listed(meeting: ZoomMeeting, type: string, now: number): boolean {
  if (type === 'live' || meeting.type === 1) return false;
  if (type === 'scheduled' || meeting.start_time === undefined) return true;
  return Date.parse(meeting.start_time) + meeting.duration * 60_000 > now;
}

export async function startZoomStandIn(options: { port: number; host?: string; clients: Record<string, string> }): Promise<RunningZoomStandIn> {
  const accounts = new Map<string, Account>();
  const meetingOwners = new Map<number, Account>();
  const tokens = new Map<string, { account: Account; expiresAt: number }>();
  let origin = '';

  const accountOf = (accountId: string): Account => {
    let account = accounts.get(accountId);
    if (account === undefined) {
      account = { meetings: new Map(), hosts: new Map(), calls: [], downUntil: 0, holdUntil: 0, held: new Set(), pages: new Map() };
      accounts.set(accountId, account);
    }
    return account;
  };

  function send(res: ServerResponse, answer: Answer): void {
    if (answer.body === undefined) {
      res.writeHead(answer.status);
      res.end();
      return;
    }
    res.writeHead(answer.status, { 'content-type': 'application/json;charset=UTF-8' });
    res.end(JSON.stringify(answer.body));
  }

  async function readText(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
    const text = await readText(req);
    if (text === '') return {};
    try {
      const parsed: unknown = JSON.parse(text);
      return isObject(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }

  function issueToken(req: IncomingMessage, form: URLSearchParams, accountId: string | null): Answer {
    const refuse = (error: string, reason: string): Answer => ({ status: 400, body: { reason, error } });
    if (req.method !== 'POST') return { status: 405, body: { reason: 'Method not allowed', error: 'invalid_request' } };
    const basic = /^Basic (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [clientId, ...secret] = Buffer.from(basic ?? '', 'base64').toString('utf8').split(':');
    if (basic === undefined || clientId === undefined || options.clients[clientId] !== secret.join(':')) return refuse('invalid_client', 'Invalid client_id or client_secret');
    if (form.get('grant_type') !== 'account_credentials') return refuse('unsupported_grant_type', 'unsupported grant type');
    if (accountId === null) return refuse('invalid_request', 'Missing account_id');
    const accessToken = opaque(48);
    tokens.set(accessToken, { account: accountOf(accountId), expiresAt: Date.now() + TOKEN_SECONDS * 1000 });
    return { status: 200, body: { access_token: accessToken, token_type: 'bearer', expires_in: TOKEN_SECONDS, scope: SCOPE, api_url: origin } };
  }

  /** The user `userId` names in the account: `me`, an email, or a host id it has seen. */
  function hostOf(account: Account, userId: string): { id: string; email: string } | null {
    const email = userId === 'me' ? OWNER_EMAIL : userId.includes('@') ? userId.toLowerCase() : [...account.hosts].find(([, id]) => id === userId)?.[0];
    if (email === undefined) return null;
    let id = account.hosts.get(email);
    if (id === undefined) {
      id = opaque(16);
      account.hosts.set(email, id);
    }
    return { id, email };
  }

  function createMeeting(account: Account, host: { id: string; email: string }, body: Record<string, unknown>): Answer {
    const fields = meetingFields(body, null);
    if (typeof fields === 'string') return invalid(fields);
    let id = randomInt(10_000_000_000, 100_000_000_000);
    while (meetingOwners.has(id)) id = randomInt(10_000_000_000, 100_000_000_000);
    const password = String(randomInt(100_000, 1_000_000));
    const now = Date.now();
    // In the order Zoom answers; `fields` holds what the body gave, every field but a timezone or a type 3's start.
    const meeting: ZoomMeeting = {
      uuid: randomBytes(16).toString('base64'),
      id,
      host_id: host.id,
      host_email: host.email,
      topic: '',
      type: 2,
      status: 'waiting',
      ...(fields.type === 1 ? { start_time: zoomTime(now) } : {}),
      duration: 60,
      timezone: 'UTC',
      agenda: '',
      created_at: zoomTime(now),
      start_url: `${origin}/s/${id}?zak=${opaque(32)}`,
      join_url: `${origin}/j/${id}?pwd=${password}`,
      password,
      settings: DEFAULT_SETTINGS,
      ...fields,
    };
    account.meetings.set(id, meeting);
    meetingOwners.set(id, account);
    return { status: 201, body: meeting, held: Date.now() < account.holdUntil };
  }

  function listMeetings(account: Account, host: { id: string }, query: URLSearchParams): Answer {
    const type = query.get('type') ?? 'scheduled';
    if (!['scheduled', 'upcoming', 'live'].includes(type)) return invalid('type: scheduled, upcoming or live');
    const pageSize = Number(query.get('page_size') ?? 30);
    if (!Number.isInteger(pageSize) || pageSize < 1) return invalid('page_size: a whole number, at least 1');
    const pageToken = query.get('next_page_token') ?? '';
    const after = account.pages.get(pageToken);
    if (pageToken !== '' && after === undefined) return invalid('next_page_token: not one this account was given');
    const now = Date.now();
    const all = [...account.meetings.values()].filter((m) => m.host_id === host.id && listed(m, type, now)).sort((a, b) => byStart(sortKey(a), sortKey(b)));
    const rest = after === undefined ? all : all.filter((m) => byStart(sortKey(m), after) > 0);
    const page = rest.slice(0, Math.min(pageSize, 300));
    const last = page.at(-1);
    const nextPageToken = rest.length > page.length && last !== undefined ? opaque(24) : '';
    if (nextPageToken !== '' && last !== undefined) account.pages.set(nextPageToken, sortKey(last));
    const meetings = page.map(({ uuid, id, host_id, topic, type, start_time, duration, timezone, agenda, created_at, join_url }) => (
      { uuid, id, host_id, topic, type, start_time, duration, timezone, agenda, created_at, join_url }
    ));
    return { status: 200, body: { page_size: Math.min(pageSize, 300), total_records: all.length, next_page_token: nextPageToken, meetings } };
  }

  async function api(req: IncomingMessage, account: Account, path: string, query: URLSearchParams, call: { meetingId: string | null }): Promise<Answer> {
    const body = req.method === 'POST' || req.method === 'PATCH' ? await readJson(req) : {};
    const named = /^\/meetings\/([^/]+)$/.exec(path)?.[1];
    call.meetingId = named === undefined ? null : decodeURIComponent(named);
    if (Date.now() < account.downUntil) return { status: 503, body: { code: 503, message: 'The stand-in is down for this account (a test asked for an outage).' } };
    if (body === null) return invalid('Request Body should be a valid JSON object.');
    const userId = /^\/users\/([^/]+)\/meetings$/.exec(path)?.[1];
    if (userId !== undefined && (req.method === 'POST' || req.method === 'GET')) {
      const host = hostOf(account, decodeURIComponent(userId));
      if (host === null) return { status: 404, body: { code: 1001, message: `User does not exist: ${decodeURIComponent(userId)}.` } };
      if (req.method === 'GET') return listMeetings(account, host, query);
      const answer = createMeeting(account, host, body);
      if (answer.status === 201) call.meetingId = String((answer.body as ZoomMeeting).id);
      return answer;
    }
    if (call.meetingId === null) return { status: 404, body: { code: 404, message: `No such endpoint: ${req.method ?? ''} /v2${path}` } };
    const meeting = account.meetings.get(Number(call.meetingId));
    if (meeting === undefined) return noMeeting(call.meetingId);
    if (req.method === 'GET') return { status: 200, body: meeting };
    if (req.method === 'PATCH') {
      const fields = meetingFields(body, meeting);
      if (typeof fields === 'string') return invalid(fields);
      Object.assign(meeting, fields);
      return { status: 204 };
    }
    if (req.method === 'DELETE') {
      account.meetings.delete(meeting.id);
      meetingOwners.delete(meeting.id);
      return { status: 204 };
    }
    return { status: 405, body: { code: 405, message: `Method ${req.method ?? ''} not allowed` } };
  }

  /** Resolves when the account's hold ends, or when a test changes the hold. */
  const holdEnds = (account: Account) =>
    new Promise<void>((resolve) => {
      const release = () => {
        clearTimeout(timer);
        account.held.delete(release);
        resolve();
      };
      const timer = setTimeout(release, Math.max(0, account.holdUntil - Date.now()));
      account.held.add(release);
    });
  const releaseHeld = (account: Account) => [...account.held].forEach((release) => release());

  async function control(req: IncomingMessage, account: Account, path: string): Promise<Answer> {
    if (req.method === 'GET' && path === '/calls') return { status: 200, body: account.calls };
    if (req.method === 'GET' && path === '/meetings') return { status: 200, body: [...account.meetings.values()] };
    if (path !== '/outage' && path !== '/hold') return { status: 404, body: { code: 404, message: `No such control: ${req.method ?? ''} ${path}` } };
    let until = 0;
    if (req.method === 'POST') {
      const seconds = (await readJson(req))?.seconds;
      if (typeof seconds !== 'number' || seconds < 0) return invalid('seconds: a number, at least 0');
      until = Date.now() + seconds * 1000;
    } else if (req.method !== 'DELETE') {
      return { status: 405, body: { code: 405, message: `Method ${req.method ?? ''} not allowed` } };
    }
    if (path === '/outage') {
      account.downUntil = until;
      return { status: 200, body: { downUntil: until === 0 ? null : new Date(until).toISOString() } };
    }
    account.holdUntil = until;
    releaseHeld(account);
    return { status: 200, body: { holdUntil: until === 0 ? null : new Date(until).toISOString() } };
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const record = (account: Account, meetingId: string | null, status: number) =>
      account.calls.push({ at: new Date().toISOString(), method: req.method ?? '', path: url.pathname, meetingId, status });
    const controlled = /^\/_stand-in\/([^/]+)(\/.*)$/.exec(url.pathname);
    if (controlled?.[1] !== undefined && controlled[2] !== undefined) {
      send(res, await control(req, accountOf(decodeURIComponent(controlled[1])), controlled[2]));
      return;
    }
    if (url.pathname === '/oauth/token') {
      const form = new URLSearchParams(url.search);
      if ((req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
        new URLSearchParams(await readText(req)).forEach((value, name) => form.set(name, value));
      }
      const accountId = form.get('account_id') || null;
      const answer = issueToken(req, form, accountId);
      if (accountId !== null) record(accountOf(accountId), null, answer.status);
      send(res, answer);
      return;
    }
    if (!url.pathname.startsWith('/v2/')) {
      send(res, { status: 404, body: { code: 404, message: 'Not found' } });
      return;
    }
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer === undefined ? undefined : tokens.get(bearer);
    if (token === undefined) {
      send(res, { status: 401, body: { code: 124, message: 'Invalid access token.' } });
      return;
    }
    const call = { meetingId: null as string | null };
    // An expired token still names its account, so the refusal is in that account's calls.
    const answer = Date.now() < token.expiresAt
      ? await api(req, token.account, url.pathname.slice('/v2'.length), url.searchParams, call)
      : { status: 401, body: { code: 124, message: 'Access token is expired.' } };
    // A held answer is recorded when the meeting is made: the call is done, only its answer waits.
    record(token.account, call.meetingId, answer.status);
    // A test may lift, shorten or lengthen the hold meanwhile: each change wakes the held answers to look again.
    while (answer.held === true && Date.now() < token.account.holdUntil) await holdEnds(token.account);
    send(res, answer);
  }

  function meetingPage(res: ServerResponse, id: string): void {
    const exists = meetingOwners.has(Number(id));
    res.writeHead(exists ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(exists
      ? `<!doctype html><title>Zoom meeting</title><h1>Zoom meeting ${id}</h1><p>A stand-in for a Zoom meeting.</p>`
      : '<!doctype html><title>No such meeting</title><h1>This meeting ID is not valid</h1>');
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const page = /^\/[js]\/(\d+)$/.exec(url.pathname)?.[1];
    if (url.pathname === '/healthz') send(res, { status: 200, body: { ok: true } });
    else if (page !== undefined) meetingPage(res, page);
    else void route(req, res, url).catch(() => send(res, { status: 500, body: { code: 500, message: 'stand-in fault' } }));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    apiUrl: `${origin}/v2`,
    oauthUrl: `${origin}/oauth/token`,
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        accounts.forEach((account) => {
          account.holdUntil = 0;
          releaseHeld(account);
        });
        server.close(() => resolve());
      }),
  };
}
