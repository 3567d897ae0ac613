/** Interviewers' calendars: one small document per interviewer in each collection, keyed by the interviewer id. */

export const CALENDAR_PROBLEM_CODES = [
  'AUTH', 'NOT_FOUND', 'UNREACHABLE', 'TIMEOUT', 'BAD_RESPONSE', 'CONFLICT', 'SECRET', 'OTHER_ORIGIN',
  // Google and Microsoft 365 (docs/adr/0055, 0058): asked to slow down, not allowed that calendar, another refusal, no organisation connection.
  'RATE_LIMITED', 'FORBIDDEN', 'REFUSED', 'NOT_SET_UP',
] as const;
export type CalendarProblemCode = (typeof CALENDAR_PROBLEM_CODES)[number];

/** Which kind of calendar an interviewer's connection reaches. */
export const CALENDAR_PROVIDERS = ['caldav', 'google', 'microsoft'] as const;
export type CalendarProviderName = (typeof CALENDAR_PROVIDERS)[number];

export interface CalendarProblemRecord {
  code: CalendarProblemCode;
  message: string;
}

interface ConnectionBase {
  _id: string;
  connectedBy: string;
  updatedAt: Date;
}

/** A CalDAV account HR connected (written by booking only). The app password is sealed (AES-256-GCM), never stored as typed. */
export interface CalDavConnectionDocument extends ConnectionBase {
  /** Absent on connections made before there was more than one provider. */
  provider?: 'caldav';
  serverUrl: string;
  username: string;
  secret: { iv: string; tag: string; data: string };
  /** The calendar whose busy times count, and the one booked interviews are written to. */
  readCalendarUrl: string;
  writeCalendarUrl: string;
}

/**
 * How a Google or Microsoft calendar is reached: through the organisation's connection
 * (`organisation`), or the interviewer's own OAuth grant (`own`, docs/adr/0061), whose refresh
 * token is sealed in `secret` (CALENDAR_SECRET_KEY, bound to interviewer, provider and address).
 * The organisation's connection wins when there is one; an own grant is used only without it.
 */
export type CalendarGrantKind = 'organisation' | 'own';

/**
 * An interviewer's Google calendar (written by booking only), reached through the organisation's
 * service account acting as the interviewer (`organisation`, docs/adr/0058) or their own grant.
 */
export interface GoogleConnectionDocument extends ConnectionBase {
  provider: 'google';
  grant: CalendarGrantKind;
  /** The interviewer's Google address: their primary calendar, and who the service account acts as. */
  calendarId: string;
  /** `own` only: the refresh token, sealed. */
  secret?: { iv: string; tag: string; data: string };
}

/**
 * An interviewer's Microsoft 365 calendar (written by booking only), reached through the
 * organisation's app registration with app-only access (`organisation`, docs/adr/0060) or their own grant.
 */
export interface MicrosoftConnectionDocument extends ConnectionBase {
  provider: 'microsoft';
  grant: CalendarGrantKind;
  /** The interviewer's mailbox address: whose calendar Graph is asked about. */
  calendarId: string;
  /** `own` only: the refresh token, sealed. */
  secret?: { iv: string; tag: string; data: string };
}

/** An interviewer's calendar connection, one per interviewer at most (keyed by the interviewer id); none: provider "none". */
export type CalendarConnectionDocument = CalDavConnectionDocument | GoogleConnectionDocument | MicrosoftConnectionDocument;

export const providerOf = (connection: CalendarConnectionDocument): CalendarProviderName => connection.provider ?? 'caldav';

/** What a connection reads busy times from, as `calendar_busy.readCalendarUrl` records it: a changed one is read afresh. */
export const readSourceOf = (connection: CalendarConnectionDocument): string =>
  connection.provider === 'google' || connection.provider === 'microsoft' ? `${connection.provider}:${connection.calendarId}` : connection.readCalendarUrl;

/**
 * The calendar's busy times as last read, and how reading goes (written by the sync activity only).
 * Slot listing reads this one document per interviewer; a calendar that cannot be reached keeps
 * its last busy times here while `failingSince` says since when.
 */
export interface CalendarBusyDocument {
  _id: string;
  /** The calendar these times came from (readSourceOf: a CalDAV URL, `google:<address>`): a changed connection is read afresh. */
  readCalendarUrl: string;
  connectionUpdatedAt: Date;
  /**
   * Busy intervals packed as `<start>-<end>` epoch ms in base 36, comma-separated (see
   * calendar-busy.ts): FerretDB decodes one string ≈ 10x faster than an array of date pairs, and
   * slot listing reads these for the whole pool on every call.
   */
  busy: string;
  busyCount: number;
  /** Busy times cover [coveredFrom, coveredUntil); past that they are read again even if nothing changed. */
  coveredFrom: Date | null;
  coveredUntil: Date | null;
  ctag: string | null;
  /**
   * The ctag of the calendar the portal writes interviews into, when it is another than the read
   * one: read again only when it changed, for the members' PARTSTAT (docs/adr/0032). Absent before.
   */
  writeCtag?: string | null;
  /**
   * The provider's change marker as the provider interface hands it out (`@portal/calendar/provider`:
   * both ctags for CalDAV, the events sync token for Google). Absent before that interface.
   */
  marker?: string | null;
  /** Asked to slow down (429, Retry-After): no request to this calendar before then. */
  retryAt?: Date | null;
  /** Rate-limit answers in a row: the backoff doubles with each. */
  rateLimitedTimes?: number;
  lastSyncedAt: Date | null;
  lastAttemptAt: Date;
  failingSince: Date | null;
  problem: CalendarProblemRecord | null;
  warnings: string[];
}

/** How writing booked interviews into the calendar goes (written by the event activities only). */
export interface CalendarWriteStatusDocument {
  _id: string;
  lastWrittenAt: Date | null;
  failingSince: Date | null;
  problem: CalendarProblemRecord | null;
  /** The interview whose event last failed, for HR to look at. */
  interviewId: string | null;
}

/**
 * An organisation-wide connection, set once by an admin (HR console or environment), one per
 * provider (`_id`): Google's service account with domain-wide delegation, which reaches each
 * interviewer's calendar by their email. Written by booking only; the secret (the service
 * account's private key) is sealed with CALENDAR_SECRET_KEY, bound to the provider and account.
 */
export interface OrganisationCalendarDocument {
  _id: CalendarProviderName;
  /** The account the secret belongs to: the service account's email, or the Microsoft app registration's client id. */
  account: string;
  /** Microsoft only: the Entra ID tenant the app registration is in. */
  tenantId?: string;
  secret: { iv: string; tag: string; data: string };
  /** `env`: GOOGLE_SERVICE_ACCOUNT_KEY or the MICROSOFT_* app registration, written at every start of booking; `console`: an admin's. */
  source: 'env' | 'console';
  connectedBy: string;
  updatedAt: Date;
}

/**
 * A push channel open at a provider for one interviewer's calendar (Google's events watch), keyed
 * by the channel id the portal chose. Opened, renewed before it expires and closed by the sync
 * (the workflows service), its only writer; the booking service's receiver reads it to know whose
 * calendar a message is about. The token the messages carry is derived, never stored.
 */
export interface CalendarChannelDocument {
  _id: string;
  interviewerId: string;
  provider: CalendarProviderName;
  /** The calendar watched (a Google calendar id: the interviewer's address), to close the channel as its owner. */
  calendarId: string;
  /** The provider's name for what is watched, needed to close the channel. */
  resourceId: string;
  expiresAt: Date | null;
  /** The connection it was opened under (its `updatedAt`): a changed connection opens a new channel. */
  connectionUpdatedAt: Date;
  openedAt: Date;
}

/**
 * One started per-interviewer OAuth sign-in (docs/adr/0061), keyed by the SHA-256 of its `state`
 * (the state itself is only in the browser's round trip). The PKCE verifier is sealed; the
 * document is read once, by the callback, and counts only before `expiresAt` and while no
 * `CalendarGrantUseDocument` carries its key. Written by booking only.
 */
export interface CalendarGrantStartDocument {
  _id: string;
  interviewerId: string;
  provider: 'google' | 'microsoft';
  verifier: { iv: string; tag: string; data: string };
  /** Who started it: an HR user's address (from the interviewer's page), or `interviewer` (their own link). */
  startedBy: string;
  /** The language of the page the callback ends on, when the interviewer started it from their link (the interview's). */
  locale?: string;
  createdAt: Date;
  expiresAt: Date;
}

/** A sign-in's state spent: the insert under the state's key is the one atomic claim that makes a state single use. */
export interface CalendarGrantUseDocument {
  _id: string;
  usedAt: Date;
}
