import type { Event, SingleValueLegacyExtendedProperty } from '@microsoft/microsoft-graph-types';
import { eventAnswer, eventFromBody, propertiesOf } from './event-body';
import { badRequest, GraphApiError, itemNotFound } from './graph-errors';
import type { Entry, MailboxStore } from './mailbox-store';

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const QUOTED = String.raw`'((?:[^']|'')*)'`;
const unquote = (value: string) => value.replace(/''/g, "'");
/**
 * The $filter the stand-in reads, as Graph documents it for a string-typed extended property on
 * events: `singleValueExtendedProperties/Any(ep: ep/id eq '…' and ep/value eq|ne '…')` or
 * `… and contains|startswith(ep/value, '…')`. The name in the id is compared case-sensitively,
 * the value case-insensitively (Graph's words).
 */
const PROPERTY_FILTER = new RegExp(
  String.raw`^singleValueExtendedProperties/any\(\s*(\w+)\s*:\s*\1/id eq ${QUOTED} and (?:\1/value (eq|ne) ${QUOTED}|(contains|startswith)\(\s*\1/value\s*,\s*${QUOTED}\s*\))\s*\)$`,
  'i',
);
type ValueTest = (value: string) => boolean;
const VALUE_TESTS: Record<string, (wanted: string) => ValueTest> = {
  eq: (wanted) => (value) => value.toLowerCase() === wanted,
  ne: (wanted) => (value) => value.toLowerCase() !== wanted,
  contains: (wanted) => (value) => value.toLowerCase().includes(wanted),
  startswith: (wanted) => (value) => value.toLowerCase().startsWith(wanted),
};

/** The property filter as a test of an entry's properties; null for no `$filter`. */
function propertyFilter(filter: string | null): ((entry: Entry) => boolean) | null {
  if (filter === null) return null;
  const match = PROPERTY_FILTER.exec(filter.trim());
  const [id, operator, operand] = [match?.[2], match?.[3] ?? match?.[5], match?.[4] ?? match?.[6]];
  if (id === undefined || operator === undefined || operand === undefined) throw badRequest(`Invalid filter clause: ${filter}`, 'ErrorInvalidUrlQueryFilter');
  const name = unquote(id);
  const test = VALUE_TESTS[operator.toLowerCase()]?.(unquote(operand).toLowerCase());
  if (test === undefined) throw badRequest(`Invalid filter clause: ${filter}`, 'ErrorInvalidUrlQueryFilter');
  // The property set's GUID and the type are read as Exchange does (any case); the name is case-sensitive.
  const same = (candidate: string) => candidate.toLowerCase() === name.toLowerCase() && candidate.slice(candidate.lastIndexOf(' Name ')) === name.slice(name.lastIndexOf(' Name '));
  return (entry) => entry.properties.some((p) => same(String(p.id)) && typeof p.value === 'string' && test(p.value));
}

/** `$select`: the event's fields named (id and the etag always), or the whole event when absent. */
function selected<T extends object>(query: URLSearchParams, answer: T): Partial<T> {
  const select = query.get('$select');
  if (select === null) return answer;
  const fields = new Set(['id', '@odata.etag', 'singleValueExtendedProperties', ...select.split(',').map((f) => f.trim())]);
  return Object.fromEntries(Object.entries(answer).filter(([field]) => fields.has(field))) as Partial<T>;
}
const PROPERTY_EXPAND = new RegExp(String.raw`^singleValueExtendedProperties\(\$filter=id eq ${QUOTED}\)$`, 'i');
const DEFAULT_PAGE = 10;

const duplicateTransaction = () => new GraphApiError(400, 'ErrorDuplicateTransactionId', "Your request can't be completed. The TransactionId specified in the request has already been used to create a different event.");

/** Which extended properties a read asked to see: null for none (`$expand` absent). */
function expanded(query: URLSearchParams, entry: Entry): SingleValueLegacyExtendedProperty[] | null {
  const expand = query.get('$expand');
  if (expand === null) return null;
  const match = PROPERTY_EXPAND.exec(expand);
  if (match?.[1] === undefined) throw badRequest(`Parsing OData Select and Expand failed: ${expand}`, 'BadRequest');
  const id = unquote(match[1]).toLowerCase();
  return entry.properties.filter((p) => String(p.id).toLowerCase() === id);
}

/**
 * `/users/{id}/events` and `/users/{id}/events/{event-id}` on one mailbox, as Graph answers them:
 * create 201 (a transactionId already used in the mailbox answers 400 ErrorDuplicateTransactionId),
 * get and update 200, delete 204, an event not there (or deleted) 404 ErrorItemNotFound; list in
 * pages of `$top` (10 by default) with `@odata.nextLink`, filtered by an extended property, `$select`ed.
 */
export function eventsApi(store: MailboxStore, email: string, pageUrl: (query: URLSearchParams) => string) {
  const existing = (eventId: string): Entry => {
    const entry = store.live(email, eventId);
    if (entry === undefined) throw itemNotFound();
    return entry;
  };

  return {
    list(query: URLSearchParams): Answer {
      const wanted = propertyFilter(query.get('$filter'));
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
      if (typeof body.transactionId === 'string' && box.transactionIds.has(body.transactionId)) throw duplicateTransaction();
      const event = eventFromBody(email, body);
      const entry = store.write(email, event, propertiesOf(body.singleValueExtendedProperties, []));
      if (typeof body.transactionId === 'string') box.transactionIds.set(body.transactionId, event.id);
      return { status: 201, body: eventAnswer(entry.event, null) };
    },

    get: (eventId: string, query: URLSearchParams): Answer => {
      const entry = existing(eventId);
      return { status: 200, body: eventAnswer(entry.event, expanded(query, entry)) };
    },

    update(eventId: string, body: Event): Answer {
      const before = existing(eventId);
      const entry = store.write(email, eventFromBody(email, body, before.event), propertiesOf(body.singleValueExtendedProperties, before.properties));
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
