/**
 * Where an interview is held. Each kind names a provider (HR's kind settings); the invitation fixes
 * it, with the room's name, on the lifecycle's input (docs/adr/0028). Jitsi needs no call: its link
 * is the room's name on JITSI_BASE_URL. An API provider (Daily, Zoom, Google Meet, Microsoft
 * Teams) gets a room created by an activity at booking, moved on reschedule and deleted on cancel;
 * its link is known once the room exists (docs/adr/0028, 0074, 0075).
 */
export const MEETING_PROVIDERS = ['jitsi', 'daily', 'zoom', 'meet', 'teams'] as const;
export type MeetingProvider = (typeof MEETING_PROVIDERS)[number];
export const DEFAULT_MEETING_PROVIDER: MeetingProvider = 'jitsi';

/** Providers whose rooms are created by calling their API; their link is unknown until then. */
export const API_MEETING_PROVIDERS: readonly MeetingProvider[] = ['daily', 'zoom', 'meet', 'teams'];

/** The key the dev stack gives the workflows worker for the local Daily stand-in; refused in production. */
export const DEV_DAILY_API_KEY = 'dev-daily-api-key';

/** The Server-to-Server OAuth app the dev stack gives the workflows worker for the local Zoom stand-in; its secret is refused in production. */
export const DEV_ZOOM_APP = { accountId: 'dev-zoom-account', clientId: 'dev-zoom-client', clientSecret: 'dev-zoom-client-secret' } as const;

/** The interview's room as the invitation fixed it: the provider, the room's name, and its link when known. */
export interface MeetingRoomPlan {
  provider: MeetingProvider;
  room: string;
  /** Known at once for Jitsi; null for an API provider until its room exists. */
  url: string | null;
}

/** Letters and digits only: valid in every provider's room names and in a URL path, 96 random bits. */
export const ROOM_NAME_PATTERN = /^interview-[0-9a-f]{24}$/;

/** `randomHex`: 24 hex digits from a cryptographic source (the caller's; this package does no I/O). */
export function meetingRoomPlan(provider: MeetingProvider, randomHex: string, jitsiBaseUrl: string): MeetingRoomPlan {
  const room = `interview-${randomHex}`;
  if (!ROOM_NAME_PATTERN.test(room)) throw new Error('a room name needs 24 random hex digits');
  const url = provider === 'jitsi' ? `${jitsiBaseUrl.replace(/\/+$/, '')}/${room}` : null;
  return { provider, room, url };
}

/**
 * When an API provider's room admits people (Daily's `nbf`/`exp`, seconds since the epoch): from
 * `openBeforeMs` before the start, which covers the page's join window, until `closeAfterMs`
 * after the end, so an interview that runs over is not cut off.
 */
export function roomWindow(slot: { start: string; end: string }, openBeforeMs: number, closeAfterMs: number): { nbf: number; exp: number } {
  return {
    nbf: Math.floor((Date.parse(slot.start) - openBeforeMs) / 1000),
    exp: Math.ceil((Date.parse(slot.end) + closeAfterMs) / 1000),
  };
}
