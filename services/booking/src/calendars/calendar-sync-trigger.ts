import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { calendarSyncScheduleId } from '@portal/shared/schedule-ids';

/**
 * Read the calendars now instead of at the next tick; if this fails, the next tick does it anyway.
 * A sync already running is not joined by a second (the sync is the only writer of busy times):
 * one more run is queued behind it, which reads whatever changed meanwhile, and triggers that come
 * while one is queued add nothing.
 */
export async function syncCalendarsSoon(temporal: Client, taskQueue: string): Promise<void> {
  try {
    await temporal.schedule.getHandle(calendarSyncScheduleId(taskQueue)).trigger(ScheduleOverlapPolicy.BUFFER_ONE);
  } catch {
    // The workflows service creates the Schedule at its start; until it has, there is nothing to hurry.
  }
}
