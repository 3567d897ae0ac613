import type { Client } from '@temporalio/client';

/** The sync Schedule the workflows service keeps (services/workflows/src/schedules/calendar-sync-schedule.ts). */
const syncScheduleId = (taskQueue: string) => `calendar-sync-${taskQueue}`;

/** Read the calendars now instead of at the next tick; if this fails, the next tick does it anyway. */
export async function syncCalendarsSoon(temporal: Client, taskQueue: string): Promise<void> {
  try {
    await temporal.schedule.getHandle(syncScheduleId(taskQueue)).trigger();
  } catch {
    // The workflows service creates the Schedule at its start; until it has, there is nothing to hurry.
  }
}
