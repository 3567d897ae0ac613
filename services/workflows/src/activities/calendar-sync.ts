import { log } from '@temporalio/activity';
import { busyFromCalendarObjects } from '@portal/calendar/busy';
import type { Database } from '@portal/db';
import { packBusy } from '@portal/db/calendar-busy';
import type { CalendarBusyDocument, CalendarConnectionDocument } from '@portal/db/calendar-documents';
import { clientFor, problemRecord, type CalendarDeps } from './calendar-access';

const DAY_MS = 24 * 3_600_000;
/** Calendars read side by side in one sync. */
const PARALLEL = 4;

export interface SyncSummary {
  read: number;
  unchanged: number;
  failing: number;
}

/**
 * Keeps `calendar_busy` (one document per interviewer, this activity its only writer) in step
 * with the connected calendars. An unchanged calendar costs one PROPFIND (its ctag), unless the
 * window has slid a day past what was read; a changed one is read again whole for the window
 * (a calendar-query REPORT with a time range; recurrences expanded here, see busy-from-ical.ts).
 * A calendar that fails keeps its last busy times, with `failingSince` and the problem for HR.
 */
export function createCalendarSync(deps: { db: Database; calendar: CalendarDeps }) {
  const { db, calendar } = deps;

  async function syncOne(connection: CalendarConnectionDocument, existing: CalendarBusyDocument | undefined, zone: string, now: Date): Promise<keyof SyncSummary> {
    const from = new Date(now.getTime() - DAY_MS);
    const to = new Date(now.getTime() + calendar.syncDays * DAY_MS);
    const same = existing !== undefined && existing.readCalendarUrl === connection.readCalendarUrl && existing.connectionUpdatedAt.getTime() === connection.updatedAt.getTime();
    const base = { readCalendarUrl: connection.readCalendarUrl, connectionUpdatedAt: connection.updatedAt, lastAttemptAt: now };
    try {
      const client = clientFor(connection, calendar);
      const ctag = await client.ctag(connection.readCalendarUrl);
      const covered = same && existing.coveredUntil !== null && existing.coveredUntil.getTime() >= to.getTime() - DAY_MS;
      if (same && covered && existing.problem === null && ctag !== null && ctag === existing.ctag) {
        await db.calendarBusy.updateOne({ _id: connection._id }, { $set: { lastSyncedAt: now, lastAttemptAt: now } });
        return 'unchanged';
      }
      const reading = busyFromCalendarObjects(await client.eventsBetween(connection.readCalendarUrl, from, to), { from, to, zone });
      const doc: CalendarBusyDocument = {
        _id: connection._id, ...base, busy: packBusy(reading.busy), busyCount: reading.busy.length, coveredFrom: from, coveredUntil: to, ctag,
        lastSyncedAt: now, failingSince: null, problem: null, warnings: reading.warnings.slice(0, 20),
      };
      await db.calendarBusy.replaceOne({ _id: connection._id }, doc, { upsert: true });
      return 'read';
    } catch (error) {
      const problem = problemRecord(error);
      log.warn('calendar sync failed', { interviewerId: connection._id, code: problem.code, message: problem.message });
      const doc: CalendarBusyDocument = {
        _id: connection._id, ...base,
        // The last known busy times stay (a calendar that cannot be reached still blocks what it held).
        busy: same ? existing.busy : '', busyCount: same ? existing.busyCount : 0, coveredFrom: same ? existing.coveredFrom : null, coveredUntil: same ? existing.coveredUntil : null,
        ctag: same ? existing.ctag : null, lastSyncedAt: same ? existing.lastSyncedAt : null,
        failingSince: (same ? existing.failingSince : null) ?? now, problem, warnings: same ? existing.warnings : [],
      };
      await db.calendarBusy.replaceOne({ _id: connection._id }, doc, { upsert: true });
      return 'failing';
    }
  }

  async function syncCalendars(): Promise<SyncSummary> {
    // Both collections hold one document per interviewer (they grow with the team, not with interviews).
    const [connections, busyDocs, interviewers] = await Promise.all([
      db.calendarConnections.find({}).lean(),
      db.calendarBusy.find({}).lean(),
      db.interviewers.find({}, { timezone: 1 }).lean(),
    ]);
    const existing = new Map(busyDocs.map((doc) => [doc._id, doc]));
    const zones = new Map(interviewers.map((doc) => [doc._id, doc.timezone]));
    const orphans = busyDocs.filter((doc) => !connections.some((c) => c._id === doc._id)).map((doc) => doc._id);
    for (const id of orphans) await db.calendarBusy.deleteOne({ _id: id });
    const summary: SyncSummary = { read: 0, unchanged: 0, failing: 0 };
    const now = new Date();
    for (let i = 0; i < connections.length; i += PARALLEL) {
      const batch = connections.slice(i, i + PARALLEL);
      const results = await Promise.all(batch.map((c) => syncOne(c, existing.get(c._id), zones.get(c._id) ?? 'UTC', now)));
      for (const result of results) summary[result] += 1;
    }
    return summary;
  }

  return { syncCalendars };
}
