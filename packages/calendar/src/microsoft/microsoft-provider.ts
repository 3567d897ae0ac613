import { createHash } from 'node:crypto';
import { interviewIdOfUid, onceEach, readSinceMarker, type CalendarProvider } from '../provider';
import { microsoftCalendarClient, type MicrosoftCalendarClient } from './microsoft-calendar';
import { microsoftTokenSource, type MicrosoftApp, type MicrosoftTokenSource } from './microsoft-auth';
import { busyFromEvents, type MicrosoftEventSummary } from './microsoft-events';

export type { MicrosoftApp } from './microsoft-auth';

export interface MicrosoftEndpoints {
  /** Graph's (`https://graph.microsoft.com`) unless set: the stand-in's in development and tests. */
  graphUrl?: string;
  /** Entra ID's sign-in host (`https://login.microsoftonline.com`) unless set. */
  authorityHost?: string;
  /** A loopback `host:port` named https but spoken to in plain HTTP: the stand-in only. */
  plainHttpHost?: string;
  /** Every request gives up after this long. */
  timeoutMs: number;
}

const appKey = (app: MicrosoftApp) => createHash('sha256').update(`${app.tenantId} ${app.clientId} ${app.clientSecret}`).digest('base64url');

/**
 * One Graph client per app registration, made once and kept: its token source keeps the app-only
 * token until five minutes before it expires, for every mailbox of the tenant. Create one at
 * start-up and pass it in; `forget` drops an app's client (refused, replaced).
 */
export function createMicrosoftClients(endpoints: MicrosoftEndpoints) {
  const clients = new Map<string, { auth: MicrosoftTokenSource; api: MicrosoftCalendarClient }>();
  const { graphUrl, authorityHost, plainHttpHost, timeoutMs } = endpoints;
  const hosts = { ...(plainHttpHost ? { plainHttpHost } : {}), timeoutMs };
  return {
    clientFor(app: MicrosoftApp): MicrosoftCalendarClient {
      const key = appKey(app);
      let found = clients.get(key);
      if (found === undefined) {
        const auth = microsoftTokenSource({ kind: 'app', ...app }, { ...hosts, ...(authorityHost ? { authorityHost } : {}) });
        found = { auth, api: microsoftCalendarClient({ auth, ...hosts, ...(graphUrl ? { graphUrl } : {}) }) };
        clients.set(key, found);
      }
      return found.api;
    },
    forget(app: MicrosoftApp): void {
      clients.delete(appKey(app));
    },
  };
}

export type MicrosoftClients = ReturnType<typeof createMicrosoftClients>;

/**
 * One interviewer's Microsoft 365 calendar behind the provider interface. The marker is the
 * calendarView delta link: an unchanged calendar costs one delta read that comes back empty; a
 * changed one (or a spent link, 410) is read whole for the window (readSinceMarker, as Google's).
 * A delta read carries no extended properties, so a changed read asks once which events carry the
 * portal's UID, filtered to those (its interviews: not others' busy time, and the ones whose owner
 * declined). Busy as getSchedule
 * counts it (busy, tentative, oof); the claim's last look asks getSchedule for just the slot.
 * Push is Graph's change-notification subscriptions: the portal's channel id stays the portal's,
 * the subscription's id is the channel's `resourceId` (what closes it, and what notifications name).
 */
export function microsoftProvider(client: MicrosoftCalendarClient, calendarId: string): CalendarProvider {
  return {
    name: 'microsoft',
    read: (window, since) =>
      readSinceMarker(
        since,
        (syncToken) => client.readEvents(calendarId, { syncToken, ...window }),
        async (all) => {
          const events = all.filter((e) => e.status !== 'cancelled');
          const portal = await client.portalEvents(calendarId);
          const isPortal = (e: MicrosoftEventSummary) => portal.has(e.id);
          return {
            busy: busyFromEvents(events, window.from, window.to),
            othersBusy: busyFromEvents(events.filter((e) => !isPortal(e)), window.from, window.to),
            declined: onceEach(events.filter((e) => isPortal(e) && e.attendees.some((a) => a.self && a.responseStatus === 'declined')).flatMap((e) => interviewIdOfUid(portal.get(e.id)) ?? [])),
            warnings: events.some((e) => e.start === null || e.end === null) ? ['An event without a start or an end was not counted.'] : [],
          };
        },
      ),
    async busyAt(window) {
      const found = (await client.busy([calendarId], window.from, window.to)).get(calendarId);
      if (found === undefined) return [];
      if (!found.ok) throw found.problem;
      return found.busy;
    },
    push: {
      open: async (channel) => {
        const opened = await client.watch(calendarId, { address: channel.address, token: channel.token, ttlSeconds: channel.ttlSeconds });
        return { channelId: channel.channelId, resourceId: opened.channelId, expiresAt: opened.expiresAt };
      },
      close: (channel) => client.stopWatch({ channelId: channel.resourceId }),
    },
    events: {
      // Graph events carry no SEQUENCE: the portal's version rides in an extended property beside the UID (docs/adr/0062).
      put: async ({ uid, ics: _ics, organizer: _organizer, ...event }) => (await client.putEvent(calendarId, { ...event, iCalUID: uid })).result,
      delete: (uid, sequence) => client.deleteEvent(calendarId, uid, sequence),
    },
  };
}
