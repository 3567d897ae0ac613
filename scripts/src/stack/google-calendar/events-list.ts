import type { calendar_v3 } from '@googleapis/calendar';
import type { CalendarStore } from './calendar-store';
import { instantOf } from './event-body';
import { invalid } from './google-errors';

/** Filters Google refuses beside a sync token (the sync guide: "not compatible with most filters"). */
const NOT_WITH_SYNC_TOKEN = ['iCalUID', 'orderBy', 'q', 'timeMin', 'timeMax', 'updatedMin', 'privateExtendedProperty', 'sharedExtendedProperty'];

interface PageToken {
  /** Entries created at or before this number were on earlier pages. */
  after: number;
  /** The change number the listing started at: the last page's sync token. */
  at: number;
}

function readPageToken(value: string | null, now: number): PageToken {
  if (value === null) return { after: 0, at: now };
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<PageToken>;
    if (typeof parsed.after === 'number' && typeof parsed.at === 'number') return { after: parsed.after, at: parsed.at };
  } catch {
    // answered below
  }
  throw invalid('Invalid page token value.');
}

/**
 * events.list: a full listing (window, iCalUID, showDeleted) or, with a sync token, every event
 * changed since it, deleted ones included as `cancelled`. Pages follow creation order;
 * nextSyncToken comes on the last page only, at the moment the first page was read, so a change
 * made while paging shows again in the next incremental read rather than never.
 */
export function listEvents(store: CalendarStore, calendarId: string, query: URLSearchParams): calendar_v3.Schema$Events {
  const cal = store.calendar(calendarId);
  const syncToken = query.get('syncToken');
  if (syncToken !== null && NOT_WITH_SYNC_TOKEN.some((name) => query.has(name))) {
    throw invalid(`syncToken cannot be combined with ${NOT_WITH_SYNC_TOKEN.filter((name) => query.has(name)).join(', ')}`);
  }
  const since = syncToken === null ? null : store.changesSince(cal, syncToken);
  const maxResults = Math.min(Number(query.get('maxResults') ?? 250), 2500);
  if (!Number.isInteger(maxResults) || maxResults < 1) throw invalid('Invalid value for maxResults');
  const page = readPageToken(query.get('pageToken'), store.currentSeq());
  const showDeleted = since !== null || query.get('showDeleted') === 'true';
  const from = query.has('timeMin') ? Date.parse(query.get('timeMin') ?? '') : -Infinity;
  const to = query.has('timeMax') ? Date.parse(query.get('timeMax') ?? '') : Infinity;
  if (Number.isNaN(from) || Number.isNaN(to)) throw invalid('Invalid value for timeMin or timeMax');
  const iCalUID = query.get('iCalUID');

  const matching = store.entries(calendarId).filter(({ event, createdSeq, changedSeq }) => {
    if (createdSeq <= page.after) return false;
    if (since !== null) return changedSeq > since;
    if (!showDeleted && event.status === 'cancelled') return false;
    if (iCalUID !== null && event.iCalUID !== iCalUID) return false;
    return (instantOf(event.end) ?? Infinity) > from && (instantOf(event.start) ?? -Infinity) < to;
  });
  const items = matching.slice(0, maxResults);
  const last = items.at(-1);
  const more = matching.length > items.length && last !== undefined;
  return {
    kind: 'calendar#events',
    etag: `"${cal.epoch}-${page.at}"`,
    summary: calendarId,
    updated: new Date().toISOString(),
    timeZone: 'UTC',
    accessRole: 'owner',
    defaultReminders: [],
    items: items.map((entry) => entry.event),
    ...(more
      ? { nextPageToken: Buffer.from(JSON.stringify({ after: last.createdSeq, at: page.at } satisfies PageToken)).toString('base64url') }
      : { nextSyncToken: store.syncToken(cal, page.at) }),
  };
}
