import { log } from '@temporalio/activity';
import { busyFromCalendarObjects } from '@portal/calendar/busy';
import type { Database } from '@portal/db';
import { packBusy } from '@portal/db/calendar-busy';
import type { CalendarBusyDocument, CalendarConnectionDocument } from '@portal/db/calendar-documents';
import { clientFor, problemRecord, type CalendarDeps } from '../../calendars/activities/calendar-access';
import { bookingsAhead, declinedInCalendar, isPortalEvent, overlappedBookings, type CalendarPanelNotice } from './panel-watch';

const DAY_MS = 24 * 3_600_000;
/** Calendars read side by side in one sync. */
const PARALLEL = 4;

export interface SyncSummary {
  read: number;
  unchanged: number;
  failing: number;
  /** Declines and events over booked interviews found by this sync, for the lifecycles (docs/adr/0032). */
  notices?: CalendarPanelNotice[];
}

type Counted = Exclude<keyof SyncSummary, 'notices'>;

/**
 * Keeps `calendar_busy` (one document per interviewer, this activity its only writer) in step
 * with the connected calendars. An unchanged calendar costs one PROPFIND (its ctag), unless the
 * window has slid a day past what was read; a changed one is read again whole for the window
 * (a calendar-query REPORT with a time range; recurrences expanded here, see busy-from-ical.ts).
 * A calendar that fails keeps its last busy times, with `failingSince` and the problem for HR.
 */
export function createCalendarSync(deps: { db: Database; calendar: CalendarDeps }) {
  const { db, calendar } = deps;

  /**
   * What changed calendars say about the interviewer's booked interviews ahead: an event of their
   * own over one, or PARTSTAT=DECLINED on the portal's event. Read only from calendars read again
   * anyway (their ctag moved), so an unchanged calendar costs nothing more.
   */
  async function panelNotices(
    connection: CalendarConnectionDocument,
    person: { email: string; zone: string },
    own: { objects: string[]; from: Date; to: Date } | null,
    written: string[] | null,
    now: Date,
  ): Promise<CalendarPanelNotice[]> {
    const bookings = await bookingsAhead(db, connection._id, now);
    if (bookings.length === 0) return [];
    const at = now.toISOString();
    const notices: CalendarPanelNotice[] = [];
    if (own) {
      const theirs = own.objects.filter((text) => !isPortalEvent(text));
      const { busy } = busyFromCalendarObjects(theirs, { from: own.from, to: own.to, zone: person.zone });
      for (const interviewId of overlappedBookings(busy, bookings)) {
        notices.push({ interviewId, notice: { kind: 'conflict', interviewerId: connection._id, reason: 'calendar', at } });
      }
    }
    for (const interviewId of declinedInCalendar(written ?? [], person.email, bookings)) {
      notices.push({ interviewId, notice: { kind: 'answer', interviewerId: connection._id, answer: 'declined', via: 'calendar', at } });
    }
    return notices;
  }

  async function syncOne(
    connection: CalendarConnectionDocument,
    existing: CalendarBusyDocument | undefined,
    person: { email: string; zone: string },
    now: Date,
  ): Promise<{ result: Counted; notices: CalendarPanelNotice[] }> {
    const { zone } = person;
    const from = new Date(now.getTime() - DAY_MS);
    const to = new Date(now.getTime() + calendar.syncDays * DAY_MS);
    const same = existing !== undefined && existing.readCalendarUrl === connection.readCalendarUrl && existing.connectionUpdatedAt.getTime() === connection.updatedAt.getTime();
    const base = { readCalendarUrl: connection.readCalendarUrl, connectionUpdatedAt: connection.updatedAt, lastAttemptAt: now };
    try {
      const client = clientFor(connection, calendar);
      const ctag = await client.ctag(connection.readCalendarUrl);
      const separate = connection.writeCalendarUrl !== connection.readCalendarUrl;
      // The portal's own calendar, when separate: one PROPFIND; read again only when it changed.
      const writeCtag = separate ? await client.ctag(connection.writeCalendarUrl) : null;
      const writeChanged = separate && (writeCtag === null || writeCtag !== (existing?.writeCtag ?? null));
      const written = writeChanged ? await client.eventsBetween(connection.writeCalendarUrl, now, to) : null;
      const covered = same && existing.coveredUntil !== null && existing.coveredUntil.getTime() >= to.getTime() - DAY_MS;
      if (same && covered && existing.problem === null && ctag !== null && ctag === existing.ctag) {
        await db.calendarBusy.updateOne({ _id: connection._id }, { $set: { lastSyncedAt: now, lastAttemptAt: now, writeCtag } });
        return { result: 'unchanged', notices: written ? await panelNotices(connection, person, null, written, now) : [] };
      }
      const objects = await client.eventsBetween(connection.readCalendarUrl, from, to);
      const reading = busyFromCalendarObjects(objects, { from, to, zone });
      const doc: CalendarBusyDocument = {
        _id: connection._id, ...base, busy: packBusy(reading.busy), busyCount: reading.busy.length, coveredFrom: from, coveredUntil: to, ctag,
        writeCtag, lastSyncedAt: now, failingSince: null, problem: null, warnings: reading.warnings.slice(0, 20),
      };
      await db.calendarBusy.replaceOne({ _id: connection._id }, doc, { upsert: true });
      const notices = await panelNotices(connection, person, { objects, from, to }, separate ? written : objects, now);
      return { result: 'read', notices };
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
      return { result: 'failing', notices: [] };
    }
  }

  async function syncCalendars(): Promise<SyncSummary> {
    // Both collections hold one document per interviewer (they grow with the team, not with interviews).
    const [connections, busyDocs, interviewers] = await Promise.all([
      db.calendarConnections.find({}).lean(),
      db.calendarBusy.find({}).lean(),
      db.interviewers.find({}, { timezone: 1, email: 1 }).lean(),
    ]);
    const existing = new Map(busyDocs.map((doc) => [doc._id, doc]));
    const people = new Map(interviewers.map((doc) => [doc._id, { zone: doc.timezone, email: doc.email }]));
    const orphans = busyDocs.filter((doc) => !connections.some((c) => c._id === doc._id)).map((doc) => doc._id);
    for (const id of orphans) await db.calendarBusy.deleteOne({ _id: id });
    const summary: Required<SyncSummary> = { read: 0, unchanged: 0, failing: 0, notices: [] };
    const now = new Date();
    for (let i = 0; i < connections.length; i += PARALLEL) {
      const batch = connections.slice(i, i + PARALLEL);
      const results = await Promise.all(batch.map((c) => syncOne(c, existing.get(c._id), people.get(c._id) ?? { zone: 'UTC', email: '' }, now)));
      for (const { result, notices } of results) {
        summary[result] += 1;
        summary.notices.push(...notices);
      }
    }
    return summary;
  }

  return { syncCalendars };
}
