/** Interviewers' calendars: one small document per interviewer in each collection, keyed by the interviewer id. */

export type CalendarProblemCode = 'AUTH' | 'NOT_FOUND' | 'UNREACHABLE' | 'TIMEOUT' | 'BAD_RESPONSE' | 'CONFLICT' | 'SECRET' | 'OTHER_ORIGIN';
export const CALENDAR_PROBLEM_CODES = ['AUTH', 'NOT_FOUND', 'UNREACHABLE', 'TIMEOUT', 'BAD_RESPONSE', 'CONFLICT', 'SECRET', 'OTHER_ORIGIN'] as const;

export interface CalendarProblemRecord {
  code: CalendarProblemCode;
  message: string;
}

/** What HR connected (written by booking only). The app password is sealed (AES-256-GCM), never stored as typed. */
export interface CalendarConnectionDocument {
  _id: string;
  serverUrl: string;
  username: string;
  secret: { iv: string; tag: string; data: string };
  /** The calendar whose busy times count, and the one booked interviews are written to. */
  readCalendarUrl: string;
  writeCalendarUrl: string;
  connectedBy: string;
  updatedAt: Date;
}

/**
 * The calendar's busy times as last read, and how reading goes (written by the sync activity only).
 * Slot listing reads this one document per interviewer; a calendar that cannot be reached keeps
 * its last busy times here while `failingSince` says since when.
 */
export interface CalendarBusyDocument {
  _id: string;
  /** The connection these times came from: a changed connection is read afresh. */
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
