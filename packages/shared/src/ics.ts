import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import { HR_EMAIL_KINDS, type EmailKind, type InterviewEmailFacts, type Person } from './email';
import { DomainError } from './errors';
import { safeHttpUrl } from './safe-url';
import { kindTitle, type InterviewKind, type LocalisedText } from './interview-kinds';
import type { Kit } from './kits';
import { DEFAULT_LOCALE, type Locale } from './i18n/locales';
import { translatorFor } from './i18n/server-translator';
import { capitalized, type Translate } from './i18n/translator';

export type CalendarMethod = 'REQUEST' | 'CANCEL';

export interface InterviewCalendarInput {
  method: CalendarMethod;
  facts: InterviewEmailFacts;
  /** DTSTAMP; injectable so tests and the booking page can produce identical text. */
  now?: Date;
  /** SUMMARY and DESCRIPTION in the interview's language; English when not given. */
  locale?: Locale;
  /** The interview's kind, named in that language; the facts' label otherwise. */
  kind?: InterviewKind | undefined;
  /** The kind's titles as fixed at the invitation (docs/adr/0065). */
  kindTitles?: LocalisedText | null | undefined;
  /** The interview's scorecard kit: an interviewer's copy links it when it has questions. */
  kit?: Kit | null | undefined;
  /** The hiring team's name (docs/adr/0076): the ORGANIZER's name and the calendar's maker; absent: "Hiring team" in the interview's language. */
  teamName?: string | undefined;
}

/**
 * The page of an interviewer's Accept and Decline links without the answer: it shows the interview
 * and its scorecard kit, and answers nothing until a button is pressed.
 */
export function answerPageOf(links: { accept: string } | undefined): string | null {
  if (!links) return null;
  const url = new URL(links.accept);
  url.search = '';
  return url.toString();
}

/** Where an interviewer reads the kit of `facts`' interview: their answer page, when the kit asks anything. */
export function kitLinkFor(facts: Pick<InterviewEmailFacts, 'answerLinks' | 'recipient'>, kit: Kit | null | undefined): string | null {
  return facts.recipient !== undefined && (kit?.questions.length ?? 0) > 0 ? answerPageOf(facts.answerLinks) : null;
}

/** Which calendar message an email carries, if any: a cancel only makes sense for a booked slot. */
export function calendarMethodFor(kind: EmailKind, facts: InterviewEmailFacts): CalendarMethod | undefined {
  if (HR_EMAIL_KINDS.includes(kind)) return undefined;
  if (kind === 'confirmation' || kind === 'rescheduled' || kind === 'panel_changed' || kind === 'interviewer_invitation' || kind === 'interviewer_update' || kind === 'meeting_link') return 'REQUEST';
  if ((kind === 'cancelled' || kind === 'interviewer_cancelled') && facts.start) return 'CANCEL';
  return undefined;
}

/** One UID per interview for its whole life, so calendars update or remove the same event. */
export function interviewCalendarUid(interviewId: string): string {
  return `${interviewId}@interview-portal`;
}

/** The one ORGANIZER of every copy of the event, emailed or downloaded: the hiring team's address. */
export function calendarOrganizer(facts: Pick<InterviewEmailFacts, 'hrEmail'>, t: Translate = translatorFor(DEFAULT_LOCALE), teamName?: string): Person {
  return { name: teamName ?? t('ics.organizer'), email: facts.hrEmail };
}

/** Names go into quoted parameters: no DQUOTE (RFC 5545 §3.2) and nothing that could end the line. */
function paramSafe(value: string): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  return value.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/"/g, "'");
}

/** An address goes out as typed (Postmark is the judge of its validity), minus what could end the line. */
function addressSafe(value: string): string {
  // eslint-disable-next-line no-control-regex -- see above
  return value.replace(/[\u0000-\u0020\u007f]/g, '');
}

function description(method: CalendarMethod, facts: InterviewEmailFacts, t: Translate, kind: string, locale: Locale, kitLink: string | null): string {
  const what = { kind, position: facts.position };
  const panel = facts.panel?.length ? [t('ics.interviewers', { names: facts.panel.map((p) => p.name).join(', ') })] : [];
  const forInterviewer = facts.recipient !== undefined;
  const lines =
    method === 'CANCEL'
      ? [t('ics.cancelled', what), ...(facts.cancelReason ? [t('ics.reason', { reason: facts.cancelReason })] : [])]
      : [
          forInterviewer ? t('ics.whatWith', { ...what, candidate: facts.candidateName }) : t('ics.what', what),
          ...panel,
          ...(facts.meetingUrl ? [t('ics.join', { url: facts.meetingUrl })] : []),
          ...(forInterviewer ? [] : [t('ics.manage', { url: facts.link })]),
          ...(kitLink ? [t('ics.kit', { url: kitLink })] : []),
        ];
  return [...lines.map((line, i) => (i === 0 ? capitalized(line, locale) : line)), t('ics.questions', { email: facts.hrEmail })].join('\n');
}

/** The interview's event, field by field, as every copy carries it (the .ics, an event written through a calendar API). */
export interface InterviewEventFields {
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  /** The meeting link, when there is a safe one. */
  location: string | null;
  /** The candidate's manage link; only on the candidate's copy. */
  url: string | null;
  organizer: Person;
  /** The candidate first, then every panel member. */
  attendees: Person[];
}

/** What every copy of the interview's event says, in the interview's language: one source for the .ics and the calendar APIs. */
export function interviewEventFields({ method, facts, locale = DEFAULT_LOCALE, kind, kindTitles, kit, teamName }: Omit<InterviewCalendarInput, 'now'>): InterviewEventFields {
  const t = translatorFor(locale);
  const kindName = kindTitle({ kind, kindTitles, kindLabel: facts.kindLabel }, locale, t);
  if (!facts.start) throw new DomainError('BAD_INPUT', 'A calendar entry needs the booked slot', { interviewId: facts.interviewId });
  const start = new Date(facts.start);
  const end = new Date(facts.end ?? facts.start);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) throw new DomainError('BAD_INPUT', `Not an instant: ${facts.start}`);
  return {
    uid: interviewCalendarUid(facts.interviewId),
    sequence: facts.calendarSequence,
    start,
    end,
    summary: capitalized(t('ics.summary', { kind: kindName, position: facts.position }), locale),
    description: description(method, facts, t, kindName, locale, kitLinkFor(facts, kit)),
    location: safeHttpUrl(facts.meetingUrl) ?? null,
    url: facts.recipient ? null : (safeHttpUrl(facts.link) ?? null),
    organizer: calendarOrganizer(facts, t, teamName),
    attendees: [{ name: facts.candidateName, email: facts.candidateEmail }, ...(facts.panel ?? [])],
  };
}

/**
 * The interview as an iCalendar object (CRLF line ends, folded), built with ical-generator, for
 * email attachments and the download link alike. Every copy has the same UID and ORGANIZER; the
 * ATTENDEEs are the candidate and every panel member; SEQUENCE grows with each change.
 */
export function buildInterviewIcs({ method, facts, now = new Date(), locale = DEFAULT_LOCALE, kind, kindTitles, kit, teamName }: InterviewCalendarInput): string {
  const fields = interviewEventFields({ method, facts, locale, kind, kindTitles, kit, teamName });
  const attendee = (person: Person) => ({
    name: paramSafe(person.name),
    email: addressSafe(person.email),
    role: ICalAttendeeRole.REQ,
    status: ICalAttendeeStatus.NEEDSACTION,
    rsvp: false,
  });
  const calendar = ical({
    prodId: { company: paramSafe(teamName ?? 'Interview Portal').replace(/\/\//g, '/'), product: 'Interviews', language: locale.toUpperCase() },
    method: method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: fields.uid,
    sequence: fields.sequence,
    stamp: now,
    start: fields.start,
    end: fields.end,
    summary: fields.summary,
    description: fields.description,
    location: fields.location,
    url: fields.url,
    organizer: { name: paramSafe(fields.organizer.name), email: addressSafe(fields.organizer.email) },
    attendees: fields.attendees.map(attendee),
    status: method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    transparency: ICalEventTransparency.OPAQUE,
  });
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
