import { createHash } from 'node:crypto';
import type { Event } from '@microsoft/microsoft-graph-types';
import { graphClient } from './graph-client';
import type { MicrosoftTokenSource } from './microsoft-auth';
import type { DeleteResult, PutResult } from '../provider';
import { eventBody, eventSummary, graphTime, PORTAL_UID_MARK, PORTAL_UID_PROPERTY, PORTAL_VERSION_PROPERTY, portalVersionOf, type MicrosoftEventInput, type MicrosoftEventSummary } from './microsoft-events';
import { asMicrosoftProblem, MicrosoftCalendarProblem, statusOf } from './microsoft-problem';
import { scheduleOf } from './microsoft-schedule';
import { subscriptionsOf } from './microsoft-subscriptions';

export { GRAPH_URL } from './graph-client';
export { microsoftTokenSource, microsoftAuthorizationUrl, redeemAuthorizationCode, newPkcePair, GRAPH_APP_SCOPES, GRAPH_USER_SCOPES, MICROSOFT_AUTHORITY_HOST } from './microsoft-auth';
export type { MicrosoftApp, MicrosoftAuthOptions, MicrosoftGrant, MicrosoftTokenSource } from './microsoft-auth';
export { blocksTime, busyFromEvents, declinedAttendees, PORTAL_UID_PROPERTY, PORTAL_VERSION_PROPERTY, type AttendeeAnswer, type MicrosoftEventInput, type MicrosoftEventSummary } from './microsoft-events';
export { MicrosoftCalendarProblem, type MicrosoftProblemCode } from './microsoft-problem';
export { type CalendarBusy } from './microsoft-schedule';
export { type MicrosoftChannel } from './microsoft-subscriptions';
export { readChangeNotifications, validationAnswer, type ChangeNotificationsRead, type MicrosoftChange, type MicrosoftLifecycleNotice } from './change-notifications';

export interface MicrosoftCalendarOptions {
  /** From microsoftTokenSource: the organisation's app-only grant, or the interviewer's own. */
  auth: MicrosoftTokenSource;
  /** Graph's (`https://graph.microsoft.com`) by default; the stand-in's in development and tests. */
  graphUrl?: string;
  /** A loopback `host:port` named https but spoken to in plain HTTP: the stand-in only. */
  plainHttpHost?: string;
  /** Every request gives up after this long (TIMEOUT). */
  timeoutMs: number;
  /** Events a page when reading events (`Prefer: odata.maxpagesize`); Graph's own size unless a test wants pages sooner. */
  pageSize?: number;
  /** The mailbox whose calendar asks getSchedule: the user's own on a user grant; the first one asked about by default. */
  viewer?: string;
}

export interface EventsRead {
  /** True when this is the whole window (no delta link, or Graph answered 410): replace what was kept, do not merge. */
  full: boolean;
  events: MicrosoftEventSummary[];
  /** Graph's `@odata.deltaLink`: where the next incremental read starts. */
  nextSyncToken: string | null;
}

const UTC = 'outlook.timezone="UTC"';
const user = (id: string) => `/users/${encodeURIComponent(id)}`;
const quoted = (value: string) => `'${value.replace(/'/g, "''")}'`;
/** Graph's idempotency key for a create: the same for every put of one UID, so a retried or racing POST makes one event. */
const transactionIdOf = (iCalUID: string) => `ivp-${createHash('sha256').update(iCalUID).digest('hex').slice(0, 40)}`;

/**
 * The Microsoft Graph operations the portal needs, through the official client: busy times in
 * (getSchedule, or calendarView delta), an interview's event out (keyed by the portal's iCalUID
 * in an extended property), change-notification subscriptions. No retries of its own: a failure
 * leaves at once as a MicrosoftCalendarProblem (RATE_LIMITED carries Retry-After); a 401 takes a
 * new token and asks once more, so a revoked grant shows as the token endpoint's invalid_grant.
 */
export function microsoftCalendarClient(options: MicrosoftCalendarOptions) {
  const api = graphClient(options);

  async function attempt<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (first) {
      if (statusOf(first)?.status !== 401) throw asMicrosoftProblem(first, what);
      options.auth.invalidate();
      try {
        return await work();
      } catch (second) {
        throw asMicrosoftProblem(second, what);
      }
    }
  }

  /** The events carrying the UID (filtered on it, as Graph documents), each with the portal's version expanded. */
  const withUID = async (calendarId: string, iCalUID: string): Promise<Event[]> => {
    const filter = `singleValueExtendedProperties/Any(ep: ep/id eq ${quoted(PORTAL_UID_PROPERTY)} and ep/value eq ${quoted(iCalUID)})`;
    const page = (await api
      .api(`${user(calendarId)}/events`)
      .filter(filter)
      .expand(`singleValueExtendedProperties($filter=id eq ${quoted(PORTAL_VERSION_PROPERTY)})`)
      .header('Prefer', UTC)
      .get()) as { value?: Event[] };
    return (page.value ?? []).filter((e) => e.id);
  };

  async function readAll(first: string, query: Record<string, string> | null, calendarId: string): Promise<{ events: MicrosoftEventSummary[]; deltaLink: string | null }> {
    const prefer = options.pageSize === undefined ? UTC : `odata.maxpagesize=${options.pageSize}, ${UTC}`;
    const events: MicrosoftEventSummary[] = [];
    let request = api.api(first).header('Prefer', prefer);
    if (query !== null) request = request.query(query);
    for (;;) {
      const page = (await request.get()) as { value?: Event[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string };
      events.push(...(page.value ?? []).map((e) => eventSummary(e, calendarId)));
      const next = page['@odata.nextLink'];
      if (next === undefined) return { events, deltaLink: page['@odata.deltaLink'] ?? null };
      request = api.api(next).header('Prefer', prefer);
    }
  }

  /** Updates the event unless it is already at a higher version of the portal's than the input's. */
  async function update(calendarId: string, existing: Event & { id: string }, input: MicrosoftEventInput): Promise<{ eventId: string; result: PutResult }> {
    if (input.sequence !== undefined && (portalVersionOf(existing) ?? -1) > input.sequence) return { eventId: existing.id, result: 'a newer version is there' };
    await api.api(`${user(calendarId)}/events/${encodeURIComponent(existing.id)}`).patch(eventBody(input));
    return { eventId: existing.id, result: 'updated' };
  }
  const withId = (event: Event | undefined): (Event & { id: string }) | undefined => (event?.id ? { ...event, id: event.id } : undefined);

  return {
    ...scheduleOf(api, attempt, options.viewer),

    /**
     * The mailbox's events in the window by calendarView delta: with a delta link (`syncToken`), only
     * what changed since (deleted ones as cancelled); without one, or when Graph says the link is
     * spent (410), the whole window again.
     */
    readEvents: (calendarId: string, read: { syncToken: string | null; from: Date; to: Date }) =>
      attempt('read events', async (): Promise<EventsRead> => {
        if (read.syncToken !== null) {
          try {
            const { events, deltaLink } = await readAll(read.syncToken, null, calendarId);
            return { full: false, events, nextSyncToken: deltaLink };
          } catch (error) {
            if (statusOf(error)?.status !== 410) throw error;
          }
        }
        const window = { startDateTime: read.from.toISOString(), endDateTime: read.to.toISOString() };
        const { events, deltaLink } = await readAll(`${user(calendarId)}/calendarView/delta`, window, calendarId);
        return { full: true, events, nextSyncToken: deltaLink };
      }),

    /**
     * The mailbox's events the portal wrote, by Graph's event id with the portal's UID: a delta read
     * does not carry extended properties, so a read that changed asks once more, for only the
     * events whose UID property holds the portal's mark (Graph's documented `contains` filter on a
     * string extended property), with that property expanded. Not the whole mailbox: its own
     * events are never listed.
     */
    portalEvents: (calendarId: string) =>
      attempt('read the portal\'s events', async (): Promise<Map<string, string>> => {
        const found = new Map<string, string>();
        const filter = `singleValueExtendedProperties/Any(ep: ep/id eq ${quoted(PORTAL_UID_PROPERTY)} and contains(ep/value, ${quoted(PORTAL_UID_MARK)}))`;
        let request = api
          .api(`${user(calendarId)}/events`)
          .filter(filter)
          .select('id')
          .top(500)
          .expand(`singleValueExtendedProperties($filter=id eq ${quoted(PORTAL_UID_PROPERTY)})`)
          .header('Prefer', UTC);
        for (;;) {
          const page = (await request.get()) as { value?: Event[]; '@odata.nextLink'?: string };
          for (const event of page.value ?? []) {
            const uid = eventSummary(event, calendarId).portalUID;
            if (event.id && uid !== null) found.set(event.id, uid);
          }
          const next = page['@odata.nextLink'];
          if (next === undefined) return found;
          request = api.api(next).header('Prefer', UTC);
        }
      }),

    /** The event carrying this iCalUID, with its attendees' answers (a decline shows here), or null. */
    getEvent: (calendarId: string, iCalUID: string) =>
      attempt('read the event', async () => {
        const [event] = await withUID(calendarId, iCalUID);
        return event === undefined ? null : { ...eventSummary(event, calendarId), portalUID: iCalUID };
      }),

    /**
     * Puts the interview's event, keyed by its iCalUID: the event that carries it is updated,
     * otherwise one is created with a transactionId made from the UID, so a retried or racing
     * create that Graph refuses as ErrorDuplicateTransactionId finds the first one and updates it.
     * An event the portal already wrote at a higher version than `input.sequence` is left as it is.
     */
    putEvent: (calendarId: string, input: MicrosoftEventInput) =>
      attempt('write the event', async (): Promise<{ eventId: string; result: PutResult }> => {
        const existing = withId((await withUID(calendarId, input.iCalUID))[0]);
        if (existing) return update(calendarId, existing, input);
        try {
          const created = (await api.api(`${user(calendarId)}/events`).post({ ...eventBody(input), transactionId: transactionIdOf(input.iCalUID) })) as Event;
          return { eventId: created.id ?? '', result: 'created' };
        } catch (error) {
          if (statusOf(error)?.code !== 'ErrorDuplicateTransactionId') throw error;
        }
        const raced = withId((await withUID(calendarId, input.iCalUID))[0]);
        if (raced) return update(calendarId, raced, input);
        // The key's first event was deleted since: a new one, without the spent key.
        const created = (await api.api(`${user(calendarId)}/events`).post(eventBody(input))) as Event;
        return { eventId: created.id ?? '', result: 'created' };
      }),

    /**
     * Deletes the event carrying this iCalUID; none there (or deleted already) counts as done. With
     * `sequence`, an event the portal wrote at a higher version stays.
     */
    deleteEvent: (calendarId: string, iCalUID: string, sequence?: number) =>
      attempt('delete the event', async (): Promise<DeleteResult> => {
        const found = await withUID(calendarId, iCalUID);
        if (sequence !== undefined && found.some((e) => (portalVersionOf(e) ?? -1) > sequence)) return 'a newer version is there';
        for (const event of found) {
          try {
            await api.api(`${user(calendarId)}/events/${encodeURIComponent(event.id ?? '')}`).delete();
          } catch (error) {
            if (statusOf(error)?.status !== 404) throw error;
          }
        }
        return found.length > 0 ? 'deleted' : 'already absent';
      }),

    /**
     * A Teams meeting as the online meeting of an event of its own, keyed by `uid` as the portal's
     * events are: one that carries it answers its link, otherwise it is created with a transactionId
     * made from the UID, so a retried create after a lost answer finds the first. Answers the join link.
     */
    openOnlineMeeting: (calendarId: string, event: { uid: string; summary: string; start: Date; end: Date }) =>
      attempt('make a Teams meeting', async () => {
        const made = (await withUID(calendarId, event.uid))[0];
        if (made !== undefined) return joinUrlOf(made);
        const body = { ...eventBody({ iCalUID: event.uid, summary: event.summary, start: event.start, end: event.end }), isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' };
        try {
          return joinUrlOf((await api.api(`${user(calendarId)}/events`).post({ ...body, transactionId: transactionIdOf(event.uid) })) as Event);
        } catch (error) {
          if (statusOf(error)?.code !== 'ErrorDuplicateTransactionId') throw error;
        }
        const raced = (await withUID(calendarId, event.uid))[0];
        if (raced === undefined) throw new MicrosoftCalendarProblem('CONFLICT', 'make a Teams meeting: the first event of this key was deleted since');
        return joinUrlOf(raced);
      }),

    /** Moves the meeting's event; its link stays. NOT_FOUND when Graph no longer has it. */
    moveOnlineMeeting: (calendarId: string, event: { uid: string; start: Date; end: Date }) =>
      attempt('move a Teams meeting', async () => {
        const made = withId((await withUID(calendarId, event.uid))[0]);
        if (made === undefined) throw new MicrosoftCalendarProblem('NOT_FOUND', 'move a Teams meeting: no event carries it');
        const moved = (await api.api(`${user(calendarId)}/events/${encodeURIComponent(made.id)}`).patch({ start: graphTime(event.start, 'UTC'), end: graphTime(event.end, 'UTC') })) as Event | undefined;
        return joinUrlOf(moved?.onlineMeeting ? moved : made);
      }),

    ...subscriptionsOf(api, attempt),
  };
}

/** An event's Teams join link. */
function joinUrlOf(event: Event): string {
  const link = event.onlineMeeting?.joinUrl;
  if (typeof link === 'string' && link.startsWith('https://')) return link;
  throw new MicrosoftCalendarProblem('REFUSED', 'make a Teams meeting: the event has no online meeting (is Teams enabled for the mailbox?)');
}

export type MicrosoftCalendarClient = ReturnType<typeof microsoftCalendarClient>;
