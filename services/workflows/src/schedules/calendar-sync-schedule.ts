import type { Client } from '@temporalio/client';
import { ensureIntervalSchedule } from './interval-schedule';

import { calendarSyncScheduleId } from '@portal/shared/schedule-ids';

/**
 * Reads every connected calendar each `everySeconds` (CALENDAR_SYNC_SECONDS). The staleness bound
 * of busy times is therefore the interval plus one sync's run time.
 */
export function ensureCalendarSyncSchedule(client: Client, taskQueue: string, everySeconds: number): Promise<void> {
  return ensureIntervalSchedule(client, {
    scheduleId: calendarSyncScheduleId(taskQueue),
    workflowType: 'calendarSync',
    taskQueue,
    everySeconds,
    purpose: "Reads the interviewers' connected calendars (CalDAV, Google) into their busy times, and keeps their push channels open.",
  });
}
