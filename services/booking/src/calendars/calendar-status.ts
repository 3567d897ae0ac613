import type { Database } from '@portal/db';
import { providerOf, type CalendarBusyDocument, type CalendarConnectionDocument } from '@portal/db/calendar-documents';

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

/** The busy document only when it was read for this connection (a status for an earlier one, before HR changed it, says nothing about this one). */
const currentBusy = <B extends Pick<CalendarBusyDocument, 'connectionUpdatedAt'>>(connection: CalendarConnectionDocument, busy: B | null | undefined): B | null =>
  busy != null && busy.connectionUpdatedAt.getTime() === connection.updatedAt.getTime() ? busy : null;

type BusyFacts = Pick<CalendarBusyDocument, 'connectionUpdatedAt' | 'lastSyncedAt' | 'failingSince' | 'problem'>;

/**
 * An interviewer's calendar in a line, as the REST API and the interviewer list carry it:
 * which provider, whether reading it works (`pending` until the first read), since when it fails
 * and why, and when its busy times were last read (their age while it fails).
 */
export function calendarSummary(connection: CalendarConnectionDocument | null, busy: BusyFacts | null | undefined) {
  if (connection === null) return { provider: 'none' as const, status: 'none' as const, lastSyncAt: null, failingSince: null, problem: null };
  const current = currentBusy(connection, busy);
  const status = current?.failingSince ? ('failing' as const) : current?.lastSyncedAt ? ('ok' as const) : ('pending' as const);
  return { provider: providerOf(connection), status, lastSyncAt: iso(current?.lastSyncedAt), failingSince: iso(current?.failingSince), problem: current?.problem ?? null };
}

export type CalendarSummary = ReturnType<typeof calendarSummary>;

/** Every interviewer's calendar summary: two reads of collections that grow with the team, not with interviews. */
export async function calendarSummaries(db: Database): Promise<Map<string, CalendarSummary>> {
  const [connections, busy] = await Promise.all([
    db.calendarConnections.find({}, { secret: 0 }).lean(),
    db.calendarBusy.find({}, { connectionUpdatedAt: 1, lastSyncedAt: 1, failingSince: 1, problem: 1 }).lean(),
  ]);
  const busyById = new Map(busy.map((doc) => [doc._id, doc]));
  return new Map(connections.map((c) => [c._id, calendarSummary(c, busyById.get(c._id))]));
}

export async function calendarSummaryOf(db: Database, interviewerId: string): Promise<CalendarSummary> {
  const [connection, busy] = await Promise.all([db.calendarConnections.findById(interviewerId, { secret: 0 }).lean(), db.calendarBusy.findById(interviewerId).lean()]);
  return calendarSummary(connection, busy);
}

/**
 * What HR sees of an interviewer's calendar: where it is, how reading and writing go. Never a
 * secret, sealed or not.
 */
export async function calendarStatus(db: Database, interviewerId: string) {
  const [connection, busy, writes] = await Promise.all([
    db.calendarConnections.findById(interviewerId, { secret: 0 }).lean(),
    db.calendarBusy.findById(interviewerId).lean(),
    db.calendarWriteStatus.findById(interviewerId).lean(),
  ]);
  if (connection === null) return { connected: false as const, provider: 'none' as const };
  const current = currentBusy(connection, busy);
  const common = {
    connected: true as const,
    connectedAt: connection.updatedAt.toISOString(),
    read: {
      lastSyncedAt: iso(current?.lastSyncedAt),
      lastAttemptAt: iso(current?.lastAttemptAt),
      failingSince: iso(current?.failingSince),
      problem: current?.problem ?? null,
      /** Asked to slow down: the next read is not before this. */
      retryAt: iso(current?.retryAt),
      warnings: current?.warnings ?? [],
      busyIntervals: current?.busyCount ?? 0,
    },
    write: {
      lastWrittenAt: iso(writes?.lastWrittenAt),
      failingSince: iso(writes?.failingSince),
      problem: writes?.problem ?? null,
      interviewId: writes?.interviewId ?? null,
    },
  };
  if (connection.provider === 'google') return { ...common, provider: 'google' as const, grant: connection.grant, calendarId: connection.calendarId };
  if (connection.provider === 'microsoft') return { ...common, provider: 'microsoft' as const, grant: connection.grant, calendarId: connection.calendarId };
  return {
    ...common,
    provider: 'caldav' as const,
    serverUrl: connection.serverUrl,
    username: connection.username,
    readCalendarUrl: connection.readCalendarUrl,
    writeCalendarUrl: connection.writeCalendarUrl,
  };
}
