import type { calendar_v3 } from '@googleapis/calendar';
import type { StoredEvent } from './calendar-store';
import { GoogleApiError, invalid, required } from './google-errors';
import type { ConferenceFields } from './meet-conference';

const STATUSES = ['confirmed', 'tentative', 'cancelled'];
const TRANSPARENCIES = ['opaque', 'transparent'];
const RESPONSES = ['needsAction', 'declined', 'tentative', 'accepted'];

/** The instant an event's start or end stands for; all-day dates are read as UTC days (the stand-in's calendars are in UTC). */
export function instantOf(time: calendar_v3.Schema$EventDateTime | undefined): number | null {
  if (typeof time?.dateTime === 'string') return Date.parse(time.dateTime);
  if (typeof time?.date === 'string') return Date.parse(`${time.date}T00:00:00Z`);
  return null;
}

function oneOf(value: unknown, allowed: string[], fallback: string, field: string): string {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string' || !allowed.includes(value)) throw invalid(`Invalid value for ${field}: ${String(value)}`);
  return value;
}

function attendeesOf(calendarId: string, input: calendar_v3.Schema$EventAttendee[] | undefined): calendar_v3.Schema$EventAttendee[] | undefined {
  if (input === undefined) return undefined;
  return input.map((attendee) => {
    if (typeof attendee.email !== 'string' || !attendee.email.includes('@')) throw required('attendee email');
    const email = attendee.email.toLowerCase();
    return {
      ...attendee,
      email,
      responseStatus: oneOf(attendee.responseStatus, RESPONSES, 'needsAction', 'responseStatus'),
      ...(email === calendarId ? { self: true } : {}),
    };
  });
}

function organizerOf(calendarId: string, given: calendar_v3.Schema$Event['organizer']): calendar_v3.Schema$Event['organizer'] {
  const email = typeof given?.email === 'string' && given.email.includes('@') ? given.email.toLowerCase() : calendarId;
  return { email, ...(typeof given?.displayName === 'string' ? { displayName: given.displayName } : {}), ...(email === calendarId ? { self: true } : {}) };
}

/**
 * A stored event from a client's body, as Google fills one in: the calendar as creator, and as
 * organizer unless `base` names another (an imported event's, kept by every later change),
 * `confirmed` and `opaque` by default, every attendee's response `needsAction` unless given, the
 * attendee who owns the calendar marked `self`. Its conference is `base.conference` (meet-conference.ts
 * decides it); the body's own conferenceData and hangoutLink are not taken as they are.
 */
export function eventFromBody(
  calendarId: string,
  input: calendar_v3.Schema$Event,
  base: { id: string; iCalUID: string; created?: string | null; sequence?: number | null; organizer?: calendar_v3.Schema$Event['organizer']; conference: ConferenceFields },
): StoredEvent {
  const { conferenceData: _decidedByBase, hangoutLink: _readOnly, ...fields } = input;
  const start = instantOf(input.start);
  const end = instantOf(input.end);
  if (start === null || Number.isNaN(start)) throw required('start');
  if (end === null || Number.isNaN(end)) throw new GoogleApiError(400, 'required', 'Missing end time.');
  if (end <= start) throw new GoogleApiError(400, 'timeRangeEmpty', 'The specified time range is empty.');
  const attendees = attendeesOf(calendarId, input.attendees);
  return {
    ...fields,
    ...base.conference,
    kind: 'calendar#event',
    id: base.id,
    iCalUID: base.iCalUID,
    status: oneOf(input.status, STATUSES, 'confirmed', 'status'),
    transparency: oneOf(input.transparency, TRANSPARENCIES, 'opaque', 'transparency'),
    created: base.created ?? new Date().toISOString(),
    creator: { email: calendarId, self: true },
    organizer: organizerOf(calendarId, base.organizer),
    sequence: input.sequence ?? base.sequence ?? 0,
    eventType: 'default',
    htmlLink: `https://calendar.stand-in/event?eid=${base.id}`,
    reminders: input.reminders ?? { useDefault: true },
    ...(attendees === undefined ? {} : { attendees }),
  };
}
