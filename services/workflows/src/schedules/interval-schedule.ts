import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';

/** A Schedule that starts `workflowType` on `taskQueue` every `everySeconds`, overlaps skipped. */
export interface IntervalSchedule {
  scheduleId: string;
  workflowType: string;
  taskQueue: string;
  everySeconds: number;
  /** Shown in the Temporal UI beside the Schedule. */
  purpose: string;
}

/**
 * Creates the Schedule at worker start; an existing one is brought to the interval configured now,
 * so a changed interval takes effect on the next start. Its runs take the Schedule's id as their
 * workflow id, so overlaps are skipped however many workers start it.
 */
export async function ensureIntervalSchedule(client: Client, schedule: IntervalSchedule): Promise<void> {
  const { scheduleId, workflowType, taskQueue, everySeconds, purpose } = schedule;
  const spec = { intervals: [{ every: everySeconds * 1000 }] };
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
      action: { type: 'startWorkflow', workflowType, taskQueue, workflowId: scheduleId },
      memo: { purpose },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec }));
  }
}
