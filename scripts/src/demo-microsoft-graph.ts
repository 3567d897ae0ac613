import { DateTime } from 'luxon';
import { MICROSOFT_PUSH_PATH } from '@portal/shared/calendar-inputs';
import { STAND_IN_ADMIN_TOKEN, standInMicrosoftApp, startMicrosoftGraphStandIn, type RunningMicrosoftGraphStandIn } from './stack/microsoft-graph/microsoft-graph-stand-in';

/** The demo interviewer on Microsoft 365 (the seed connects Katherine Johnson through the organisation's app registration). */
export const DEMO_MICROSOFT = { email: 'demo-katherine@example.test', zone: 'Europe/Berlin' } as const;

/**
 * The Microsoft Graph stand-in for the dev stack, in this process (in memory, like the Google one):
 * an app registration consented for example.test, which becomes the organisation-wide Microsoft
 * connection, and one busy event in Katherine Johnson's mailbox on the next weekday 11:00–12:00
 * Berlin time, made as Outlook would (the admin bearer, development only). Answers the settings
 * booking and the workflows worker need.
 */
export async function startDemoMicrosoftGraph(port: number, bookingPort: number): Promise<{ standIn: RunningMicrosoftGraphStandIn; booking: Record<string, string>; workflows: Record<string, string> }> {
  const standIn = await startMicrosoftGraphStandIn({ port });
  const app = await standInMicrosoftApp(standIn);
  let day = DateTime.now().setZone(DEMO_MICROSOFT.zone).plus({ days: 1 }).startOf('day');
  while (day.weekday > 5) day = day.plus({ days: 1 });
  const at = (hour: number) => day.set({ hour }).toUTC().toISO({ includeOffset: false });
  const response = await fetch(`${standIn.origin}/_stand-in/users/${encodeURIComponent(DEMO_MICROSOFT.email)}/busy`, {
    method: 'POST',
    headers: { authorization: `Bearer ${STAND_IN_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ subject: 'Quarterly planning (from Outlook)', start: at(11), end: at(12), showAs: 'busy' }),
  });
  if (!response.ok) throw new Error(`could not write the demo Outlook event: HTTP ${response.status}`);
  const endpoints = { MICROSOFT_GRAPH_URL: app.url, MICROSOFT_LOGIN_URL: app.url };
  return {
    standIn,
    booking: { ...endpoints, MICROSOFT_TENANT_ID: app.tenantId, MICROSOFT_CLIENT_ID: app.clientId, MICROSOFT_CLIENT_SECRET: app.clientSecret },
    // Change notifications go to the first booking API (the web app's, too).
    // Teams meetings on the hiring team's own mailbox there (docs/adr/0075).
    workflows: { ...endpoints, MICROSOFT_PUSH_URL: `http://127.0.0.1:${bookingPort}${MICROSOFT_PUSH_PATH}`, MICROSOFT_TEAMS_ORGANIZER: 'interviews@example.test' },
  };
}
