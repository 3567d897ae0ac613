import { DateTime } from 'luxon';
import { GOOGLE_PUSH_PATH } from '@portal/shared/calendar-inputs';
import { STAND_IN_ADMIN_TOKEN, standInServiceAccount, startGoogleCalendarStandIn, type RunningGoogleCalendarStandIn } from './stack/google-calendar/google-calendar-stand-in';

/** The demo interviewer on Google (the seed connects Alan Turing through the organisation's connection). */
export const DEMO_GOOGLE = { email: 'demo-alan@example.test', zone: 'America/New_York' } as const;

/**
 * The Google Calendar stand-in for the dev stack, in this process (in memory, like the Daily
 * stand-in): a service account delegated for example.test, which becomes the organisation-wide
 * Google connection, and one busy event in Alan Turing's calendar on the next weekday 14:00–15:00
 * New York time, put there as his own calendar app would (the admin bearer, development only).
 * Answers the settings booking and the workflows worker need.
 */
export async function startDemoGoogleCalendar(port: number, bookingPort: number): Promise<{ standIn: RunningGoogleCalendarStandIn; booking: Record<string, string>; workflows: Record<string, string> }> {
  const standIn = await startGoogleCalendarStandIn({ port });
  const serviceAccountKey = await standInServiceAccount(standIn);
  let day = DateTime.now().setZone(DEMO_GOOGLE.zone).plus({ days: 1 }).startOf('day');
  while (day.weekday > 5) day = day.plus({ days: 1 });
  const time = (hour: number) => ({ dateTime: day.set({ hour }).toISO(), timeZone: DEMO_GOOGLE.zone });
  const response = await fetch(`${standIn.rootUrl}calendar/v3/calendars/${encodeURIComponent(DEMO_GOOGLE.email)}/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${STAND_IN_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ summary: 'Architecture review (from Google Calendar)', start: time(14), end: time(15) }),
  });
  if (!response.ok) throw new Error(`could not write the demo Google event: HTTP ${response.status}`);
  const endpoints = { GOOGLE_CALENDAR_API_URL: standIn.rootUrl, GOOGLE_OAUTH_TOKEN_URL: standIn.tokenUrl };
  return {
    standIn,
    booking: { ...endpoints, GOOGLE_SERVICE_ACCOUNT_KEY: serviceAccountKey },
    // Push messages go to the first booking API (the web app's, too).
    // Google Meet conferences on the hiring team's own calendar there (docs/adr/0075).
    workflows: { ...endpoints, GOOGLE_PUSH_URL: `http://127.0.0.1:${bookingPort}${GOOGLE_PUSH_PATH}`, GOOGLE_MEET_ORGANIZER: 'interviews@example.test' },
  };
}
