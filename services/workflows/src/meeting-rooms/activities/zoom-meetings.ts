import { providerRefused, type MeetingRoomApi, type RoomWindow } from './room-provider';

export interface ZoomSettings {
  /** `https://api.zoom.us/v2`, or the local stand-in in development and tests. */
  apiUrl: string;
  /** `https://zoom.us/oauth/token`, or the stand-in's. */
  oauthUrl: string;
  /** The Server-to-Server OAuth app's account, client id and secret (Zoom's App Marketplace). */
  accountId: string;
  clientId: string;
  clientSecret: string;
  /** Who hosts the interviews' meetings: a Zoom user's email or id in that account. */
  hostUser: string;
  timeoutMs: number;
}

interface ZoomMeeting {
  id: number;
  join_url: string;
  agenda?: string;
}

interface ZoomList {
  meetings?: ZoomMeeting[];
  next_page_token?: string;
}

/** A token is renewed this long before Zoom's expiry, so a call never carries one that lapses on the way. */
const RENEW_BEFORE_MS = 60_000;

/** The agenda names the portal's room: how a retried create finds the meeting its lost attempt made. */
const agendaOf = (room: string) => `Interview portal room ${room}`;

/** Zoom's meeting id in a join link (`https://<host>/j/<id>?pwd=…`, Zoom's documented shape). */
export function meetingIdOf(link: string | null): string | null {
  if (link === null) return null;
  try {
    return /^\/j\/(\d{9,12})$/.exec(new URL(link).pathname)?.[1] ?? null;
  } catch {
    return null;
  }
}

/** Zoom's `{ code, message }` (API) or `{ error, reason }` (OAuth) in a few words. */
function describe(json: unknown): string {
  const body = (json ?? {}) as { code?: unknown; message?: unknown; error?: unknown; reason?: unknown };
  const words = [body.code ?? body.error, body.message ?? body.reason].filter((w) => typeof w === 'string' || typeof w === 'number');
  return words.join(': ') || 'no detail';
}

/**
 * Zoom's Meetings API with Server-to-Server OAuth, by its documented REST calls
 * (developers.zoom.us/docs/api/meetings): a token from `POST /oauth/token` (grant
 * `account_credentials`), then `POST /users/{host}/meetings`, `PATCH` and `DELETE
 * /meetings/{id}` (docs/adr/0074). Zoom names a meeting itself, so the portal's room name rides in
 * the agenda: a create retried after a lost answer (a worker killed mid-call) looks there first
 * and answers the meeting already made. A 5xx, a 429 or no answer is transient (the activity
 * retries); any other 4xx is a refusal a retry cannot change.
 */
export function zoomMeetings(settings: ZoomSettings): MeetingRoomApi {
  const api = settings.apiUrl.replace(/\/+$/, '');
  let token: { value: string; renewAt: number } | null = null;

  async function parse(response: Response): Promise<unknown> {
    const text = await response.text();
    try {
      return text ? JSON.parse(text) : null;
    } catch {
      return { message: text.slice(0, 200) };
    }
  }

  async function accessToken(): Promise<string> {
    if (token !== null && Date.now() < token.renewAt) return token.value;
    const url = new URL(settings.oauthUrl);
    url.searchParams.set('grant_type', 'account_credentials');
    url.searchParams.set('account_id', settings.accountId);
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${settings.clientId}:${settings.clientSecret}`).toString('base64')}` },
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    const json = (await parse(response)) as { access_token?: unknown; expires_in?: unknown } | null;
    if (response.status >= 500 || response.status === 429) throw new Error(`Zoom's OAuth answered ${response.status}: ${describe(json)}`);
    if (response.status !== 200 || typeof json?.access_token !== 'string') throw providerRefused('zoom', response.status, `OAuth: ${describe(json)}`);
    const lifetimeMs = (typeof json.expires_in === 'number' ? json.expires_in : 3_600) * 1000;
    token = { value: json.access_token, renewAt: Date.now() + Math.max(lifetimeMs - RENEW_BEFORE_MS, 0) };
    return token.value;
  }

  async function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, renewed = false): Promise<{ status: number; json: unknown }> {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: { authorization: `Bearer ${await accessToken()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    const json = await parse(response);
    // A token Zoom no longer takes (revoked, or the clock ran ahead): one fresh token, one more try.
    if (response.status === 401 && !renewed) {
      token = null;
      return call(method, path, body, true);
    }
    if (response.status >= 500 || response.status === 429) throw new Error(`Zoom answered ${response.status} to ${method} ${path}: ${describe(json)}`);
    return { status: response.status, json };
  }

  const host = `/users/${encodeURIComponent(settings.hostUser)}/meetings`;
  const linkOf = (json: unknown): string => {
    const meeting = json as Partial<ZoomMeeting> | null;
    if (typeof meeting?.join_url !== 'string') throw new Error('Zoom answered a meeting without a join_url');
    return meeting.join_url;
  };

  /** The meeting's time: the interview's own start and length, else the room's whole window. */
  function schedule(window: RoomWindow) {
    const start = window.start ?? new Date(window.nbf * 1000).toISOString();
    const end = window.end ?? new Date(window.exp * 1000).toISOString();
    return { start_time: start.replace(/\.\d{3}Z$/, 'Z'), duration: Math.max(1, Math.round((Date.parse(end) - Date.parse(start)) / 60_000)), timezone: 'UTC' };
  }

  /** The meeting an earlier attempt made for `room`, found by its agenda among the host's upcoming ones. */
  async function findMade(room: string): Promise<string | null> {
    let page = '';
    do {
      const query = new URLSearchParams({ type: 'upcoming', page_size: '300', ...(page ? { next_page_token: page } : {}) });
      const listed = await call('GET', `${host}?${query.toString()}`);
      if (listed.status !== 200) throw providerRefused('zoom', listed.status, describe(listed.json));
      const list = listed.json as ZoomList;
      const made = list.meetings?.find((m) => m.agenda === agendaOf(room));
      if (made !== undefined) return made.join_url;
      page = list.next_page_token ?? '';
    } while (page);
    return null;
  }

  async function create(room: string, window: RoomWindow): Promise<{ url: string }> {
    const made = await call('POST', host, {
      topic: 'Interview',
      type: 2,
      ...schedule(window),
      agenda: agendaOf(room),
      settings: { join_before_host: true, jbh_time: 5, waiting_room: false, approval_type: 2 },
    });
    if (made.status === 201) return { url: linkOf(made.json) };
    throw providerRefused('zoom', made.status, describe(made.json));
  }

  /** The meeting and its link: from the link it was opened with, else found by its agenda. */
  async function located(room: string, link: string | null): Promise<{ id: string; url: string } | null> {
    const id = meetingIdOf(link);
    if (link !== null && id !== null) return { id, url: link };
    const found = await findMade(room);
    const foundId = meetingIdOf(found);
    return found !== null && foundId !== null ? { id: foundId, url: found } : null;
  }

  return {
    async open(room, window, context) {
      if (context?.retried === true) {
        const made = await findMade(room);
        if (made !== null) return { url: made };
      }
      return create(room, window);
    },
    async move(room, window, link) {
      const meeting = await located(room, link ?? null);
      if (meeting === null) return create(room, window);
      const moved = await call('PATCH', `/meetings/${meeting.id}`, schedule(window));
      if (moved.status === 204 || moved.status === 200) return { url: meeting.url };
      // Deleted at Zoom behind the portal's back: a new meeting, with a new link.
      if (moved.status === 404) return create(room, window);
      throw providerRefused('zoom', moved.status, describe(moved.json));
    },
    async close(room, link) {
      const meeting = await located(room, link ?? null);
      if (meeting === null) return 'already absent';
      const deleted = await call('DELETE', `/meetings/${meeting.id}`);
      if (deleted.status === 204 || deleted.status === 200) return 'deleted';
      if (deleted.status === 404) return 'already absent';
      throw providerRefused('zoom', deleted.status, describe(deleted.json));
    },
  };
}
