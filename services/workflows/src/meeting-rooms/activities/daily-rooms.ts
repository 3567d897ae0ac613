import { providerRefused, type MeetingRoomApi, type RoomWindow } from './room-provider';

export interface DailySettings {
  /** `https://api.daily.co/v1`, or the local stand-in in development and tests. */
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
}

interface DailyRoom {
  name: string;
  url: string;
}

interface DailyError {
  error?: string;
  info?: string;
}

/**
 * Daily's REST API (https://docs.daily.co/reference/rest-api): POST /rooms, POST /rooms/:name,
 * DELETE /rooms/:name, Bearer key. A 5xx, a 429 or no answer is transient (the activity retries);
 * any other 4xx is a refusal a retry cannot change.
 */
export function dailyRooms(settings: DailySettings): MeetingRoomApi {
  const base = settings.baseUrl.replace(/\/+$/, '');
  const describe = (json: unknown) => {
    const error = (json ?? {}) as DailyError;
    return [error.error, error.info].filter(Boolean).join(': ') || 'no detail';
  };

  async function call(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${settings.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = { info: text.slice(0, 200) };
    }
    if (response.status >= 500 || response.status === 429) {
      throw new Error(`Daily answered ${response.status} to ${method} ${path}: ${describe(json)}`);
    }
    return { status: response.status, json };
  }

  const roomOf = (json: unknown): { url: string } => {
    const room = json as Partial<DailyRoom> | null;
    if (typeof room?.url !== 'string') throw new Error('Daily answered a room without a url');
    return { url: room.url };
  };
  const properties = (window: RoomWindow) => ({ nbf: window.nbf, exp: window.exp });

  async function create(room: string, window: RoomWindow): Promise<{ url: string }> {
    const created = await call('POST', '/rooms', { name: room, privacy: 'public', properties: properties(window) });
    if (created.status === 200) return roomOf(created.json);
    // An earlier attempt created it and its answer was lost: the room is ours (names are random).
    if (created.status === 400 && /already exists/i.test(describe(created.json))) {
      const existing = await call('GET', `/rooms/${encodeURIComponent(room)}`);
      if (existing.status === 200) return roomOf(existing.json);
    }
    throw providerRefused('daily', created.status, describe(created.json));
  }

  return {
    open: create,
    async move(room, window) {
      const updated = await call('POST', `/rooms/${encodeURIComponent(room)}`, { properties: properties(window) });
      if (updated.status === 200) return roomOf(updated.json);
      if (updated.status === 404) return create(room, window);
      throw providerRefused('daily', updated.status, describe(updated.json));
    },
    async close(room) {
      const deleted = await call('DELETE', `/rooms/${encodeURIComponent(room)}`);
      if (deleted.status === 200) return 'deleted';
      if (deleted.status === 404) return 'already absent';
      throw providerRefused('daily', deleted.status, describe(deleted.json));
    },
  };
}
