import { openCalendarPassword, sealCalendarPassword } from '@portal/calendar/credentials';
import type { Database } from '@portal/db';

/**
 * Seals again, bound to their server's origin, the calendar passwords stored before origins were
 * bound (ADR 0014), so a server address changed in the database no longer opens any of them.
 * Booking is the only writer of connections; each update is conditional on the old seal, so a
 * connection HR changed meanwhile stays as HR wrote it. One small document per interviewer, read
 * once at start. Answers how many were sealed again.
 */
export async function bindCalendarPasswords(db: Pick<Database, 'calendarConnections'>, key: Buffer): Promise<number> {
  let bound = 0;
  for (const connection of await db.calendarConnections.find({}).lean()) {
    if (connection.provider === 'google' || connection.provider === 'microsoft') continue; // no password: the organisation's connection
    const owner = { interviewerId: connection._id, serverUrl: connection.serverUrl };
    let opened: ReturnType<typeof openCalendarPassword>;
    try {
      opened = openCalendarPassword(key, connection.secret, owner);
    } catch {
      continue; // Sealed under another key: the status already asks HR to connect again.
    }
    if (!opened.legacy) continue;
    const result = await db.calendarConnections.updateOne(
      { _id: connection._id, 'secret.data': connection.secret.data },
      { $set: { secret: sealCalendarPassword(key, opened.password, owner) } },
    );
    bound += result.modifiedCount;
  }
  return bound;
}
