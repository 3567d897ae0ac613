import { ApplicationFailure } from '@temporalio/activity';
import type { Database } from '@portal/db';
import type { GoogleCalendarClient } from '@portal/calendar/google';
import type { MicrosoftCalendarClient } from '@portal/calendar/microsoft';
import type { MeetingProvider } from '@portal/shared/meeting-rooms';
import { readOrganisationAccess, type CalendarDeps } from '../../calendars/activities/calendar-access';
import { providerRefused, type MeetingRoomApi, type MeetingRoomApis, type RoomWindow } from './room-provider';

/** A calendar problem in the terms the room activities retry on: both calendar modules' problems carry these. */
interface CalendarProblemLike {
  code: string;
  retryable: boolean;
  message: string;
}

const isProblem = (error: unknown): error is CalendarProblemLike =>
  error instanceof Error && typeof (error as Partial<CalendarProblemLike>).code === 'string' && typeof (error as Partial<CalendarProblemLike>).retryable === 'boolean';

/**
 * Where a conference provider's events are kept: the organisation's calendar named by
 * GOOGLE_MEET_ORGANIZER or MICROSOFT_TEAMS_ORGANIZER, reached through the organisation's
 * connection; null while the organisation has none (an admin sets it on the calendars page).
 */
export type OrganiserClient<C> = () => Promise<C | null>;

/** The room's times: the interview's own start and end, else the room's whole window. */
function timesOf(window: RoomWindow): { start: Date; end: Date } {
  return { start: new Date(window.start ?? window.nbf * 1000), end: new Date(window.end ?? window.exp * 1000) };
}

/**
 * A call through a calendar client: a problem worth waiting out stays transient, any other is
 * shown once; `notFound` answers for an event the provider no longer has.
 */
async function through<T>(provider: MeetingProvider, work: () => Promise<T>, notFound?: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (notFound !== undefined && isProblem(error) && error.code === 'NOT_FOUND') return notFound();
    if (!isProblem(error) || error.retryable) throw error;
    throw providerRefused(provider, error.code, error.message);
  }
}

async function organiser<C>(provider: MeetingProvider, client: OrganiserClient<C>): Promise<C> {
  const found = await client();
  if (found === null) {
    const calendars = provider === 'meet' ? 'Google' : 'Microsoft 365';
    throw ApplicationFailure.nonRetryable(`The organisation has no ${calendars} connection; ${provider} meetings are made through it (an admin sets it on the calendars page).`, 'MEETING_PROVIDER_NOT_CONFIGURED');
  }
  return found;
}

/** The conference event's id at Google, from the room's name: base32hex (a–v, 0–9), as Google's event ids must be. */
export const meetEventId = (room: string) => `ivroom${room.replace(/^interview-/, '')}`;

/**
 * Google Meet: the conference of a Google Calendar event in the organiser's calendar, made through
 * the organisation's Google connection (docs/adr/0075). The event's id is the room's, so a create
 * retried after a lost answer finds the event its first attempt made; a move patches the event's
 * times (the link stays); a cancel deletes the event and its conference with it.
 */
export function googleMeetRooms(organiserCalendar: string, client: OrganiserClient<GoogleCalendarClient>): MeetingRoomApi {
  const open = async (room: string, window: RoomWindow) => {
    const api = await organiser('meet', client);
    const url = await through('meet', () => api.openConference(organiserCalendar, { eventId: meetEventId(room), summary: 'Interview', ...timesOf(window) }));
    return { url };
  };
  return {
    open,
    async move(room, window) {
      const api = await organiser('meet', client);
      // Deleted at Google behind the portal's back: Google never gives a deleted event's id again, so the room cannot come back.
      const gone = () => Promise.reject(providerRefused('meet', 'NOT_FOUND', 'the conference event was deleted at Google; the interview keeps its last link'));
      return { url: await through('meet', () => api.moveConference(organiserCalendar, { eventId: meetEventId(room), ...timesOf(window) }), gone) };
    },
    async close(room) {
      const api = await organiser('meet', client);
      return through('meet', () => api.closeConference(organiserCalendar, meetEventId(room)));
    },
  };
}

/** The Teams meeting's event UID in the organiser's mailbox (the portal's events' own property, a suffix of its own). */
export const teamsEventUid = (room: string) => `${room}@interview-portal-rooms`;

/**
 * Microsoft Teams: the online meeting of an Outlook event in the organiser's mailbox, made through
 * the organisation's Microsoft 365 connection (docs/adr/0075). Keyed as the portal's events are
 * (its UID in an extended property, a transactionId made from it), so a retried create finds the
 * first; a move patches the event's times (the link stays); a cancel deletes the event.
 */
export function teamsRooms(organiserMailbox: string, client: OrganiserClient<MicrosoftCalendarClient>): MeetingRoomApi {
  const open = async (room: string, window: RoomWindow) => {
    const api = await organiser('teams', client);
    const url = await through('teams', () => api.openOnlineMeeting(organiserMailbox, { uid: teamsEventUid(room), summary: 'Interview', ...timesOf(window) }));
    return { url };
  };
  return {
    open,
    async move(room, window) {
      const api = await organiser('teams', client);
      // Deleted in Outlook behind the portal's back: a new meeting, with a new link.
      const url = await through('teams', () => api.moveOnlineMeeting(organiserMailbox, { uid: teamsEventUid(room), ...timesOf(window) }), async () => (await open(room, window)).url);
      return { url };
    },
    async close(room) {
      const api = await organiser('teams', client);
      const deleted = await through('teams', () => api.deleteEvent(organiserMailbox, teamsEventUid(room)));
      return deleted === 'deleted' ? 'deleted' : 'already absent';
    },
  };
}

/** What reaching the organiser's calendar takes: the database holding the organisation's connections, and the calendar clients. */
export interface ConferenceDeps {
  db: Pick<Database, 'organisationCalendars'>;
  calendar: Pick<CalendarDeps, 'key' | 'google' | 'microsoft'>;
  /** GOOGLE_MEET_ORGANIZER and MICROSOFT_TEAMS_ORGANIZER: without one, that provider has no rooms. */
  meetOrganizer?: string;
  teamsOrganizer?: string;
}

/** Google Meet and Microsoft Teams, each where its organiser is set; the organisation's connection is read at each call, so an admin's change counts at once. */
export function conferenceRoomApis(deps: ConferenceDeps): MeetingRoomApis {
  const { db, calendar, meetOrganizer, teamsOrganizer } = deps;
  const google = async (subject: string) => {
    const access = (await readOrganisationAccess(db, calendar.key)).google;
    return access === null || calendar.google === undefined ? null : calendar.google.clientFor({ kind: 'delegated', clientEmail: access.clientEmail, privateKey: access.privateKey, subject });
  };
  const microsoft = async () => {
    const access = (await readOrganisationAccess(db, calendar.key)).microsoft;
    return access === null || calendar.microsoft === undefined ? null : calendar.microsoft.clientFor({ tenantId: access.tenantId, clientId: access.clientId, clientSecret: access.clientSecret });
  };
  return {
    ...(meetOrganizer === undefined ? {} : { meet: googleMeetRooms(meetOrganizer, () => google(meetOrganizer)) }),
    ...(teamsOrganizer === undefined ? {} : { teams: teamsRooms(teamsOrganizer, microsoft) }),
  };
}
