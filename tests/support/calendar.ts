import ICAL from 'ical.js';
import type { SinkMessage } from './fixtures';

export interface CalendarEntry {
  method: string;
  uid: string;
  sequence: number;
  start: string;
  organizer: string;
  attendees: string[];
  /** Where to join (the meeting link), when the event names one. */
  location: string | null;
}

const address = (value: unknown) => String(value).replace(/^mailto:/i, '').toLowerCase();

/** The .ics a message carries, read back by ical.js (not the library that wrote it). */
export function calendarOf(message: SinkMessage): CalendarEntry {
  const attachment = message.Attachments.find((a) => a.ContentType.startsWith('text/calendar'));
  if (!attachment) throw new Error(`no calendar attached to "${message.Subject}"`);
  const calendar = new ICAL.Component(ICAL.parse(Buffer.from(attachment.Content, 'base64').toString('utf8')));
  const event = calendar.getFirstSubcomponent('vevent');
  if (!event) throw new Error('no VEVENT');
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: String(event.getFirstPropertyValue('uid')),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    organizer: address(event.getFirstPropertyValue('organizer')),
    attendees: event.getAllProperties('attendee').map((p) => address(p.getFirstValue())).sort(),
    location: (event.getFirstPropertyValue('location') as string | null) ?? null,
  };
}
