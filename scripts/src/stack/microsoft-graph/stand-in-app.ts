import { randomBytes, randomUUID } from 'node:crypto';
import { STAND_IN_ADMIN_TOKEN } from './graph-api';

/** Where portals find Microsoft 365: the stand-in's Graph base and sign-in host (one `https://127.0.0.1:port`), and the organisation's app registration there. */
export interface MicrosoftStandInPlace {
  /** MICROSOFT_GRAPH_URL and MICROSOFT_LOGIN_URL. */
  url: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

/**
 * An app registration made up for this run and registered with the stand-in, consented for
 * `Calendars.ReadWrite` on the mailboxes of `domains` (the demo's and the tests' interviewers are
 * all `@example.test`): what MICROSOFT_TENANT_ID, MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET
 * name. The stand-in is in memory, so every run makes a new one.
 */
export async function standInMicrosoftApp(standIn: { origin: string; secureOrigin: string }, domains: readonly string[] = ['example.test']): Promise<MicrosoftStandInPlace> {
  const app = { tenantId: randomUUID(), clientId: randomUUID(), clientSecret: `portal~${randomBytes(18).toString('base64url')}` };
  const response = await fetch(`${standIn.origin}/_stand-in/apps`, {
    method: 'POST',
    headers: { authorization: `Bearer ${STAND_IN_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...app, domains }),
  });
  if (!response.ok) throw new Error(`the Microsoft Graph stand-in refused the app registration: HTTP ${response.status}`);
  return { url: standIn.secureOrigin, ...app };
}
