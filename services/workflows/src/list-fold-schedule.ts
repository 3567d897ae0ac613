import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';

export const LIST_FOLD_SCHEDULE_ID = 'interview-list-fold';

/**
 * Every 30 s, fold the HR list's recorded moves into its counts. Overlaps are skipped, so the
 * fold has one writer however many workers run; an existing Schedule is left as it is.
 */
export async function ensureListFoldSchedule(client: Client, taskQueue: string): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: LIST_FOLD_SCHEDULE_ID,
      spec: { intervals: [{ every: '30s' }] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
      action: { type: 'startWorkflow', workflowType: 'interviewListFold', taskQueue, workflowId: LIST_FOLD_SCHEDULE_ID },
      memo: { purpose: 'Adds the HR list moves recorded by interview changes into the per-week counts the list pages with.' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
}
