import type { calendar_v3 } from '@googleapis/calendar';
import { EVENT_ID, randomEventId, type CalendarStore, type StoredEvent } from './calendar-store';
import { eventFromBody, instantOf } from './event-body';
import { GoogleApiError, invalid, notFound, required } from './google-errors';
import { listEvents } from './events-list';
import { conferenceAfterWrite, type ConferenceDataVersion } from './meet-conference';

export interface Answer {
  status: number;
  body?: unknown;
}

const deleted = () => new GoogleApiError(410, 'deleted', 'Resource has been deleted');
const duplicate = () => new GoogleApiError(409, 'duplicate', 'The requested identifier already exists.');

/**
 * events.insert, import, get, update, patch, delete and list on one calendar, as Google answers
 * them: a deleted event stays readable with status `cancelled` (get answers it, a second delete
 * answers 410 deleted, its id cannot be taken again: 409 duplicate); `import` keys on the iCalUID,
 * so importing a UID the calendar already holds updates that event instead of adding a second.
 * A deleted event keeps no conference (Google guarantees a deleted event's id only). Writes take
 * the conferenceDataVersion query parameter (meet-conference.ts).
 */
export function eventsApi(store: CalendarStore, calendarId: string) {
  const existing = (eventId: string): StoredEvent => {
    const event = store.get(calendarId, eventId);
    if (event === undefined) throw notFound();
    return event;
  };

  /** `organizer`: Google takes one only from an import; an insert's event is the calendar's own. */
  function insert(body: calendar_v3.Schema$Event, version: ConferenceDataVersion, organizer?: calendar_v3.Schema$Event['organizer']): Answer {
    const id = body.id ?? randomEventId();
    if (!EVENT_ID.test(id)) throw invalid('Invalid resource id value.');
    if (store.get(calendarId, id) !== undefined) throw duplicate();
    const iCalUID = body.iCalUID ?? `${id}@google.com`;
    if (store.byICalUID(calendarId, iCalUID).some((e) => e.status !== 'cancelled')) throw duplicate();
    const conference = conferenceAfterWrite(body, undefined, { version, patch: false });
    return { status: 200, body: store.write(calendarId, eventFromBody(calendarId, body, { id, iCalUID, organizer, conference })) };
  }

  function importEvent(body: calendar_v3.Schema$Event, version: ConferenceDataVersion): Answer {
    if (typeof body.iCalUID !== 'string' || body.iCalUID.length === 0) throw required('iCalUID');
    const [same] = store.byICalUID(calendarId, body.iCalUID);
    if (same !== undefined) {
      const conference = conferenceAfterWrite(body, same, { version, patch: false });
      const event = eventFromBody(calendarId, { ...body, id: same.id }, { id: same.id, iCalUID: same.iCalUID, created: same.created, sequence: same.sequence, organizer: same.organizer, conference });
      return { status: 200, body: store.write(calendarId, event) };
    }
    return insert(body, version, body.organizer);
  }

  function replace(eventId: string, body: calendar_v3.Schema$Event, version: ConferenceDataVersion, merge: boolean): Answer {
    const before = existing(eventId);
    if (typeof body.sequence === 'number' && body.sequence < (before.sequence ?? 0)) {
      throw invalid('Invalid sequence value. The specified sequence number is below the current sequence number of the resource.');
    }
    const merged: calendar_v3.Schema$Event = merge ? { ...before, ...body } : body;
    const conference = conferenceAfterWrite(body, before, { version, patch: merge });
    // A PUT of a cancelled event without a status restores it, as on Google.
    const event = eventFromBody(calendarId, merged, { id: before.id, iCalUID: before.iCalUID, created: before.created, sequence: before.sequence, organizer: before.organizer, conference });
    return { status: 200, body: store.write(calendarId, event) };
  }

  return {
    list: (query: URLSearchParams): Answer => ({ status: 200, body: listEvents(store, calendarId, query) }),
    insert,
    importEvent,
    get: (eventId: string): Answer => ({ status: 200, body: existing(eventId) }),
    update: (eventId: string, body: calendar_v3.Schema$Event, version: ConferenceDataVersion) => replace(eventId, body, version, false),
    patch: (eventId: string, body: calendar_v3.Schema$Event, version: ConferenceDataVersion) => replace(eventId, body, version, true),
    delete: (eventId: string): Answer => {
      const { conferenceData: _conference, hangoutLink: _link, ...event } = existing(eventId);
      if (event.status === 'cancelled') throw deleted();
      store.write(calendarId, { ...event, status: 'cancelled' });
      return { status: 204 };
    },
    /** What freeBusy counts: confirmed or tentative, opaque, not declined by the calendar's owner. */
    busyBetween(from: number, to: number): { start: number; end: number }[] {
      return store
        .entries(calendarId)
        .map((entry) => entry.event)
        .filter((e) => e.status !== 'cancelled' && e.transparency !== 'transparent')
        .filter((e) => !(e.attendees ?? []).some((a) => a.self === true && a.responseStatus === 'declined'))
        .map((e) => ({ start: instantOf(e.start) ?? 0, end: instantOf(e.end) ?? 0 }))
        .filter((span) => span.end > from && span.start < to);
    },
  };
}
