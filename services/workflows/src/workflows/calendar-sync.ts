import { proxyActivities } from '@temporalio/workflow';
import type { LifecycleActivities } from './activities-api';

const { syncCalendars } = proxyActivities<LifecycleActivities>({
  // Each CalDAV request has its own deadline (CALENDAR_TIMEOUT_MS); this bounds a sync of many calendars.
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 2 },
  summary: "read the interviewers' calendars (busy times)",
});

/** One run of the "calendar-sync" Schedule: the only writer of `calendar_busy`. */
export async function calendarSync(): Promise<{ read: number; unchanged: number; failing: number }> {
  return syncCalendars();
}
