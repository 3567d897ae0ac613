import type { Attendee, DateTimeTimeZone, Event, FreeBusyStatus, ResponseType } from '@microsoft/microsoft-graph-types';
import { DateTime } from 'luxon';
import type { BusyInterval } from '../busy-from-ical';

/**
 * The single-value extended property (a MAPI named string property in the portal's own property
 * set) that carries the portal's iCalUID on the events it writes. Graph's `iCalUId` is assigned
 * by Exchange and read-only, so the portal's UID rides beside it, and lookups filter on it.
 */
export const PORTAL_UID_PROPERTY = 'String {4c9a7d35-2f61-4b8e-9a0d-6e1f3c5b7a92} Name interviewPortalICalUID';

/**
 * The portal's version of its event (the .ics SEQUENCE), in a second property of the same set:
 * Graph events have no sequence of their own, so this is what tells an older write from a newer
 * one (docs/adr/0062). A string property, as the UID's, holding the number in decimal.
 */
export const PORTAL_VERSION_PROPERTY = 'String {4c9a7d35-2f61-4b8e-9a0d-6e1f3c5b7a92} Name interviewPortalSequence';

/** The value every portal UID ends with: what the read of the portal's events filters on (`contains`). */
export const PORTAL_UID_MARK = '@interview-portal';

const propertyOf = (event: Event, id: string) => event.singleValueExtendedProperties?.find((p) => p.id?.toLowerCase() === id.toLowerCase())?.value ?? null;

/** The portal's version of an event it wrote, when the read expanded PORTAL_VERSION_PROPERTY; null for one that carries none. */
export function portalVersionOf(event: Event): number | null {
  const value = propertyOf(event, PORTAL_VERSION_PROPERTY);
  return value !== null && /^\d{1,9}$/.test(value) ? Number(value) : null;
}

/** A booked interview as the portal writes it into an interviewer's Microsoft 365 calendar (the Google input's fields). */
export interface MicrosoftEventInput {
  /** The portal's UID, the same as in its .ics; kept in PORTAL_UID_PROPERTY. */
  iCalUID: string;
  summary: string;
  description?: string;
  location?: string;
  start: Date;
  end: Date;
  /** IANA zone the event is shown in (the interviewer's); UTC when absent. */
  timeZone?: string;
  /** The .ics SEQUENCE, the interview's version: Graph events have none, so it rides in PORTAL_VERSION_PROPERTY. */
  sequence?: number;
  attendees?: { email: string; displayName?: string }[];
}

/** An attendee's answer, in the Google module's words so one interface reads both. */
export type AttendeeAnswer = 'needsAction' | 'declined' | 'tentative' | 'accepted';

/** One event as read back: what busy times and declines are worked out from (the Google summary's fields, plus Graph's own). */
export interface MicrosoftEventSummary {
  id: string;
  /** Graph's iCalUId (Exchange's, not the portal's). */
  iCalUID: string | null;
  /** The portal's UID when the event is one the portal wrote and the read asked for it; null otherwise. */
  portalUID: string | null;
  status: 'confirmed' | 'tentative' | 'cancelled';
  /** showAs free or workingElsewhere: the time stays bookable. */
  transparent: boolean;
  showAs: FreeBusyStatus | null;
  start: Date | null;
  end: Date | null;
  attendees: { email: string; responseStatus: AttendeeAnswer; self: boolean }[];
}

const ANSWERS: Record<ResponseType, AttendeeAnswer> = { none: 'needsAction', notResponded: 'needsAction', organizer: 'accepted', accepted: 'accepted', tentativelyAccepted: 'tentative', declined: 'declined' };

/** A Graph dateTimeTimeZone as an instant: the wall time read in its zone (UTC, or an IANA name). */
export function instantOf(time: DateTimeTimeZone | null | undefined): Date | null {
  if (!time?.dateTime) return null;
  const zone = !time.timeZone || time.timeZone === 'UTC' ? 'utc' : time.timeZone;
  const at = DateTime.fromISO(time.dateTime.replace(/Z$/, ''), { zone });
  return at.isValid ? at.toJSDate() : null;
}

/** An instant as Graph's dateTimeTimeZone in the given zone (UTC when none). */
export function graphTime(at: Date, zone = 'UTC'): DateTimeTimeZone {
  return { dateTime: DateTime.fromJSDate(at, { zone: zone === 'UTC' ? 'utc' : zone }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS"), timeZone: zone };
}

/**
 * The body of a create or update. Attendees are listed by address only: their answers are
 * Exchange's to keep (an attendee's `status` is not written). The portal's UID rides in the
 * extended property, its version (when given) in the second; `showAs: busy` so the interview blocks the time.
 */
export function eventBody(input: MicrosoftEventInput): Event {
  const zone = input.timeZone ?? 'UTC';
  return {
    subject: input.summary,
    ...(input.description === undefined ? {} : { body: { contentType: 'text', content: input.description } }),
    ...(input.location === undefined ? {} : { location: { displayName: input.location } }),
    start: graphTime(input.start, zone),
    end: graphTime(input.end, zone),
    showAs: 'busy',
    isCancelled: false,
    ...(input.attendees === undefined
      ? {}
      : { attendees: input.attendees.map((a): Attendee => ({ type: 'required', emailAddress: { address: a.email, ...(a.displayName === undefined ? {} : { name: a.displayName }) } })) }),
    singleValueExtendedProperties: [
      { id: PORTAL_UID_PROPERTY, value: input.iCalUID },
      ...(input.sequence === undefined ? [] : [{ id: PORTAL_VERSION_PROPERTY, value: String(input.sequence) }]),
    ],
  };
}

/** An event, or a delta entry (`@removed` marks one deleted), as the summary; `calendarId` is the mailbox read. */
export function eventSummary(event: Event & { '@removed'?: unknown }, calendarId: string): MicrosoftEventSummary {
  const owner = calendarId.toLowerCase();
  const cancelled = event['@removed'] !== undefined || event.isCancelled === true;
  const showAs = event.showAs ?? null;
  const attendees = (event.attendees ?? []).map((a) => {
    const email = (a.emailAddress?.address ?? '').toLowerCase();
    return { email, responseStatus: ANSWERS[a.status?.response ?? 'none'] ?? 'needsAction', self: email === owner };
  });
  const own = event.responseStatus?.response;
  if (own === 'declined' && !attendees.some((a) => a.self)) attendees.push({ email: owner, responseStatus: 'declined', self: true });
  return {
    id: event.id ?? '',
    iCalUID: event.iCalUId ?? null,
    portalUID: propertyOf(event, PORTAL_UID_PROPERTY),
    status: cancelled ? 'cancelled' : showAs === 'tentative' ? 'tentative' : 'confirmed',
    transparent: showAs === 'free' || showAs === 'workingElsewhere',
    showAs,
    start: instantOf(event.start),
    end: instantOf(event.end),
    attendees,
  };
}

/** Busy by the event's own word, as getSchedule counts it: busy, tentative and oof block; free, workingElsewhere, cancelled and declined by the owner do not. */
export function blocksTime(event: MicrosoftEventSummary): boolean {
  if (event.status === 'cancelled' || event.attendees.some((a) => a.self && a.responseStatus === 'declined')) return false;
  return event.showAs === null || event.showAs === 'busy' || event.showAs === 'tentative' || event.showAs === 'oof';
}

export function busyFromEvents(events: Iterable<MicrosoftEventSummary>, from: Date, to: Date): BusyInterval[] {
  const busy: BusyInterval[] = [];
  for (const event of events) {
    if (!blocksTime(event) || event.start === null || event.end === null) continue;
    if (event.end > from && event.start < to && event.end > event.start) busy.push({ start: event.start, end: event.end });
  }
  return busy.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** The attendees who declined the event: the panel members to replace. */
export const declinedAttendees = (event: MicrosoftEventSummary): string[] => event.attendees.filter((a) => a.responseStatus === 'declined').map((a) => a.email);
