import { calendar, type calendar_v3 } from '@googleapis/calendar';
import type { OAuth2Client } from 'google-auth-library';
import type { BusyInterval } from '../busy-from-ical';
import type { DeleteResult, PutResult } from '../provider';
import { eventBody, eventSummary, portalVersionOf, type GoogleEventInput, type GoogleEventSummary } from './google-events';
import { GoogleCalendarProblem, asGoogleProblem, statusOf } from './google-problem';

export { googleAuthClient, GOOGLE_CALENDAR_SCOPES, GOOGLE_TOKEN_URL, type GoogleGrant } from './google-auth';
export { busyFromEvents, blocksTime, type GoogleEventInput, type GoogleEventSummary } from './google-events';
export { GoogleCalendarProblem, type GoogleProblemCode } from './google-problem';
export { readPushNotification, type GooglePush } from './push-notification';

export interface GoogleCalendarOptions {
  /** From googleAuthClient: a service account acting as the interviewer, or the interviewer's own grant. */
  auth: OAuth2Client;
  /** Google's (`https://www.googleapis.com/`) by default; the stand-in's in development and tests. */
  rootUrl?: string;
  /** Every request gives up after this long (TIMEOUT). */
  timeoutMs: number;
  /** Events a page when reading events; 250, Google's own default, unless a test wants pages sooner. */
  pageSize?: number;
}

export type CalendarBusy = { ok: true; busy: BusyInterval[] } | { ok: false; problem: GoogleCalendarProblem };

export interface EventsRead {
  /** True when this is the whole window (no token, or Google answered 410): replace what was kept, do not merge. */
  full: boolean;
  events: GoogleEventSummary[];
  nextSyncToken: string | null;
}

/** An event's Meet link: its hangoutLink, else its conference's video entry point; a conference still being made is worth waiting for. */
function conferenceLink(event: calendar_v3.Schema$Event): string {
  const video = event.conferenceData?.entryPoints?.find((e) => e.entryPointType === 'video')?.uri;
  const link = event.hangoutLink ?? video;
  if (typeof link === 'string' && link.startsWith('https://')) return link;
  const status = event.conferenceData?.createRequest?.status?.statusCode;
  if (status === 'pending') throw new GoogleCalendarProblem('RATE_LIMITED', 'make a Meet conference: still pending at Google', 2_000);
  throw new GoogleCalendarProblem('REFUSED', `make a Meet conference: no conference on the event (${status === 'failure' ? 'failure' : 'none'})`);
}

/** freeBusy takes at most 50 calendars a query (calendarExpansionMax). */
const FREE_BUSY_BATCH = 50;

/**
 * The Google Calendar API operations the portal needs, through the official client: busy times
 * in (freeBusy, or events with sync tokens), an interview's event out (keyed by the portal's
 * iCalUID), push channels. The client does not retry on its own: a failure leaves at once as a
 * GoogleCalendarProblem (RATE_LIMITED carries Retry-After), and the caller's retry policy decides.
 */
export function googleCalendarClient(options: GoogleCalendarOptions) {
  const api = calendar({ version: 'v3', auth: options.auth, retry: false, timeout: options.timeoutMs, ...(options.rootUrl ? { rootUrl: options.rootUrl } : {}) });

  async function attempt<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw asGoogleProblem(error, what);
    }
  }

  const withICalUID = (calendarId: string, iCalUID: string, showDeleted: boolean) =>
    api.events.list({ calendarId, iCalUID, showDeleted, maxResults: 10 }).then((r) => r.data.items ?? []);

  async function listAll(params: calendar_v3.Params$Resource$Events$List): Promise<{ items: calendar_v3.Schema$Event[]; nextSyncToken: string | null }> {
    const items: calendar_v3.Schema$Event[] = [];
    let pageToken: string | undefined;
    for (;;) {
      const { data } = await api.events.list({ ...params, maxResults: options.pageSize ?? 250, ...(pageToken ? { pageToken } : {}) });
      items.push(...(data.items ?? []));
      if (!data.nextPageToken) return { items, nextSyncToken: data.nextSyncToken ?? null };
      pageToken = data.nextPageToken;
    }
  }

  return {
    /** Each calendar's busy periods in [from, to), by freeBusy.query; a calendar Google would not show carries its problem. */
    busy: (calendarIds: readonly string[], from: Date, to: Date) =>
      attempt('read free/busy', async () => {
        const found = new Map<string, CalendarBusy>();
        for (let i = 0; i < calendarIds.length; i += FREE_BUSY_BATCH) {
          const batch = calendarIds.slice(i, i + FREE_BUSY_BATCH);
          const { data } = await api.freebusy.query({ requestBody: { timeMin: from.toISOString(), timeMax: to.toISOString(), items: batch.map((id) => ({ id })) } });
          for (const id of batch) {
            const entry = data.calendars?.[id] ?? data.calendars?.[id.toLowerCase()];
            const reason = entry?.errors?.[0]?.reason ?? (entry === undefined ? 'missing' : undefined);
            if (reason !== undefined && reason !== null) {
              const code = reason === 'notFound' ? 'NOT_FOUND' : 'REFUSED';
              found.set(id, { ok: false, problem: new GoogleCalendarProblem(code, `read free/busy: ${/^[A-Za-z]{1,40}$/.test(reason) ? reason : 'error'}`) });
            } else {
              const busy = (entry?.busy ?? []).flatMap((p) => (p.start && p.end ? [{ start: new Date(p.start), end: new Date(p.end) }] : []));
              found.set(id, { ok: true, busy });
            }
          }
        }
        return found;
      }),

    /**
     * The calendar's events: with a sync token, only what changed since (deleted ones as
     * cancelled); without one, or when Google says the token is spent (410), the whole window
     * again with `full` set. Keep `nextSyncToken` for the next read.
     */
    readEvents: (calendarId: string, read: { syncToken: string | null; from: Date; to: Date; zone?: string }) =>
      attempt('read events', async (): Promise<EventsRead> => {
        const zone = read.zone ?? 'UTC';
        if (read.syncToken !== null) {
          try {
            // Google wants an incremental read asked as the full read was, less the window.
            const { items, nextSyncToken } = await listAll({ calendarId, syncToken: read.syncToken, singleEvents: true });
            return { full: false, events: items.map((e) => eventSummary(e, zone)), nextSyncToken };
          } catch (error) {
            if (statusOf(error)?.status !== 410) throw error;
          }
        }
        const { items, nextSyncToken } = await listAll({ calendarId, timeMin: read.from.toISOString(), timeMax: read.to.toISOString(), singleEvents: true });
        return { full: true, events: items.map((e) => eventSummary(e, zone)), nextSyncToken };
      }),

    /**
     * Puts the interview's event, keyed by its iCalUID: the event that already carries it
     * (even one deleted since) is updated, otherwise it is imported. Import keys on the iCalUID
     * too, so two writers racing past the look-up still leave one event. An event the portal
     * already wrote at a higher version than `input.sequence` is left as it is.
     */
    putEvent: (calendarId: string, input: GoogleEventInput) =>
      attempt('write the event', async (): Promise<{ eventId: string; result: PutResult }> => {
        const [existing] = await withICalUID(calendarId, input.iCalUID, true);
        if (existing?.id) {
          if (input.sequence !== undefined && (portalVersionOf(existing) ?? -1) > input.sequence) return { eventId: existing.id, result: 'a newer version is there' };
          const { data } = await api.events.update({ calendarId, eventId: existing.id, requestBody: eventBody(input, existing) });
          return { eventId: data.id ?? existing.id, result: 'updated' };
        }
        const { data } = await api.events.import({ calendarId, requestBody: eventBody(input) });
        return { eventId: data.id ?? '', result: 'created' };
      }),

    /**
     * Deletes the event carrying this iCalUID; none there (or deleted already) counts as done. With
     * `sequence`, an event the portal wrote at a higher version stays.
     */
    deleteEvent: (calendarId: string, iCalUID: string, sequence?: number) =>
      attempt('delete the event', async (): Promise<DeleteResult> => {
        const found = (await withICalUID(calendarId, iCalUID, false)).filter((e) => e.id);
        if (sequence !== undefined && found.some((e) => (portalVersionOf(e) ?? -1) > sequence)) return 'a newer version is there';
        for (const event of found) {
          try {
            await api.events.delete({ calendarId, eventId: event.id ?? '' });
          } catch (error) {
            const status = statusOf(error)?.status;
            if (status !== 404 && status !== 410) throw error;
          }
        }
        return found.length > 0 ? 'deleted' : 'already absent';
      }),

    /**
     * A Google Meet conference on an event of its own named `eventId` (base32hex), made once: the
     * event's id and the conference's requestId are the caller's, so a retry after a lost answer
     * meets Google's 409 and reads the event the earlier attempt made. Google may make the
     * conference a moment after the event (its status `pending`): that answers RATE_LIMITED, which
     * the caller's retry policy waits out. Answers the conference's join link.
     */
    openConference: (calendarId: string, event: { eventId: string; summary: string; start: Date; end: Date }) =>
      attempt('make a Meet conference', async () => {
        try {
          const { data } = await api.events.insert({
            calendarId,
            conferenceDataVersion: 1,
            requestBody: {
              id: event.eventId,
              summary: event.summary,
              start: { dateTime: event.start.toISOString() },
              end: { dateTime: event.end.toISOString() },
              conferenceData: { createRequest: { requestId: event.eventId, conferenceSolutionKey: { type: 'hangoutsMeet' } } },
            },
          });
          return conferenceLink(data);
        } catch (error) {
          if (statusOf(error)?.status !== 409) throw error;
          const { data } = await api.events.get({ calendarId, eventId: event.eventId });
          // The id is taken by an event deleted since (a cancelled interview's): not a conference to hand out again.
          if (data.status === 'cancelled') throw new GoogleCalendarProblem('CONFLICT', 'make a Meet conference: HTTP 409 on an event deleted since');
          return conferenceLink(data);
        }
      }),

    /** Moves the conference's event; its link stays. NOT_FOUND when Google no longer has it. */
    moveConference: (calendarId: string, event: { eventId: string; start: Date; end: Date }) =>
      attempt('move a Meet conference', async () => {
        const { data } = await api.events.patch({ calendarId, eventId: event.eventId, requestBody: { start: { dateTime: event.start.toISOString() }, end: { dateTime: event.end.toISOString() } } });
        if (data.status === 'cancelled') throw new GoogleCalendarProblem('NOT_FOUND', 'move a Meet conference: the event was deleted');
        return conferenceLink(data);
      }),

    /** Deletes the conference's event, and the conference with it; one Google no longer has counts as gone. */
    closeConference: (calendarId: string, eventId: string) =>
      attempt('delete a Meet conference', async (): Promise<'deleted' | 'already absent'> => {
        try {
          await api.events.delete({ calendarId, eventId });
          return 'deleted';
        } catch (error) {
          const status = statusOf(error)?.status;
          if (status === 404 || status === 410) return 'already absent';
          throw error;
        }
      }),

    /** Opens a push channel on the calendar's events; Google posts to `address` with `token` in X-Goog-Channel-Token. */
    watch: (calendarId: string, channel: { channelId: string; address: string; token: string; ttlSeconds?: number }) =>
      attempt('open a push channel', async () => {
        const expiration = channel.ttlSeconds === undefined ? undefined : String(Date.now() + channel.ttlSeconds * 1000);
        const { data } = await api.events.watch({
          calendarId,
          requestBody: { id: channel.channelId, type: 'web_hook', address: channel.address, token: channel.token, ...(expiration ? { expiration } : {}) },
        });
        if (!data.resourceId) throw new GoogleCalendarProblem('BAD_RESPONSE', 'open a push channel: no resourceId');
        return { channelId: channel.channelId, resourceId: data.resourceId, expiresAt: data.expiration ? new Date(Number(data.expiration)) : null };
      }),

    /** Closes a push channel; one Google no longer has counts as closed. */
    stopWatch: (channel: { channelId: string; resourceId: string }) =>
      attempt('close a push channel', async () => {
        try {
          await api.channels.stop({ requestBody: { id: channel.channelId, resourceId: channel.resourceId } });
        } catch (error) {
          if (statusOf(error)?.status !== 404) throw error;
        }
      }),
  };
}

export type GoogleCalendarClient = ReturnType<typeof googleCalendarClient>;
