import type { PortalEvent } from '@portal/calendar/provider';
import type { InterviewEmailFacts } from '@portal/shared/email';
import { buildInterviewIcs, interviewEventFields } from '@portal/shared/ics';
import type { Locale } from '@portal/shared/i18n/locales';
import type { InterviewKind, LocalisedText } from '@portal/shared/interview-kinds';
import type { Kit } from '@portal/shared/kits';

/**
 * The interview's event as one panel member's calendar gets it, in the interview's language, from
 * the same facts and words as the member's emailed .ics, so whichever copy a calendar saw last
 * reads the same. The candidate is named where that .ics names them for an interviewer (the
 * description), and erasure deletes the event (docs/adr/0030). Through a calendar API the
 * attendees are the panel only: the candidate has the portal's own invitation, and an address
 * there could have the calendar write to them (docs/adr/0059). The iCalendar text, for providers
 * that store it, is the .ics without METHOD (RFC 4791 §4.1), the candidate an ATTENDEE as before.
 */
export function portalEvent(facts: InterviewEmailFacts, sequence: number, locale: Locale, kind: { kind?: InterviewKind | undefined; kindTitles?: LocalisedText | null | undefined; kit?: Kit | null | undefined } = {}): PortalEvent {
  const versioned = { ...facts, calendarSequence: sequence };
  const fields = interviewEventFields({ method: 'REQUEST', facts: versioned, locale, ...kind });
  const person = ({ name, email }: { name: string; email: string }) => ({ email, displayName: name });
  return {
    uid: fields.uid,
    sequence,
    start: fields.start,
    end: fields.end,
    timeZone: facts.recipient?.timezone ?? facts.interviewerTimezone ?? 'UTC',
    summary: fields.summary,
    description: fields.description,
    ...(fields.location === null ? {} : { location: fields.location }),
    organizer: person(fields.organizer),
    attendees: (facts.panel ?? []).map(person),
    ics: buildInterviewIcs({ method: 'REQUEST', facts: versioned, locale, ...kind }).replace(/^METHOD:[^\r\n]*\r\n/m, ''),
  };
}
