import type { Attendee, DateTimeTimeZone, Event, FreeBusyStatus, SingleValueLegacyExtendedProperty } from '@microsoft/microsoft-graph-types';
import { DateTime } from 'luxon';
import { badRequest, GraphApiError } from './graph-errors';
import { newEventId, newICalUId, type StoredEvent } from './mailbox-store';

const SHOW_AS: FreeBusyStatus[] = ['unknown', 'free', 'tentative', 'busy', 'oof', 'workingElsewhere'];
const PROPERTY_ID = /^String \{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\} Name [A-Za-z0-9_.-]{1,120}$/i;
const NEVER = '0001-01-01T00:00:00Z';

/** The instant a dateTimeTimeZone stands for; UTC and IANA zone names (the stand-in reads no Windows zone names). */
export function instantOf(time: DateTimeTimeZone | null | undefined): number | null {
  if (!time?.dateTime) return null;
  const zone = !time.timeZone || time.timeZone === 'UTC' ? 'utc' : time.timeZone;
  const at = DateTime.fromISO(time.dateTime.replace(/Z$/, ''), { zone });
  if (!at.isValid && at.invalidReason === 'unsupported zone') {
    throw new GraphApiError(400, 'TimeZoneNotSupportedException', `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${time.timeZone ?? ''}'.`);
  }
  return at.isValid ? at.toMillis() : null;
}

/** As Graph answers times without `Prefer: outlook.timezone`: UTC, seven decimals. */
export const utcTime = (at: number): DateTimeTimeZone => ({ dateTime: `${new Date(at).toISOString().slice(0, 19)}.0000000`, timeZone: 'UTC' });

function attendeesOf(input: Attendee[], before: Attendee[]): Attendee[] {
  const answered = new Map(before.map((a) => [a.emailAddress?.address?.toLowerCase(), a.status]));
  return input.map((a) => {
    const address = a.emailAddress?.address?.toLowerCase();
    if (!address?.includes('@')) throw badRequest('Attendee email address is required.', 'ErrorInvalidRecipients');
    return { type: a.type ?? 'required', emailAddress: { name: a.emailAddress?.name ?? address, address }, status: answered.get(address) ?? { response: 'none', time: NEVER } };
  });
}

/** The single-value extended properties of a body, checked (`String {guid} Name x`), merged onto those held. */
export function propertiesOf(input: SingleValueLegacyExtendedProperty[] | null | undefined, held: SingleValueLegacyExtendedProperty[]): SingleValueLegacyExtendedProperty[] {
  const out = new Map(held.map((p) => [String(p.id).toLowerCase(), p]));
  for (const property of input ?? []) {
    if (typeof property.id !== 'string' || !PROPERTY_ID.test(property.id)) throw badRequest(`The extended property id '${String(property.id)}' is not valid.`, 'ErrorInvalidProperty');
    out.set(property.id.toLowerCase(), { id: property.id, value: property.value ?? null });
  }
  return [...out.values()];
}

/**
 * An event from a client's create or update body, as Exchange fills one in: the mailbox as
 * organizer, `showAs: busy` unless given, times kept in UTC with the zone they were given in as
 * originalStartTimeZone, attendees starting at `none` (one already on the event keeps its answer).
 */
export function eventFromBody(owner: string, body: Event, before?: StoredEvent): StoredEvent {
  if (body.showAs !== undefined && body.showAs !== null && !SHOW_AS.includes(body.showAs)) throw badRequest(`Invalid value for showAs: ${String(body.showAs)}`, 'RequestBodyRead');
  const start = body.start === undefined ? (before ? instantOf(before.start) : null) : instantOf(body.start);
  const end = body.end === undefined ? (before ? instantOf(before.end) : null) : instantOf(body.end);
  if (start === null || end === null) throw badRequest('Your request can\'t be completed. The start and end of an event are required.');
  if (end < start) throw badRequest('Your request can\'t be completed. The end time must not be before the start time.');
  const now = new Date().toISOString();
  const id = before?.id ?? newEventId();
  const merged: Event = { ...before, ...body };
  return {
    ...merged,
    id,
    iCalUId: before?.iCalUId ?? newICalUId(),
    subject: merged.subject ?? '',
    bodyPreview: (merged.body?.content ?? '').slice(0, 255),
    body: merged.body ?? { contentType: 'html', content: '' },
    start: utcTime(start),
    end: utcTime(end),
    originalStartTimeZone: body.start?.timeZone ?? before?.originalStartTimeZone ?? 'UTC',
    originalEndTimeZone: body.end?.timeZone ?? before?.originalEndTimeZone ?? 'UTC',
    showAs: merged.showAs ?? 'busy',
    isAllDay: merged.isAllDay ?? false,
    isCancelled: false,
    isOrganizer: true,
    isDraft: false,
    type: 'singleInstance',
    importance: merged.importance ?? 'normal',
    sensitivity: merged.sensitivity ?? 'normal',
    responseRequested: merged.responseRequested ?? true,
    responseStatus: { response: 'organizer', time: NEVER },
    organizer: { emailAddress: { name: owner, address: owner } },
    attendees: attendeesOf(body.attendees ?? before?.attendees ?? [], before?.attendees ?? []),
    location: merged.location ?? { displayName: '' },
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
    transactionId: before ? (before.transactionId ?? null) : (body.transactionId ?? null),
    createdDateTime: before?.createdDateTime ?? now,
    singleValueExtendedProperties: undefined,
  };
}

/** An event as Graph answers it: the etag from its change key; extended properties only when the read expanded them. */
export function eventAnswer(event: StoredEvent, properties: SingleValueLegacyExtendedProperty[] | null): Event & { '@odata.etag': string } {
  const { singleValueExtendedProperties: _dropped, ...rest } = event;
  return { '@odata.etag': `W/"${event.changeKey ?? ''}"`, ...rest, ...(properties === null ? {} : { singleValueExtendedProperties: properties }) };
}
