import { busyFromCalendarObjects } from './busy-from-ical';
import { calendarClient, type CalendarAccess, type CalendarClient } from './caldav';
import { interviewIdOfUid, type CalendarEventsOut, type CalendarProvider, type CalendarWindow } from './provider';

export interface CalDavCalendars extends CalendarAccess {
  /** The calendar whose busy times count, and the one the portal writes interviews into (may be the same). */
  readCalendarUrl: string;
  writeCalendarUrl: string;
  /** The interviewer's address: their ATTENDEE line on the portal's events says whether they declined. */
  email: string;
}

/** Unfolded iCalendar text (RFC 5545 §3.1): a parameter may sit on a continuation line. */
const unfold = (text: string) => text.replace(/\r?\n[ \t]/g, '');
const uidOf = (text: string) => /^UID:(.+?)\r?$/m.exec(unfold(text))?.[1] ?? null;

/** Objects the portal wrote (its interviews' events), told apart from the interviewer's own by their UID. */
export const isPortalObject = (text: string) => interviewIdOfUid(uidOf(text)) !== null;

/** Where an event lives in a calendar: one resource per UID, so every write is idempotent. */
export function caldavEventUrl(calendarUrl: string, uid: string): string {
  return `${calendarUrl.endsWith('/') ? calendarUrl : `${calendarUrl}/`}${encodeURIComponent(uid)}.ics`;
}

/** The SEQUENCE of a stored event; a resource without one counts as the first version. */
const sequenceOf = (text: string) => Number(/^SEQUENCE:(\d+)\r?$/m.exec(unfold(text))?.[1] ?? 0);

/**
 * The portal's events in the calendar it writes to, as iCalendar resources named by the UID. Every
 * write is conditional on the ETag just read (If-None-Match: * to create, If-Match to replace or
 * delete), so a retry repeats nothing and a write that lost a race (412, CONFLICT) is retried by the
 * caller on the fresh ETag.
 */
function caldavEvents(client: CalendarClient, writeCalendarUrl: string): CalendarEventsOut {
  const read = async (uid: string) => {
    const url = caldavEventUrl(writeCalendarUrl, uid);
    return { url, stored: await client.getEvent(url) };
  };
  return {
    async put(event) {
      const { url, stored } = await read(event.uid);
      if (stored !== null && sequenceOf(stored.text) > event.sequence) return 'a newer version is there';
      await client.putEvent(url, event.ics, stored?.etag ?? null);
      return stored === null ? 'created' : 'updated';
    },
    async delete(uid, sequence) {
      const { url, stored } = await read(uid);
      if (stored === null) return 'already absent';
      if (sequenceOf(stored.text) > sequence) return 'a newer version is there';
      await client.deleteEvent(url, stored.etag);
      return 'deleted';
    },
  };
}

/** Interviews whose event carries PARTSTAT=DECLINED on the interviewer's own ATTENDEE line: declined in their calendar app. */
export function declinedInObjects(objects: readonly string[], email: string): string[] {
  const address = `mailto:${email.toLowerCase()}`;
  const declined: string[] = [];
  for (const text of objects) {
    const unfolded = unfold(text);
    const interviewId = interviewIdOfUid(uidOf(unfolded));
    if (interviewId === null) continue;
    const own = unfolded.split(/\r?\n/).find((line) => line.startsWith('ATTENDEE') && line.toLowerCase().includes(address));
    if (own && /PARTSTAT=DECLINED/i.test(own)) declined.push(interviewId);
  }
  return declined;
}

/**
 * A CalDAV account behind the provider interface. The marker is both calendars' ctags (one
 * PROPFIND each): the read calendar's for busy times, the written one's for the members' PARTSTAT
 * (docs/adr/0032); a change in either reads the window again (a calendar-query REPORT, recurrences
 * expanded by busy-from-ical). A server without ctags is read every time. Events go into the
 * written calendar.
 */
export function caldavProvider(calendars: CalDavCalendars): CalendarProvider {
  const client = calendarClient(calendars);
  const separate = calendars.writeCalendarUrl !== calendars.readCalendarUrl;
  return {
    name: 'caldav',
    async read(window: CalendarWindow, since: string | null) {
      const ctag = await client.ctag(calendars.readCalendarUrl);
      const writeCtag = separate ? await client.ctag(calendars.writeCalendarUrl) : null;
      const marker = ctag === null || (separate && writeCtag === null) ? null : JSON.stringify([ctag, writeCtag]);
      if (marker !== null && marker === since) return { changed: false, marker };
      const objects = await client.eventsBetween(calendars.readCalendarUrl, window.from, window.to);
      const reading = busyFromCalendarObjects(objects, window);
      const others = objects.filter((text) => !isPortalObject(text));
      const othersBusy = others.length === objects.length ? reading.busy : busyFromCalendarObjects(others, window).busy;
      const written = separate ? await client.eventsBetween(calendars.writeCalendarUrl, window.from, window.to) : objects;
      return { changed: true, marker, busy: reading.busy, othersBusy, declined: declinedInObjects(written, calendars.email), warnings: reading.warnings };
    },
    async busyAt(window: CalendarWindow) {
      const objects = await client.eventsBetween(calendars.readCalendarUrl, window.from, window.to);
      return busyFromCalendarObjects(objects, window).busy;
    },
    events: caldavEvents(client, calendars.writeCalendarUrl),
  };
}
