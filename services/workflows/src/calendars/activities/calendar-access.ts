import { calendarClient, CalendarProblem, type CalendarClient } from '@portal/calendar/caldav';
import { openCalendarPassword } from '@portal/calendar/credentials';
import { readByIds, type Database } from '@portal/db';
import type { CalendarConnectionDocument, CalendarProblemRecord } from '@portal/db/calendar-documents';

export interface CalendarDeps {
  /** AES-256-GCM key for the sealed app passwords (CALENDAR_SECRET_KEY). */
  key: Buffer;
  /** Deadline of each CalDAV request made by sync and event writes. */
  timeoutMs: number;
  /** Deadline of the one re-check a claim makes; past it the claim goes ahead on the cached busy times. */
  claimCheckMs: number;
  /** How far ahead busy times are read: at least the booking horizon. */
  syncDays: number;
}

/** A client for one interviewer's connection; a password that no longer opens (key changed, or the server address changed under it) is a SECRET problem. */
export function clientFor(connection: CalendarConnectionDocument, deps: CalendarDeps, timeoutMs = deps.timeoutMs): CalendarClient {
  let password: string;
  try {
    password = openCalendarPassword(deps.key, connection.secret, { interviewerId: connection._id, serverUrl: connection.serverUrl }).password;
  } catch {
    throw new SecretProblem();
  }
  return calendarClient({ serverUrl: connection.serverUrl, username: connection.username, password, timeoutMs });
}

export class SecretProblem extends Error {
  readonly code = 'SECRET';
  constructor() {
    super('The stored app password cannot be opened with this CALENDAR_SECRET_KEY for this server; connect the calendar again.');
    this.name = 'SecretProblem';
  }
}

export function problemRecord(error: unknown): CalendarProblemRecord {
  if (error instanceof CalendarProblem || error instanceof SecretProblem) return { code: error.code, message: error.message };
  return { code: 'BAD_RESPONSE', message: error instanceof Error ? error.message.slice(0, 300) : String(error) };
}

/** Where the interview's event lives in a calendar: one resource per UID, so every write is idempotent. */
export function eventUrl(calendarUrl: string, uid: string): string {
  return `${calendarUrl.endsWith('/') ? calendarUrl : `${calendarUrl}/`}${encodeURIComponent(uid)}.ics`;
}

/** The pool's calendar connections by interviewer (one per interviewer at most). */
export async function readCalendarConnections(
  db: Pick<Database, 'calendarConnections'>,
  interviewerIds: readonly string[],
): Promise<Map<string, CalendarConnectionDocument>> {
  const found = await readByIds<CalendarConnectionDocument>(db.calendarConnections, interviewerIds);
  return new Map(found.map((doc) => [doc._id, doc]));
}
