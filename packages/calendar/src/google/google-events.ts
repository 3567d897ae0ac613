import type { calendar_v3 } from '@googleapis/calendar';
import { DateTime } from 'luxon';
import type { BusyInterval } from '../busy-from-ical';

/** A booked interview as the portal writes it into an interviewer's Google calendar. */
export interface GoogleEventInput {
  /** The portal's UID, the same as in its .ics, so calendar clients merge the two. */
  iCalUID: string;
  summary: string;
  description?: string;
  location?: string;
  start: Date;
  end: Date;
  /** IANA zone the event is shown in (the interviewer's). */
  timeZone?: string;
  /** The .ics SEQUENCE; Google refuses a sequence lower than the event's. */
  sequence?: number;
  attendees?: { email: string; displayName?: string }[];
}

/** One event as read back: what busy times, and later declines, are worked out from. */
export interface GoogleEventSummary {
  id: string;
  iCalUID: string | null;
  status: 'confirmed' | 'tentative' | 'cancelled';
  transparent: boolean;
  start: Date | null;
  end: Date | null;
  attendees: { email: string; responseStatus: string; self: boolean }[];
}

/**
 * The body of an insert/import/update. Attendees keep the answer they already gave (a reschedule
 * is not a new invitation to an interviewer who accepted); a new one starts at needsAction.
 */
export function eventBody(input: GoogleEventInput, existing?: calendar_v3.Schema$Event): calendar_v3.Schema$Event {
  const answered = new Map((existing?.attendees ?? []).map((a) => [a.email?.toLowerCase(), a.responseStatus]));
  const time = (at: Date) => ({ dateTime: at.toISOString(), ...(input.timeZone ? { timeZone: input.timeZone } : {}) });
  return {
    iCalUID: input.iCalUID,
    summary: input.summary,
    ...(input.description === undefined ? {} : { description: input.description }),
    ...(input.location === undefined ? {} : { location: input.location }),
    start: time(input.start),
    end: time(input.end),
    status: 'confirmed',
    transparency: 'opaque',
    sequence: Math.max(input.sequence ?? 0, existing?.sequence ?? 0),
    ...(input.attendees === undefined
      ? {}
      : {
          attendees: input.attendees.map((a) => ({
            email: a.email,
            ...(a.displayName === undefined ? {} : { displayName: a.displayName }),
            responseStatus: answered.get(a.email.toLowerCase()) ?? 'needsAction',
          })),
        }),
  };
}

function instant(time: calendar_v3.Schema$EventDateTime | undefined, zone: string): Date | null {
  if (typeof time?.dateTime === 'string') return new Date(time.dateTime);
  // An all-day date is a day in the calendar's zone (Google's `date` has none of its own).
  if (typeof time?.date === 'string') return DateTime.fromISO(time.date, { zone }).toJSDate();
  return null;
}

const STATUSES = ['confirmed', 'tentative', 'cancelled'] as const;

export function eventSummary(event: calendar_v3.Schema$Event, zone: string): GoogleEventSummary {
  const status = STATUSES.find((s) => s === event.status) ?? 'confirmed';
  return {
    id: event.id ?? '',
    iCalUID: event.iCalUID ?? null,
    status,
    transparent: event.transparency === 'transparent',
    start: instant(event.start, zone),
    end: instant(event.end, zone),
    attendees: (event.attendees ?? []).map((a) => ({ email: (a.email ?? '').toLowerCase(), responseStatus: a.responseStatus ?? 'needsAction', self: a.self === true })),
  };
}

/**
 * Busy by the event's own word, as Google's free/busy counts it: confirmed and tentative events
 * block, cancelled and transparent ("free") ones do not, and neither does one the calendar's
 * owner declined.
 */
export function blocksTime(event: GoogleEventSummary): boolean {
  if (event.status === 'cancelled' || event.transparent) return false;
  return !event.attendees.some((a) => a.self && a.responseStatus === 'declined');
}

export function busyFromEvents(events: Iterable<GoogleEventSummary>, from: Date, to: Date): BusyInterval[] {
  const busy: BusyInterval[] = [];
  for (const event of events) {
    if (!blocksTime(event) || event.start === null || event.end === null) continue;
    if (event.end > from && event.start < to && event.end > event.start) busy.push({ start: event.start, end: event.end });
  }
  return busy.sort((a, b) => a.start.getTime() - b.start.getTime());
}
