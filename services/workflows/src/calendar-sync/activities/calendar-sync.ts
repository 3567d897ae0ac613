import { log } from '@temporalio/activity';
import { providerProblem, rateLimitWaitMs } from '@portal/calendar/provider';
import type { Database } from '@portal/db';
import { packBusy } from '@portal/db/calendar-busy';
import { keyedTurns } from '@portal/shared/keyed-turns';
import { readSourceOf, type CalendarBusyDocument, type CalendarChannelDocument, type CalendarConnectionDocument } from '@portal/db/calendar-documents';
import { forgetRefusedClient, providerFor, readOrganisationAccess, type CalendarDeps, type OrganisationAccess } from '../../calendars/activities/calendar-access';
import { panelNotices, type CalendarPanelNotice } from './panel-watch';
import { createPushChannels } from './push-channels';

const DAY_MS = 24 * 3_600_000;
/** Calendars read side by side in one sync. */
const PARALLEL = 4;
/** A refusal that waits for someone to act (a revoked grant, a wrong password) is asked again at most once a minute, not at every push. */
const REFUSED_WAIT_MS = 60_000;

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
 * with the connected calendars, through the provider interface (CalDAV, Google): an unchanged
 * calendar costs one request (a ctag, an empty incremental read) unless the window has slid a day
 * past what was read; a changed one is read whole for the window. A calendar that fails keeps its
 * last busy times, with `failingSince` and the problem for HR; one that was asked to slow down is
 * left alone until its wait is over (rateLimitWaitMs, @portal/calendar/provider). Providers that push changes get their
 * channel kept open here (push-channels.ts).
 */
export function createCalendarSync(deps: { db: Database; calendar: CalendarDeps }) {
  const { db, calendar } = deps;
  const channels = createPushChannels(deps);
  // One sync of this worker at a time asks an interviewer's calendar: a sync a push started and the
  // scheduled one overlap, and the second must know what the first was answered before it asks.
  const turns = keyedTurns();

  type SyncContext = { access: OrganisationAccess; channels: CalendarChannelDocument[]; now: Date };

  /**
   * The calendar's state is read in the sync's turn for the interviewer, not taken from the sync's
   * first look: a run that overlapped this one (a push's beside the schedule's, an attempt tried
   * again while the first still ran) may have been told to slow down since, and its count of
   * refusals is what the next wait doubles. No request goes out before Retry-After.
   */
  function syncOne(connection: CalendarConnectionDocument, person: { email: string; zone: string }, context: SyncContext) {
    return turns(connection._id, async () => syncRead(connection, (await db.calendarBusy.findById(connection._id).lean()) ?? undefined, person, context));
  }

  async function syncRead(
    connection: CalendarConnectionDocument,
    existing: CalendarBusyDocument | undefined,
    person: { email: string; zone: string },
    context: SyncContext,
  ): Promise<{ result: Counted; notices: CalendarPanelNotice[] }> {
    const { access, now } = context;
    const window = { from: new Date(now.getTime() - DAY_MS), to: new Date(now.getTime() + calendar.syncDays * DAY_MS), zone: person.zone };
    const source = readSourceOf(connection);
    const same = existing !== undefined && existing.readCalendarUrl === source && existing.connectionUpdatedAt.getTime() === connection.updatedAt.getTime();
    if (same && (existing.retryAt?.getTime() ?? 0) > Date.now()) return { result: 'failing', notices: [] };
    const base = { readCalendarUrl: source, connectionUpdatedAt: connection.updatedAt, lastAttemptAt: now };
    try {
      const provider = providerFor(connection, person, access, calendar);
      const covered = same && existing.coveredUntil !== null && existing.coveredUntil.getTime() >= window.to.getTime() - DAY_MS;
      const read = await provider.read(window, same && covered && existing.problem === null ? (existing.marker ?? null) : null);
      await channels.keep(connection, provider, context.channels, access, now);
      if (!read.changed) {
        await db.calendarBusy.updateOne({ _id: connection._id }, { $set: { lastSyncedAt: now, lastAttemptAt: now, marker: read.marker, retryAt: null, rateLimitedTimes: 0 } });
        return { result: 'unchanged', notices: [] };
      }
      const doc: CalendarBusyDocument = {
        _id: connection._id, ...base, busy: packBusy(read.busy), busyCount: read.busy.length, coveredFrom: window.from, coveredUntil: window.to,
        ctag: null, writeCtag: null, marker: read.marker, retryAt: null, rateLimitedTimes: 0, lastSyncedAt: now, failingSince: null, problem: null, warnings: read.warnings.slice(0, 20),
      };
      await db.calendarBusy.replaceOne({ _id: connection._id }, doc, { upsert: true });
      return { result: 'read', notices: await panelNotices(db, connection._id, read, now) };
    } catch (error) {
      const { code, message, retryable, retryAfterMs } = providerProblem(error);
      if (code === 'AUTH') forgetRefusedClient(connection, access, calendar);
      const rateLimitedTimes = code === 'RATE_LIMITED' ? (same ? (existing.rateLimitedTimes ?? 0) : 0) + 1 : 0;
      const waitMs = code === 'RATE_LIMITED' ? rateLimitWaitMs(rateLimitedTimes, retryAfterMs) : retryable ? 0 : REFUSED_WAIT_MS;
      // Counted from the answer, not from the start of the sync: no request goes out sooner than asked.
      const retryAt = waitMs > 0 ? new Date(Date.now() + waitMs) : null;
      log.warn('calendar sync failed', { interviewerId: connection._id, code, message, retryAt: retryAt?.toISOString() });
      const doc: CalendarBusyDocument = {
        _id: connection._id, ...base,
        // The last known busy times stay (a calendar that cannot be reached still blocks what it held).
        busy: same ? existing.busy : '', busyCount: same ? existing.busyCount : 0, coveredFrom: same ? existing.coveredFrom : null, coveredUntil: same ? existing.coveredUntil : null,
        ctag: null, writeCtag: null, marker: same ? (existing.marker ?? null) : null, retryAt, rateLimitedTimes, lastSyncedAt: same ? existing.lastSyncedAt : null,
        failingSince: (same ? existing.failingSince : null) ?? now, problem: { code, message }, warnings: same ? existing.warnings : [],
      };
      await db.calendarBusy.replaceOne({ _id: connection._id }, doc, { upsert: true });
      return { result: 'failing', notices: [] };
    }
  }

  async function syncCalendars(): Promise<SyncSummary> {
    // Each collection holds a document or two per interviewer (they grow with the team, not with interviews).
    const [connections, busyDocs, interviewers, open, access] = await Promise.all([
      db.calendarConnections.find({}).lean(),
      db.calendarBusy.find({}, { _id: 1 }).lean(),
      db.interviewers.find({}, { timezone: 1, email: 1 }).lean(),
      db.calendarChannels.find({}).lean(),
      readOrganisationAccess(db, calendar.key),
    ]);
    const people = new Map(interviewers.map((doc) => [doc._id, { zone: doc.timezone, email: doc.email }]));
    const byId = new Map(connections.map((c) => [c._id, c]));
    for (const doc of busyDocs) if (!byId.has(doc._id)) await db.calendarBusy.deleteOne({ _id: doc._id });
    await channels.closeOrphans(open, byId, access);
    const summary: Required<SyncSummary> = { read: 0, unchanged: 0, failing: 0, notices: [] };
    const now = new Date();
    for (let i = 0; i < connections.length; i += PARALLEL) {
      const batch = connections.slice(i, i + PARALLEL);
      const results = await Promise.all(
        batch.map((c) => syncOne(c, people.get(c._id) ?? { zone: 'UTC', email: '' }, { access, channels: open.filter((ch) => ch.interviewerId === c._id), now })),
      );
      for (const { result, notices } of results) {
        summary[result] += 1;
        summary.notices.push(...notices);
      }
    }
    return summary;
  }

  return { syncCalendars };
}
