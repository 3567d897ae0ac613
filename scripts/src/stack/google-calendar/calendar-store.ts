import { createHash, randomBytes } from 'node:crypto';
import type { calendar_v3 } from '@googleapis/calendar';
import { GoogleApiError } from './google-errors';

/**
 * The stand-in's calendars, in memory. Every change to an event takes the next number of one
 * counter; a sync token is a calendar's epoch and the number it was issued at, so "what changed
 * since" is every event with a higher number. Invalidating a calendar's tokens (a test's switch,
 * as Google does now and then) bumps its epoch: older tokens answer 410 fullSyncRequired.
 */
export type StoredEvent = calendar_v3.Schema$Event & { id: string; iCalUID: string; status: string };

interface Entry {
  event: StoredEvent;
  createdSeq: number;
  changedSeq: number;
}

export interface Calendar {
  id: string;
  epoch: number;
  entries: Map<string, Entry>;
}

/** base32hex, as Google's event ids are (a-v, 0-9). */
const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';
export function randomEventId(): string {
  return [...randomBytes(26)].map((byte) => BASE32HEX[byte % 32]).join('');
}
export const EVENT_ID = /^[a-v0-9]{5,1024}$/;

export function createCalendarStore(onChange: (calendarId: string) => void) {
  const calendars = new Map<string, Calendar>();
  let seq = 0;

  const calendar = (id: string): Calendar => {
    let found = calendars.get(id);
    if (found === undefined) {
      found = { id, epoch: 1, entries: new Map() };
      calendars.set(id, found);
    }
    return found;
  };

  const etagOf = (event: calendar_v3.Schema$Event, at: number) => `"${createHash('sha256').update(`${at}:${JSON.stringify(event)}`).digest('hex').slice(0, 16)}"`;

  /** Writes an event (new or replaced) and tells the calendar's channels. */
  function write(calendarId: string, event: StoredEvent): StoredEvent {
    const cal = calendar(calendarId);
    seq += 1;
    const existing = cal.entries.get(event.id);
    const stored: StoredEvent = { ...event, updated: new Date().toISOString() };
    stored.etag = etagOf(stored, seq);
    cal.entries.set(event.id, { event: stored, createdSeq: existing?.createdSeq ?? seq, changedSeq: seq });
    onChange(calendarId);
    return stored;
  }

  const get = (calendarId: string, eventId: string) => calendar(calendarId).entries.get(eventId)?.event;
  const byICalUID = (calendarId: string, iCalUID: string) => [...calendar(calendarId).entries.values()].map((e) => e.event).filter((e) => e.iCalUID === iCalUID);

  function syncToken(cal: Calendar, at: number): string {
    return Buffer.from(`${cal.epoch}.${at}`).toString('base64url');
  }

  /** The change number a token stands for, or 410 when the token is not (or no longer) this calendar's. */
  function changesSince(cal: Calendar, token: string): number {
    const [epoch, at] = Buffer.from(token, 'base64url').toString('utf8').split('.').map(Number);
    if (epoch !== cal.epoch || at === undefined || !Number.isInteger(at)) {
      throw new GoogleApiError(410, 'fullSyncRequired', 'Sync token is no longer valid, a full sync is required.');
    }
    return at;
  }

  return {
    calendar,
    write,
    get,
    byICalUID,
    syncToken,
    changesSince,
    /** Entries in creation order, for paging by the creation number a page token carries. */
    entries: (calendarId: string) => [...calendar(calendarId).entries.values()].sort((a, b) => a.createdSeq - b.createdSeq),
    currentSeq: () => seq,
    invalidateSyncTokens: (calendarId: string) => {
      calendar(calendarId).epoch += 1;
    },
  };
}

export type CalendarStore = ReturnType<typeof createCalendarStore>;
