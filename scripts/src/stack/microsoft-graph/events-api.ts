import type { Event } from '@microsoft/microsoft-graph-types';
import { eventAnswer, eventFromBody, propertiesOf } from './event-body';
import { eventFilter, expanded, selected } from './event-query';
import { badRequest, GraphApiError, itemNotFound } from './graph-errors';
import { objectIdOf } from './identity';
import type { Entry, MailboxStore, StoredEvent } from './mailbox-store';
import { onlineMeetingOf, teamsJoinUrl } from './online-meeting';

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const DEFAULT_PAGE = 10;

const duplicateTransaction = () => new GraphApiError(400, 'ErrorDuplicateTransactionId', "Your request can't be completed. The TransactionId specified in the request has already been used to create a different event.");

/** A body as JSON with every object's keys in order: the same create sent twice reads the same. */
const canonical = (body: unknown) =>
  JSON.stringify(body, (_key, value: unknown) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))) : value));

/**
 * `/users/{id}/events` and `/users/{id}/events/{event-id}` on one mailbox, as Graph answers them:
 * create 201; get and update 200; delete 204; an event not there (or deleted) 404 ErrorItemNotFound;
 * list in pages of `$top` (10 by default) with `@odata.nextLink`, filtered by an extended property
 * or by transactionId, `$select`ed. A create with a transactionId already used in the mailbox is a
 * client's retry when its body is the first's: it makes nothing and answers the first event, 201;
 * any other body, or a first event deleted since, answers 400 ErrorDuplicateTransactionId. Online
 * meetings as online-meeting.ts makes them, the join link naming the mailbox's tenant (`tenantId`).
 */
export function eventsApi(store: MailboxStore, email: string, pageUrl: (query: URLSearchParams) => string, tenantId: string | null) {
  const existing = (eventId: string): Entry => {
    const entry = store.live(email, eventId);
    if (entry === undefined) throw itemNotFound();
    return entry;
  };
  const withMeeting = (body: Event, before?: StoredEvent): StoredEvent => {
    const calendar = { allowed: store.mailbox(email).allowedOnlineMeetingProviders, joinUrl: () => teamsJoinUrl({ tenantId, objectId: objectIdOf(email) }) };
    const meeting = onlineMeetingOf(body, before, calendar);
    return { ...eventFromBody(email, body, before), ...meeting };
  };

  return {
    list(query: URLSearchParams): Answer {
      const wanted = eventFilter(query.get('$filter'));
      const top = Number(query.get('$top') ?? DEFAULT_PAGE);
      const skip = Number(query.get('$skip') ?? 0);
      if (!Number.isInteger(top) || top < 1 || top > 1000 || !Number.isInteger(skip) || skip < 0) throw badRequest('Invalid $top or $skip.', 'BadRequest');
      const matching = store
        .entries(email)
        .filter((e) => !e.deleted)
        .filter((e) => wanted === null || wanted(e));
      const page = matching.slice(skip, skip + top);
      const next = new URLSearchParams(query);
      next.set('$skip', String(skip + top));
      return {
        status: 200,
        body: {
          '@odata.context': `${pageUrl(new URLSearchParams()).split('?')[0]}/$metadata#users('${email}')/events`,
          value: page.map((e) => selected(query, eventAnswer(e.event, expanded(query, e)))),
          ...(matching.length > skip + top ? { '@odata.nextLink': pageUrl(next) } : {}),
        },
      };
    },

    create(body: Event): Answer {
      const box = store.mailbox(email);
      const transactionId = typeof body.transactionId === 'string' ? body.transactionId : null;
      const request = canonical(body);
      const first = transactionId === null ? undefined : box.transactionIds.get(transactionId);
      if (first !== undefined) {
        const made = store.live(email, first.eventId);
        if (made === undefined || first.request !== request) throw duplicateTransaction();
        return { status: 201, body: eventAnswer(made.event, null) };
      }
      const entry = store.write(email, withMeeting(body), propertiesOf(body.singleValueExtendedProperties, []));
      if (transactionId !== null) box.transactionIds.set(transactionId, { eventId: entry.event.id, request });
      return { status: 201, body: eventAnswer(entry.event, null) };
    },

    get: (eventId: string, query: URLSearchParams): Answer => {
      const entry = existing(eventId);
      return { status: 200, body: eventAnswer(entry.event, expanded(query, entry)) };
    },

    update(eventId: string, body: Event): Answer {
      const before = existing(eventId);
      const entry = store.write(email, withMeeting(body, before.event), propertiesOf(body.singleValueExtendedProperties, before.properties));
      return { status: 200, body: eventAnswer(entry.event, null) };
    },

    delete(eventId: string): Answer {
      const before = existing(eventId);
      store.write(email, before.event, before.properties, true);
      return { status: 204 };
    },

    /** An attendee's answer reaching the organizer's event, as Exchange records it. */
    answer(eventId: string, attendee: string, response: 'accepted' | 'declined' | 'tentativelyAccepted'): Answer {
      const before = existing(eventId);
      const address = attendee.toLowerCase();
      if (!(before.event.attendees ?? []).some((a) => a.emailAddress?.address === address)) throw itemNotFound();
      const attendees = (before.event.attendees ?? []).map((a) => (a.emailAddress?.address === address ? { ...a, status: { response, time: new Date().toISOString() } } : a));
      const entry = store.write(email, { ...before.event, attendees }, before.properties);
      return { status: 200, body: eventAnswer(entry.event, null) };
    },
  };
}
