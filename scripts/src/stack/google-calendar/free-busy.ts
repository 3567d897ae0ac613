import type { calendar_v3 } from '@googleapis/calendar';
import { GoogleApiError, required } from './google-errors';

/** Google's own limit on calendars in one query (calendarExpansionMax). */
export const MAX_CALENDARS_PER_QUERY = 50;

export interface FreeBusyAccess {
  /** Whether the caller may see this calendar's free/busy (else the calendar answers notFound, as on Google). */
  canSee(calendarId: string): boolean;
  busyBetween(calendarId: string, from: number, to: number): { start: number; end: number }[];
}

function merged(spans: { start: number; end: number }[], from: number, to: number): calendar_v3.Schema$TimePeriod[] {
  const clipped = spans.map((s) => ({ start: Math.max(s.start, from), end: Math.min(s.end, to) })).sort((a, b) => a.start - b.start);
  const out: { start: number; end: number }[] = [];
  for (const span of clipped) {
    const previous = out.at(-1);
    if (previous !== undefined && span.start <= previous.end) previous.end = Math.max(previous.end, span.end);
    else out.push({ ...span });
  }
  return out.map((s) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() }));
}

/** freebusy.query: each calendar's busy periods in the window, merged and clipped; a calendar the caller cannot see carries an error instead. */
export function freeBusyQuery(body: calendar_v3.Schema$FreeBusyRequest, access: FreeBusyAccess): calendar_v3.Schema$FreeBusyResponse {
  if (typeof body.timeMin !== 'string') throw required('timeMin');
  if (typeof body.timeMax !== 'string') throw required('timeMax');
  const from = Date.parse(body.timeMin);
  const to = Date.parse(body.timeMax);
  if (Number.isNaN(from) || Number.isNaN(to)) throw new GoogleApiError(400, 'invalid', 'Bad Request');
  if (to <= from) throw new GoogleApiError(400, 'timeRangeEmpty', 'The specified time range is empty.');
  const items = body.items ?? [];
  if (items.length > MAX_CALENDARS_PER_QUERY) throw new GoogleApiError(400, 'tooManyCalendarsRequested', 'The number of calendars requested is too large.');
  const calendars: Record<string, calendar_v3.Schema$FreeBusyCalendar> = {};
  for (const item of items) {
    const id = String(item.id ?? '').toLowerCase();
    calendars[id] = access.canSee(id) ? { busy: merged(access.busyBetween(id, from, to), from, to) } : { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] };
  }
  return { kind: 'calendar#freeBusy', timeMin: new Date(from).toISOString(), timeMax: new Date(to).toISOString(), calendars };
}
