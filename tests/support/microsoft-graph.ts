import { STAND_IN_ADMIN_TOKEN, type CallRecord, type Delivery } from '@portal/devstack/microsoft-graph-stand-in';
import { testMicrosoftGraph } from '@portal/devstack/testing';

/** The extended property the portal keeps its iCalUID in (@portal/calendar/microsoft's PORTAL_UID_PROPERTY). */
const PORTAL_UID_PROPERTY = 'String {4c9a7d35-2f61-4b8e-9a0d-6e1f3c5b7a92} Name interviewPortalICalUID';

interface StandInEvent {
  id: string;
  subject?: string;
  start?: { dateTime: string; timeZone: string };
  end?: { dateTime: string; timeZone: string };
  attendees?: { emailAddress?: { address?: string } }[];
  singleValueExtendedProperties?: { id: string; value: string }[];
}

/**
 * The run's Microsoft Graph stand-in, driven as an interviewer's Outlook and as a test would (the
 * admin bearer, development only): events made in a mailbox, the app's secret removed and put back,
 * faults switched on, and what the portal asked and was notified of. Files keep apart by mailboxes.
 * `place`: another stand-in and app registration (a bench's).
 */
export function microsoftGraphStandIn(place = testMicrosoftGraph()) {
  // The stand-in names itself https (the official clients insist) but listens in plain HTTP.
  const origin = place.url.replace(/^https:/, 'http:');
  const user = (email: string) => `/users/${encodeURIComponent(email)}`;
  async function call<T>(url: string, method: string, body?: unknown): Promise<T> {
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${STAND_IN_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`Graph stand-in ${method} ${url}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? null : await response.json()) as T;
  }
  const control = <T>(method: string, path: string, body?: unknown) => call<T>(`${origin}/_stand-in${path}`, method, body);
  return {
    /** An event made in the mailbox as its owner would in Outlook (showAs busy, tentative, free, oof…). */
    addEvent: (email: string, event: { start: Date; end: Date; showAs?: string; subject?: string }) =>
      control<{ id: string }>('POST', `${user(email)}/busy`, { start: event.start.toISOString(), end: event.end.toISOString(), showAs: event.showAs ?? 'busy', subject: event.subject ?? 'Busy' }),
    /** The mailbox's events carrying the portal's iCalUID, read with the admin bearer. */
    portalEvents: async (email: string) => {
      const expand = encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${PORTAL_UID_PROPERTY}')`);
      const page = await call<{ value: StandInEvent[] }>(`${origin}/v1.0${user(email)}/events?$top=100&$expand=${expand}`, 'GET');
      return page.value.flatMap((e) => {
        const uid = e.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === PORTAL_UID_PROPERTY.toLowerCase())?.value;
        return uid === undefined ? [] : [{ ...e, uid }];
      });
    },
    /** The mailbox's owner answers the event in Outlook (their attendee's response), as Exchange records it: a change notification follows. */
    answer: (email: string, eventId: string, response: 'accepted' | 'declined' | 'tentativelyAccepted') =>
      control('POST', `${user(email)}/events/${encodeURIComponent(eventId)}/answers`, { attendee: email.toLowerCase(), response }),
    /** An admin removes the organisation's app secret: client credentials answer invalid_client. */
    revokeApp: () => control('POST', '/revocations', { clientId: place.clientId }),
    /** The app registered again as it was (the secret restored). */
    restoreApp: () => control('POST', '/apps', { tenantId: place.tenantId, clientId: place.clientId, clientSecret: place.clientSecret, domains: ['example.test'] }),
    /** The next `count` Graph requests about the mailbox answer `status`. */
    fault: (email: string, fault: { status: 429 | 500 | 503 | 504; count: number; retryAfterSeconds?: number }) => control('POST', '/faults', { ...fault, mailbox: email.toLowerCase() }),
    /** What Graph answered about this mailbox, oldest first. */
    callsFor: async (email: string) => (await control<CallRecord[]>('GET', '/calls')).filter((c) => c.path.toLowerCase().startsWith(user(email).toLowerCase())),
    deliveries: () => control<Delivery[]>('GET', '/deliveries'),
  };
}
