import type { EmailKind, InterviewEmailFacts } from './email';
import { DomainError } from './errors';
import type { Mailbox } from './mailbox';
import { safeHttpUrl } from './safe-url';

export type CalendarMethod = 'REQUEST' | 'CANCEL';

export interface InterviewCalendarInput {
  method: CalendarMethod;
  facts: InterviewEmailFacts;
  organizer: Mailbox;
  /** DTSTAMP; injectable so tests and the booking page can produce identical text. */
  now?: Date;
}

/** Which calendar message an email carries, if any: a cancel only makes sense for a booked slot. */
export function calendarMethodFor(kind: EmailKind, facts: InterviewEmailFacts): CalendarMethod | undefined {
  if (kind === 'confirmation' || kind === 'rescheduled') return 'REQUEST';
  if (kind === 'cancelled' && facts.start) return 'CANCEL';
  return undefined;
}

/** One UID per interview for its whole life, so calendars update or remove the same event. */
export function interviewCalendarUid(interviewId: string): string {
  return `${interviewId}@interview-portal`;
}

/** RFC 5545 §3.3.11 TEXT escaping; other control characters are dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[\\;,]/g, (char) => `\\${char}`)
    .replace(/\n/g, '\\n');
}

/** Parameter values may not hold DQUOTE or control characters; ;:, force quoting. */
function paramValue(value: string): string {
  // eslint-disable-next-line no-control-regex -- see above
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/"/g, "'");
  return /[;:,]/.test(clean) ? `"${clean}"` : clean;
}

/**
 * An address goes out as typed (Postmark is the judge of whether it is valid), minus anything that
 * could end the line and smuggle in properties of its own.
 */
function uriValue(value: string): string {
  // eslint-disable-next-line no-control-regex -- see above
  return value.replace(/[\u0000-\u0020\u007f]/g, '');
}

/** Folds to 75 octets per line (RFC 5545 §3.1), never splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function utc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new DomainError('BAD_INPUT', `Not an instant: ${iso}`);
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function description(method: CalendarMethod, facts: InterviewEmailFacts): string {
  const lines =
    method === 'CANCEL'
      ? [`Your ${facts.kindLabel} for ${facts.position} is cancelled.`, ...(facts.cancelReason ? [`Reason: ${facts.cancelReason}`] : [])]
      : [
          `${facts.kindLabel} for ${facts.position}.`,
          ...(facts.meetingUrl ? [`Join: ${facts.meetingUrl}`] : []),
          `Manage your booking: ${facts.link}`,
        ];
  return [...lines, `Questions: ${facts.hrEmail}`].join('\n');
}

/** The interview as an iCalendar object (CRLF line ends), for email attachments and download links alike. */
export function buildInterviewIcs({ method, facts, organizer, now = new Date() }: InterviewCalendarInput): string {
  if (!facts.start) throw new DomainError('BAD_INPUT', 'A calendar entry needs the booked slot', { interviewId: facts.interviewId });
  const url = safeHttpUrl(facts.link);
  const location = safeHttpUrl(facts.meetingUrl);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Interview Portal//Interviews//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    'BEGIN:VEVENT',
    `UID:${interviewCalendarUid(facts.interviewId)}`,
    `SEQUENCE:${facts.calendarSequence}`,
    `DTSTAMP:${utc(now.toISOString())}`,
    `DTSTART:${utc(facts.start)}`,
    `DTEND:${utc(facts.end ?? facts.start)}`,
    `SUMMARY:${escapeText(`${facts.kindLabel}: ${facts.position}`)}`,
    `DESCRIPTION:${escapeText(description(method, facts))}`,
    ...(location ? [`LOCATION:${escapeText(location)}`] : []),
    ...(url ? [`URL:${url}`] : []),
    `ORGANIZER${organizer.name ? `;CN=${paramValue(organizer.name)}` : ''}:mailto:${organizer.address}`,
    `ATTENDEE;CN=${paramValue(facts.candidateName)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${uriValue(facts.candidateEmail)}`,
    `STATUS:${method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
