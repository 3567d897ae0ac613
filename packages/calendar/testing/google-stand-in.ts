import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { OAuth2Client } from 'google-auth-library';
import { STAND_IN_ADMIN_TOKEN, startGoogleCalendarStandIn, type CallRecord } from '@portal/devstack/google-calendar-stand-in';
import { googleAuthClient, googleCalendarClient } from '../src/google/google-calendar';

/**
 * A Google Calendar stand-in for one test file, with a service account delegated for one domain
 * and helpers that reach it only as the portal will: through the official clients.
 */
export async function googleStandIn(domain = 'example.test') {
  const standIn = await startGoogleCalendarStandIn({ port: 0 });
  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${standIn.origin}/_stand-in${path}`, {
      method,
      headers: { authorization: `Bearer ${STAND_IN_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`stand-in control ${method} ${path}: ${response.status}`);
    return response.json();
  };
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const clientEmail = 'portal@interview-portal.iam.gserviceaccount.com';
  await control('POST', '/service-accounts', { clientEmail, publicKeyPem: publicKey, domains: [domain] });

  const endpoints = { rootUrl: standIn.rootUrl, timeoutMs: 2_000 };
  const adminAuth = new OAuth2Client();
  adminAuth.setCredentials({ access_token: STAND_IN_ADMIN_TOKEN, expiry_date: Date.now() + 24 * 3_600_000 });
  const admin = calendar({ version: 'v3', auth: adminAuth, rootUrl: standIn.rootUrl, retry: false });

  return {
    standIn,
    control,
    /** The portal's client acting as `subject` through the organisation's delegation. */
    delegated: (subject: string, pageSize?: number) =>
      googleCalendarClient({ ...endpoints, ...(pageSize === undefined ? {} : { pageSize }), auth: googleAuthClient({ kind: 'delegated', clientEmail, privateKey, subject }, { tokenUrl: standIn.tokenUrl, timeoutMs: 2_000 }) }),
    /** The portal's client on `email`'s own grant (a refresh token the consent left). */
    async ownGrant(email: string, refreshToken?: string) {
      const clientId = 'portal-client.apps.googleusercontent.com';
      const clientSecret = 'portal-client-secret';
      const token = refreshToken ?? ((await control('POST', '/grants', { email, clientId, clientSecret })) as { refreshToken: string }).refreshToken;
      const auth = googleAuthClient({ kind: 'user', clientId, clientSecret, refreshToken: token }, { tokenUrl: standIn.tokenUrl, timeoutMs: 2_000 });
      return googleCalendarClient({ ...endpoints, auth });
    },
    /** An event put straight into a calendar, as the interviewer's own calendar app would. */
    seed: async (calendarId: string, event: calendar_v3.Schema$Event) => (await admin.events.insert({ calendarId, requestBody: event })).data,
    /** Every event with this iCalUID, deleted ones included. */
    withICalUID: async (calendarId: string, iCalUID: string) => (await admin.events.list({ calendarId, iCalUID, showDeleted: true })).data.items ?? [],
    admin,
    calls: async () => (await control('GET', '/calls')) as CallRecord[],
    uniqueEmail: (name: string) => `${name}-${randomUUID().slice(0, 8)}@${domain}`,
    close: () => standIn.close(),
  };
}

export type GoogleStandIn = Awaited<ReturnType<typeof googleStandIn>>;
