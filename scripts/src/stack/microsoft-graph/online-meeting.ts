import { randomUUID } from 'node:crypto';
import type { Event, OnlineMeetingProviderType } from '@microsoft/microsoft-graph-types';
import { badRequest } from './graph-errors';
import type { StoredEvent } from './mailbox-store';

const PROVIDERS: readonly OnlineMeetingProviderType[] = ['unknown', 'teamsForBusiness', 'skypeForBusiness', 'skypeForConsumer'];
const NIL_TENANT = '00000000-0000-0000-0000-000000000000';

export type OnlineMeetingFields = Required<Pick<Event, 'isOnlineMeeting' | 'onlineMeetingProvider' | 'onlineMeeting' | 'onlineMeetingUrl'>>;
const NO_MEETING: OnlineMeetingFields = { isOnlineMeeting: false, onlineMeetingProvider: 'unknown', onlineMeeting: null, onlineMeetingUrl: null };

/** Teams writes its hex escapes in lower case (`19%3ameeting_…%40thread.v2`). */
const teamsEncode = (text: string) => encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());

/** A join link as Teams makes one: the meeting chat's thread id (base64 of a GUID), then the organizer's tenant and object id. */
export function teamsJoinUrl(organizer: { tenantId: string | null; objectId: string }): string {
  const thread = `19:meeting_${Buffer.from(randomUUID()).toString('base64')}@thread.v2`;
  const context = JSON.stringify({ Tid: organizer.tenantId ?? NIL_TENANT, Oid: organizer.objectId });
  return `https://teams.microsoft.com/l/meetup-join/${teamsEncode(thread)}/0?context=${teamsEncode(context)}`;
}

/**
 * The online-meeting fields of an event after a create or update, as Graph documents them:
 * `isOnlineMeeting: true` makes a meeting with `onlineMeetingProvider` (the calendar's default,
 * Teams, when absent or `unknown`) if the calendar's allowedOnlineMeetingProviders has it, and
 * otherwise the event is saved without one, with no error (Graph's behaviour for a mailbox without
 * Teams). Once made, a meeting stays: Outlook ignores later changes to isOnlineMeeting and
 * onlineMeetingProvider, and onlineMeeting and onlineMeetingUrl (deprecated) are read-only. A
 * provider outside the enumeration is a body Graph cannot read. The stand-in makes Teams meetings
 * only, and does not write the meeting's blurb into the body as Exchange does.
 */
export function onlineMeetingOf(body: Event, before: StoredEvent | undefined, calendar: { allowed: readonly OnlineMeetingProviderType[]; joinUrl: () => string }): OnlineMeetingFields {
  const asked = body.onlineMeetingProvider;
  if (asked !== undefined && asked !== null && !PROVIDERS.includes(asked)) throw badRequest(`Invalid value for onlineMeetingProvider: ${String(asked)}`, 'RequestBodyRead');
  if (before?.isOnlineMeeting === true) {
    return { isOnlineMeeting: true, onlineMeetingProvider: before.onlineMeetingProvider ?? 'unknown', onlineMeeting: before.onlineMeeting ?? null, onlineMeetingUrl: before.onlineMeetingUrl ?? null };
  }
  if (body.isOnlineMeeting !== true) return NO_MEETING;
  const provider = asked === undefined || asked === null || asked === 'unknown' ? 'teamsForBusiness' : asked;
  if (provider !== 'teamsForBusiness' || !calendar.allowed.includes(provider)) return NO_MEETING;
  return { isOnlineMeeting: true, onlineMeetingProvider: provider, onlineMeeting: { joinUrl: calendar.joinUrl() }, onlineMeetingUrl: null };
}
