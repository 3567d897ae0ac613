import { insertOnce } from '@portal/db';
import { calendarKey, sealCalendarPassword } from '@portal/calendar/credentials';
import type { Deps } from '../http/context';
import { syncCalendarsSoon } from './calendar-sync-trigger';
import { connectGoogleCalendar } from './connect-google';
import { connectMicrosoftCalendar } from './connect-microsoft';
import { googleOrganisationFromEnv } from './organisation-google';
import { microsoftOrganisationFromEnv } from './organisation-microsoft';

/**
 * Connects the demo interviewer to the local Radicale `scripts/start.sh` runs (its "work"
 * calendar read for busy times, "interviews" written), once: a connection HR changed stays.
 */
export async function connectDemoCalendar(deps: Deps, interviewerId: string): Promise<void> {
  const { DEMO_CALDAV_URL: serverUrl, DEMO_CALDAV_USER: username, DEMO_CALDAV_PASSWORD: password } = deps.env;
  if (!serverUrl || !username || !password) return;
  const home = new URL(`${encodeURIComponent(username)}/`, serverUrl).toString();
  await insertOnce(() =>
    deps.db.calendarConnections.create({
      _id: interviewerId,
      provider: 'caldav',
      serverUrl,
      username,
      secret: sealCalendarPassword(calendarKey(deps.env.CALENDAR_SECRET_KEY), password, { interviewerId, serverUrl }),
      readCalendarUrl: `${home}work/`,
      writeCalendarUrl: `${home}interviews/`,
      connectedBy: 'seed',
      updatedAt: new Date(),
    }),
  );
  await syncCalendarsSoon(deps.temporal, deps.env.LIFECYCLE_TASK_QUEUE);
}

/**
 * Connects the demo interviewer on Google through the organisation's connection (the dev stack's
 * stand-in, GOOGLE_SERVICE_ACCOUNT_KEY), once: a connection HR changed stays.
 */
export async function connectDemoGoogleCalendar(deps: Deps, interviewerId: string): Promise<void> {
  if (deps.env.GOOGLE_SERVICE_ACCOUNT_KEY === undefined) return;
  await googleOrganisationFromEnv(deps);
  if ((await deps.db.calendarConnections.exists({ _id: interviewerId })) !== null) return;
  await connectGoogleCalendar(deps, interviewerId, 'seed');
}

/**
 * Connects the demo interviewer on Microsoft 365 through the organisation's app registration (the
 * dev stack's Graph stand-in, MICROSOFT_TENANT_ID and friends), once: a connection HR changed stays.
 */
export async function connectDemoMicrosoftCalendar(deps: Deps, interviewerId: string): Promise<void> {
  if (deps.env.MICROSOFT_CLIENT_SECRET === undefined) return;
  await microsoftOrganisationFromEnv(deps);
  if ((await deps.db.calendarConnections.exists({ _id: interviewerId })) !== null) return;
  await connectMicrosoftCalendar(deps, interviewerId, 'seed');
}
