import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';

/** One per lifecycle task queue, like the list fold: the workers of a queue share one database. */
export const calendarSyncScheduleId = (taskQueue: string) => `calendar-sync-${taskQueue}`;

/**
 * Reads every connected calendar each `everySeconds` (overlaps skipped). The staleness bound of
 * busy times is therefore the interval plus one sync's run time. An existing Schedule is brought
 * to the configured interval, so changing CALENDAR_SYNC_SECONDS takes effect on restart.
 */
export async function ensureCalendarSyncSchedule(client: Client, taskQueue: string, everySeconds: number): Promise<void> {
  const scheduleId = calendarSyncScheduleId(taskQueue);
  const spec = { intervals: [{ every: everySeconds * 1000 }] };
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
      action: { type: 'startWorkflow', workflowType: 'calendarSync', taskQueue, workflowId: scheduleId },
      memo: { purpose: "Reads the interviewers' connected calendars (CalDAV) into their busy times." },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec }));
  }
}
