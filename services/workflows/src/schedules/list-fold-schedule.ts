import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { listFoldScheduleId } from '@portal/shared/schedule-ids';

/**
 * Every 30 s, fold the HR list's recorded moves into its counts. Overlaps are skipped, so the
 * fold has one writer however many workers run; an existing Schedule is left as it is.
 */
export async function ensureListFoldSchedule(client: Client, taskQueue: string): Promise<void> {
  const scheduleId = listFoldScheduleId(taskQueue);
  try {
    await client.schedule.create({
      scheduleId,
      spec: { intervals: [{ every: '30s' }] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
      action: { type: 'startWorkflow', workflowType: 'interviewListFold', taskQueue, workflowId: scheduleId },
      memo: { purpose: 'Adds the HR list moves recorded by interview changes into the per-week counts the list pages with.' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
}
