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
  /**
   * The .ics SEQUENCE, the interview's version, kept in the event's private extended properties:
   * Google raises its own `sequence` on some changes, so that one cannot tell the portal's versions apart.
   */
  sequence?: number;
  /** Who the event is from (the hiring team); Google takes an organizer only when an event is imported. */
  organizer?: { email: string; displayName?: string };
  attendees?: { email: string; displayName?: string }[];
}

/** The private extended property holding the portal's version of its event. */
const VERSION_PROPERTY = 'interviewPortalSequence';

/** The portal's version of an event it wrote; null for an event that carries none. */
export function portalVersionOf(event: calendar_v3.Schema$Event): number | null {
  const value = event.extendedProperties?.private?.[VERSION_PROPERTY];
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : null;
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
 * The body of an import or update. Attendees keep the answer they already gave (a reschedule is
 * not a new invitation to an interviewer who accepted); a new one starts at needsAction. Google's
 * `sequence` is never lowered (Google refuses that); the portal's own version rides beside it.
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
    ...(input.sequence === undefined ? {} : { extendedProperties: { private: { ...existing?.extendedProperties?.private, [VERSION_PROPERTY]: String(input.sequence) } } }),
    ...(existing === undefined && input.organizer !== undefined ? { organizer: input.organizer } : {}),
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
