import type { Database } from '@portal/db';
import type { InterviewEmailFacts } from '@portal/shared/email';
import { buildInterviewIcs, interviewCalendarUid } from '@portal/shared/ics';
import { DEFAULT_LOCALE, isLocale, type Locale } from '@portal/shared/i18n/locales';
import type { InterviewKind } from '@portal/shared/interview-kinds';
import type { CalendarEventRequest, CalendarEventResult } from '../activities-api';
import { clientFor, eventUrl, problemRecord, type CalendarDeps } from './calendar-access';

/** The SEQUENCE of a stored event; a resource without one counts as the first version. */
function sequenceOf(text: string): number {
  const match = /^SEQUENCE:(\d+)\r?$/m.exec(text);
  return match ? Number(match[1]) : 0;
}

/**
 * A calendar object resource carries no METHOD (RFC 4791 §4.1): that belongs to the emailed invitation.
 * Its text is in the interview's language, as the interviewer's emailed copy of the same UID is, so
 * whichever copy a calendar saw last reads the same.
 */
function calendarResource(facts: InterviewEmailFacts, locale: Locale, kind: InterviewKind | undefined): string {
  return buildInterviewIcs({ method: 'REQUEST', facts, locale, kind }).replace(/^METHOD:[^\r\n]*\r\n/m, '');
}

/**
 * Puts, updates or deletes the interview's event in one panel member's connected calendar: the
 * resource is named by the interview's UID and every write is conditional on the ETag just read
 * (If-None-Match: * to create, If-Match to replace or delete), so a retry repeats nothing and a
 * write that lost a race (412) is retried on the fresh ETag. An event already at a higher
 * SEQUENCE is left alone: an older write retried late never undoes a newer one.
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
    if (connection.provider === 'google') return 'not written to this provider yet';
    try {
      const client = clientFor(connection, calendar);
      const url = eventUrl(connection.writeCalendarUrl, interviewCalendarUid(request.interviewId));
      const stored = await client.getEvent(url);
      let result: CalendarEventResult;
      if (stored !== null && sequenceOf(stored.text) > request.sequence) {
        result = 'a newer version is there';
      } else if (request.action === 'delete') {
        if (stored !== null) await client.deleteEvent(url, stored.etag);
        result = stored === null ? 'already absent' : 'deleted';
      } else {
        const interview = await db.interviews.findById(request.interviewId, { locale: 1, kind: 1 }).lean();
        const locale = isLocale(interview?.locale) ? interview.locale : DEFAULT_LOCALE;
        const text = calendarResource({ ...request.facts, calendarSequence: request.sequence }, locale, interview?.kind);
        await client.putEvent(url, text, stored?.etag ?? null);
        result = stored === null ? 'created' : 'updated';
      }
      await recordWrite(request.interviewerId, request.interviewId);
      return result;
    } catch (error) {
      await recordWrite(request.interviewerId, request.interviewId, error);
      throw error;
    }
  }

  return { writeCalendarEvent };
}
