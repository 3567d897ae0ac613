import { Context } from '@temporalio/activity';
import { providerProblem } from '@portal/calendar/provider';
import type { Database } from '@portal/db';
import { interviewCalendarUid } from '@portal/shared/ics';
import { DEFAULT_LOCALE, isLocale } from '@portal/shared/i18n/locales';
import type { CalendarEventRequest, CalendarEventResult } from '../activities-api';
import { forgetRefusedClient, NO_ORGANISATION_ACCESS, problemRecord, providerFor, readOrganisationAccess, type CalendarDeps } from './calendar-access';
import { portalEvent } from './portal-event';
import { writeFailure } from './write-failure';

/**
 * Puts, updates or deletes the interview's event in one panel member's connected calendar,
 * whichever provider it is, through the provider interface: keyed by the interview's UID, so a
 * retry (or a second worker after one died mid-write) repeats nothing and leaves one event; a
 * delete that finds none is done. An event already at a higher version is left alone: an older
 * write retried late never undoes a newer one. Each outcome is recorded for HR (the interviewer's
 * "writing" status), and a failure leaves with the retry decision of write-failure.ts.
 */
export function createCalendarEvents(deps: { db: Database; calendar: CalendarDeps }) {
  const { db, calendar } = deps;

  async function recordWrite(interviewerId: string, interviewId: string, error?: unknown): Promise<void> {
    if (error === undefined) {
      await db.calendarWriteStatus.replaceOne(
        { _id: interviewerId },
        { _id: interviewerId, lastWrittenAt: new Date(), failingSince: null, problem: null, interviewId: null },
        { upsert: true },
      );
      return;
    }
    const previous = await db.calendarWriteStatus.findById(interviewerId).lean();
    await db.calendarWriteStatus.replaceOne(
      { _id: interviewerId },
      { _id: interviewerId, lastWrittenAt: previous?.lastWrittenAt ?? null, failingSince: previous?.failingSince ?? new Date(), problem: problemRecord(error), interviewId },
      { upsert: true },
    );
  }

  async function writeCalendarEvent(request: CalendarEventRequest): Promise<CalendarEventResult> {
    const connection = await db.calendarConnections.findById(request.interviewerId).lean();
    if (connection === null) return 'no calendar connected';
    const access = connection.provider === 'google' || connection.provider === 'microsoft' ? await readOrganisationAccess(db, calendar.key) : NO_ORGANISATION_ACCESS;
    try {
      const provider = providerFor(connection, { email: request.facts.recipient?.email ?? '' }, access, calendar);
      if (provider.events === undefined) return 'not written to this provider yet';
      let result: CalendarEventResult;
      if (request.action === 'delete') {
        result = await provider.events.delete(interviewCalendarUid(request.interviewId), request.sequence);
      } else {
        const interview = await db.interviews.findById(request.interviewId, { locale: 1, kind: 1, kindTitles: 1, kit: 1 }).lean();
        const locale = isLocale(interview?.locale) ? interview.locale : DEFAULT_LOCALE;
        result = await provider.events.put(portalEvent(request.facts, request.sequence, locale, { kind: interview?.kind, kindTitles: interview?.kindTitles, kit: interview?.kit }));
      }
      await recordWrite(request.interviewerId, request.interviewId);
      return result;
    } catch (error) {
      // A client Google refused keeps no access token that may be the revoked one.
      if (providerProblem(error).code === 'AUTH') forgetRefusedClient(connection, access, calendar);
      await recordWrite(request.interviewerId, request.interviewId, error);
      throw writeFailure(error, Context.current().info.attempt);
    }
  }

  return { writeCalendarEvent };
}
