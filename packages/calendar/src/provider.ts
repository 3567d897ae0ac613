import type { BusyInterval } from './busy-from-ical';

/**
 * One interface for every kind of calendar the portal reads (busy in) and writes (events out):
 * CalDAV, Google, Microsoft 365. The sync, the claim's last look and the panel's self-repair
 * speak to this and never ask which provider answered (docs/adr/0058).
 */
export type CalendarProviderName = 'caldav' | 'google' | 'microsoft';

export interface CalendarWindow {
  from: Date;
  to: Date;
  /** IANA zone for all-day dates and floating times: the interviewer's own. */
  zone: string;
}

/** What one read of a calendar found. */
export type CalendarRead =
  | {
      /** Nothing changed since the marker given: what was kept still holds. */
      changed: false;
      /** The marker to give next time (a provider may hand out a new one for the same state). */
      marker: string | null;
    }
  | {
      changed: true;
      /** Give it back as `since` next time: a CalDAV ctag, a Google sync token. Null: the provider keeps none. */
      marker: string | null;
      /** Every busy interval in the window, the portal's own events included: what slots keep clear of. */
      busy: BusyInterval[];
      /** Busy intervals of events that are not the portal's: what a booked interview can clash with. */
      othersBusy: BusyInterval[];
      /** Interviews whose event in this calendar its owner declined (by interview id). */
      declined: string[];
      /** What was read but not counted, in words HR can act on. */
      warnings: string[];
    };

/** A push channel a provider keeps for the portal (Google's events watch, Graph's subscriptions). */
export interface PushChannel {
  /** The portal's name for it, chosen when opening. */
  channelId: string;
  /** The provider's name for what is watched, needed to close it. */
  resourceId: string;
  expiresAt: Date | null;
}

/**
 * Change notifications, for providers that send them. The receiver checks `token` on every
 * message: anyone can post to the address, only the provider was told the token.
 */
export interface CalendarPush {
  open(channel: { channelId: string; address: string; token: string; ttlSeconds: number }): Promise<PushChannel>;
  /** Closes a channel; one the provider no longer has counts as closed. */
  close(channel: Pick<PushChannel, 'channelId' | 'resourceId'>): Promise<void>;
}

/** The portal's interview as written into a panel member's calendar, keyed by the .ics UID. */
export interface PortalEvent {
  uid: string;
  /** The .ics SEQUENCE, the interview's version: a write never lowers it, and an event already at a higher one is left alone. */
  sequence: number;
  start: Date;
  end: Date;
  /** IANA zone the event is shown in: the interviewer's own. */
  timeZone: string;
  summary: string;
  description?: string;
  /** The meeting link. */
  location?: string;
  /** Who the event is from: the hiring team, as the .ics ORGANIZER, so the interviewer's copy is an invitation they answer. */
  organizer: { email: string; displayName?: string };
  attendees: { email: string; displayName?: string }[];
  /** The same event as an iCalendar object without METHOD (RFC 4791 §4.1): what a provider storing iCalendar keeps as is. */
  ics: string;
}

export type PutResult = 'created' | 'updated' | 'a newer version is there';
export type DeleteResult = 'deleted' | 'already absent' | 'a newer version is there';

/**
 * Events out, idempotent by the UID: putting the same event twice leaves one, deleting an absent one
 * is done. Both leave alone an event already at a higher version than theirs, so an older write
 * retried late (a worker that died mid-write and was given up on) never undoes a newer one.
 */
export interface CalendarEventsOut {
  put(event: PortalEvent): Promise<PutResult>;
  delete(uid: string, sequence: number): Promise<DeleteResult>;
}

export interface CalendarProvider {
  readonly name: CalendarProviderName;
  /**
   * The calendar in `window`, or `changed: false` when its marker still equals `since` (one cheap
   * request: a PROPFIND, an incremental events read). `since` null reads the window whole.
   */
  read(window: CalendarWindow, since: string | null): Promise<CalendarRead>;
  /** The busy intervals of a short window, asked fresh: a claim's last look before it books. */
  busyAt(window: CalendarWindow): Promise<BusyInterval[]>;
  push?: CalendarPush;
  events?: CalendarEventsOut;
}

/** One read of a provider's events: the window whole (`full`) or what changed since a marker. */
export interface EventsRead<Event> {
  full: boolean;
  events: Event[];
  /** Where the next incremental read starts (a Google sync token, a Graph delta link). */
  nextSyncToken: string | null;
}

/** What a whole read found, in the interface's terms, before the marker is added. */
export type WholeRead = Omit<Extract<CalendarRead, { changed: true }>, 'changed' | 'marker'>;

/**
 * The incremental read that providers with change tokens share (Google's sync token, Graph's
 * delta link): with a marker, one incremental read; nothing in it answers unchanged (with the
 * marker the provider handed out, or the same one). Anything in it, a spent marker (the provider
 * read the window whole itself) or no marker at all reads the window whole, so nothing of earlier
 * reads needs keeping; `whole` turns those events into busy times, clashes and declines.
 */
export async function readSinceMarker<Event>(
  since: string | null,
  readEvents: (syncToken: string | null) => Promise<EventsRead<Event>>,
  whole: (events: Event[]) => WholeRead | Promise<WholeRead>,
): Promise<CalendarRead> {
  let all: EventsRead<Event> | null = null;
  if (since !== null) {
    const changes = await readEvents(since);
    if (!changes.full && changes.events.length === 0) return { changed: false, marker: changes.nextSyncToken ?? since };
    if (changes.full) all = changes;
  }
  all ??= await readEvents(null);
  return { changed: true, marker: all.nextSyncToken, ...(await whole(all.events)) };
}

/** Interview ids once each, in the order first named. */
export const onceEach = (ids: readonly string[]): string[] => ids.filter((id, index) => ids.indexOf(id) === index);

/** The portal's UID for an interview's event (the .ics UID), and back. */
const PORTAL_UID_SUFFIX = '@interview-portal';
export const interviewIdOfUid = (uid: string | null | undefined): string | null =>
  uid?.endsWith(PORTAL_UID_SUFFIX) ? uid.slice(0, -PORTAL_UID_SUFFIX.length) : null;

/** Why a calendar could not be used, whichever provider said so: what HR sees and the retry policy acts on. */
export type ProviderProblemCode =
  | 'AUTH'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'REFUSED'
  | 'UNREACHABLE'
  | 'TIMEOUT'
  | 'BAD_RESPONSE'
  | 'OTHER_ORIGIN'
  | 'SECRET'
  | 'NOT_SET_UP';

export const PROVIDER_PROBLEM_CODES: readonly ProviderProblemCode[] = [
  'AUTH', 'FORBIDDEN', 'RATE_LIMITED', 'NOT_FOUND', 'CONFLICT', 'REFUSED', 'UNREACHABLE', 'TIMEOUT', 'BAD_RESPONSE', 'OTHER_ORIGIN', 'SECRET', 'NOT_SET_UP',
];

const RETRYABLE: ReadonlySet<ProviderProblemCode> = new Set(['RATE_LIMITED', 'UNREACHABLE', 'TIMEOUT']);

export interface ProviderProblem {
  code: ProviderProblemCode;
  message: string;
  /** A later try may succeed (rate limits, outages); the others wait for someone to act. */
  retryable: boolean;
  /** What the provider asked for (Retry-After), when it did. */
  retryAfterMs: number | null;
}

/** A problem the portal itself finds before asking the provider (no organisation connection, a secret that does not open). */
export class ConnectionProblem extends Error {
  constructor(
    readonly code: Extract<ProviderProblemCode, 'SECRET' | 'NOT_SET_UP'>,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectionProblem';
  }
}

const isCode = (value: unknown): value is ProviderProblemCode => typeof value === 'string' && (PROVIDER_PROBLEM_CODES as readonly string[]).includes(value);

/**
 * Any provider's failure in the common terms. Every provider's problem class carries one of the
 * codes (CalDAV's CalendarProblem, GoogleCalendarProblem, …) and, for rate limits, `retryAfterMs`;
 * anything else (a bug, a driver's surprise) is BAD_RESPONSE with its message cut short.
 */
export function providerProblem(error: unknown): ProviderProblem {
  const fields = typeof error === 'object' && error !== null ? (error as { code?: unknown; retryAfterMs?: unknown; message?: unknown }) : {};
  const message = typeof fields.message === 'string' ? fields.message.slice(0, 300) : String(error).slice(0, 300);
  if (!isCode(fields.code)) return { code: 'BAD_RESPONSE', message, retryable: false, retryAfterMs: null };
  const retryAfterMs = typeof fields.retryAfterMs === 'number' && Number.isFinite(fields.retryAfterMs) ? fields.retryAfterMs : null;
  return { code: fields.code, message, retryable: RETRYABLE.has(fields.code), retryAfterMs };
}

const FIRST_RATE_LIMIT_WAIT_MS = 2_000;
const LONGEST_RATE_LIMIT_WAIT_MS = 10 * 60_000;

/**
 * How long to leave a calendar alone after it answered "slow down" (429, rateLimitExceeded) for the
 * `times`-th time in a row (from 1): what the provider asked for (Retry-After), and never less than
 * a wait that doubles with each such answer: 2 s, 4 s, 8 s … 10 min.
 */
export function rateLimitWaitMs(times: number, retryAfterMs: number | null): number {
  const doubling = Math.min(FIRST_RATE_LIMIT_WAIT_MS * 2 ** Math.max(0, times - 1), LONGEST_RATE_LIMIT_WAIT_MS);
  return Math.max(retryAfterMs ?? 0, doubling);
}
