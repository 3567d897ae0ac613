import { randomUUID } from 'node:crypto';
import { STAND_IN_ADMIN_TOKEN, startMicrosoftGraphStandIn, type CallRecord, type Delivery } from '@portal/devstack/microsoft-graph-stand-in';
import { microsoftCalendarClient, microsoftTokenSource, type MicrosoftApp } from '../src/microsoft/microsoft-calendar';

/**
 * A Microsoft Graph stand-in for one test file, with the portal's app registered in one tenant,
 * and helpers that reach it as the portal will (through the official clients) or as a user would
 * (the stand-in's switches: an event made in Outlook, an attendee's answer).
 */
export async function microsoftStandIn(domain = 'contoso.test') {
  const standIn = await startMicrosoftGraphStandIn({ port: 0 });
  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${standIn.origin}/_stand-in${path}`, {
      method,
      headers: { authorization: `Bearer ${STAND_IN_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`stand-in control ${method} ${path}: ${response.status}`);
    return response.json();
  };
  const app: MicrosoftApp = { tenantId: randomUUID(), clientId: randomUUID(), clientSecret: 'portal-secret~stand-in' };
  await control('POST', '/apps', { ...app, domains: [domain] });

  const auth = { authorityHost: standIn.secureOrigin, plainHttpHost: standIn.plainHttpHost, timeoutMs: 2_000 };
  const endpoints = { graphUrl: standIn.secureOrigin, plainHttpHost: standIn.plainHttpHost, timeoutMs: 2_000 };
  const user = (email: string) => `/users/${encodeURIComponent(email)}`;

  return {
    standIn,
    control,
    app,
    auth,
    endpoints,
    /** The portal's client on the organisation's app-only grant. */
    appOnly: (pageSize?: number) => microsoftCalendarClient({ ...endpoints, ...(pageSize === undefined ? {} : { pageSize }), auth: microsoftTokenSource({ kind: 'app', ...app }, auth) }),
    /** The portal's client on `email`'s own grant (a refresh token the consent left). */
    async ownGrant(email: string, refreshToken?: string) {
      const token = refreshToken ?? ((await control('POST', '/grants', { email, clientId: app.clientId })) as { refreshToken: string }).refreshToken;
      return microsoftCalendarClient({ ...endpoints, viewer: email, auth: microsoftTokenSource({ kind: 'user', ...app, tenantId: 'organizations', refreshToken: token }, auth) });
    },
    /** An event the user makes in Outlook. */
    busyEvent: async (email: string, start: Date, end: Date, showAs = 'busy') =>
      (await control('POST', `${user(email)}/busy`, { start: start.toISOString(), end: end.toISOString(), showAs, subject: showAs })) as { id: string },
    /** An attendee's answer reaching the event in `owner`'s calendar. */
    answer: (owner: string, eventId: string, attendee: string, response: 'accepted' | 'declined' | 'tentativelyAccepted') =>
      control('POST', `${user(owner)}/events/${encodeURIComponent(eventId)}/answers`, { attendee, response }),
    calls: async () => (await control('GET', '/calls')) as CallRecord[],
    deliveries: async () => (await control('GET', '/deliveries')) as Delivery[],
    uniqueEmail: (name: string) => `${name}-${randomUUID().slice(0, 8)}@${domain}`,
    close: () => standIn.close(),
  };
}

export type MicrosoftStandIn = Awaited<ReturnType<typeof microsoftStandIn>>;
