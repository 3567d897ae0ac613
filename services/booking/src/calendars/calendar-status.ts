import type { Database } from '@portal/db';

/**
 * What HR sees of an interviewer's calendar: where it is, how reading and writing go. Never the
 * password, sealed or not.
 */
export async function calendarStatus(db: Database, interviewerId: string) {
  const [connection, busy, writes] = await Promise.all([
    db.calendarConnections.findById(interviewerId, { secret: 0 }).lean(),
    db.calendarBusy.findById(interviewerId).lean(),
    db.calendarWriteStatus.findById(interviewerId).lean(),
  ]);
  if (connection === null) return { connected: false as const };
  // A status for an earlier connection (before HR changed it) says nothing about this one.
  const current = busy !== null && busy.connectionUpdatedAt.getTime() === connection.updatedAt.getTime() ? busy : null;
  const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;
  return {
    connected: true as const,
    serverUrl: connection.serverUrl,
    username: connection.username,
    readCalendarUrl: connection.readCalendarUrl,
    writeCalendarUrl: connection.writeCalendarUrl,
    connectedAt: connection.updatedAt.toISOString(),
    read: {
      lastSyncedAt: iso(current?.lastSyncedAt),
      lastAttemptAt: iso(current?.lastAttemptAt),
      failingSince: iso(current?.failingSince),
      problem: current?.problem ?? null,
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
}
