import { createHash } from 'node:crypto';
import type { OAuth2Client } from 'google-auth-library';
import { interviewIdOfUid, onceEach, readSinceMarker, type CalendarProvider } from '../provider';
import { googleAuthClient, type GoogleGrant } from './google-auth';
import { googleCalendarClient, type GoogleCalendarClient } from './google-calendar';
import { busyFromEvents, type GoogleEventSummary } from './google-events';

export { parseServiceAccountKey, type GoogleServiceAccount } from './service-account';
export type { GoogleGrant } from './google-auth';

export interface GoogleEndpoints {
  /** Google's (`https://www.googleapis.com/`) unless set: the stand-in's in development and tests. */
  rootUrl?: string;
  /** Google's token endpoint unless set. */
  tokenUrl?: string;
  /** Every request gives up after this long. */
  timeoutMs: number;
}

const grantKey = (grant: GoogleGrant) =>
  createHash('sha256')
    .update(grant.kind === 'delegated' ? `d ${grant.clientEmail} ${grant.subject} ${grant.privateKey}` : `u ${grant.clientId} ${grant.refreshToken}`)
    .digest('base64url');

/**
 * Google clients by grant, made once and kept: an auth client keeps its access token until it
 * expires, so a sync every minute asks the token endpoint once an hour per calendar, not every
 * time. Create one at start-up and pass it in. `forget` drops a grant's client (revoked, replaced).
 */
export function createGoogleClients(endpoints: GoogleEndpoints, max = 5_000) {
  const clients = new Map<string, { auth: OAuth2Client; api: GoogleCalendarClient }>();
  return {
    clientFor(grant: GoogleGrant): GoogleCalendarClient {
      const key = grantKey(grant);
      let found = clients.get(key);
      if (found === undefined) {
        const auth = googleAuthClient(grant, { ...(endpoints.tokenUrl ? { tokenUrl: endpoints.tokenUrl } : {}), timeoutMs: endpoints.timeoutMs });
        found = { auth, api: googleCalendarClient({ auth, timeoutMs: endpoints.timeoutMs, ...(endpoints.rootUrl ? { rootUrl: endpoints.rootUrl } : {}) }) };
        if (clients.size >= max) clients.delete(clients.keys().next().value ?? '');
        clients.set(key, found);
      }
      return found.api;
    },
    forget(grant: GoogleGrant): void {
      clients.delete(grantKey(grant));
    },
  };
}

export type GoogleClients = ReturnType<typeof createGoogleClients>;

const isPortalEvent = (event: GoogleEventSummary) => interviewIdOfUid(event.iCalUID) !== null;

/**
 * One interviewer's Google calendar behind the provider interface. The marker is the events sync
 * token: an unchanged calendar costs one incremental read that comes back empty; a changed one (or
 * a spent token, 410) is read whole for the window, so nothing of earlier reads needs keeping.
 * Busy as Google's free/busy counts it (tentative busy; transparent, cancelled and declined free).
 * The claim's last look asks freeBusy for just the slot.
 */
export function googleProvider(client: GoogleCalendarClient, calendarId: string): CalendarProvider {
  return {
    name: 'google',
    read: (window, since) =>
      readSinceMarker(
        since,
        (syncToken) => client.readEvents(calendarId, { syncToken, ...window }),
        (events) => ({
          busy: busyFromEvents(events, window.from, window.to),
          othersBusy: busyFromEvents(events.filter((e) => !isPortalEvent(e)), window.from, window.to),
          declined: onceEach(events.filter((e) => e.status !== 'cancelled' && e.attendees.some((a) => a.self && a.responseStatus === 'declined')).flatMap((e) => interviewIdOfUid(e.iCalUID) ?? [])),
          warnings: events.some((e) => e.status !== 'cancelled' && (e.start === null || e.end === null)) ? ['An event without a start or an end was not counted.'] : [],
        }),
      ),
    async busyAt(window) {
      const found = (await client.busy([calendarId], window.from, window.to)).get(calendarId);
      if (found === undefined) return [];
      if (!found.ok) throw found.problem;
      return found.busy;
    },
    push: {
      open: (channel) => client.watch(calendarId, channel),
      close: (channel) => client.stopWatch(channel),
    },
    events: {
      put: async ({ uid, ics: _ics, ...event }) => (await client.putEvent(calendarId, { ...event, iCalUID: uid })).result,
      delete: (uid, sequence) => client.deleteEvent(calendarId, uid, sequence),
    },
  };
}
