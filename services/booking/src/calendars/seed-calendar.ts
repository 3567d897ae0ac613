import { insertOnce } from '@portal/db';
import { calendarKey, sealCalendarPassword } from '@portal/calendar/credentials';
import type { Deps } from '../http/context';
import { syncCalendarsSoon } from './calendar-sync-trigger';

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
