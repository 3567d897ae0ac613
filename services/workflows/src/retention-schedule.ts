import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { retentionScheduleId } from '@portal/privacy/retention';

/**
 * Applies the retention policy every `everySeconds` (docs/adr/0030); overlaps are skipped. Created
 * at worker start; an existing Schedule is updated to the interval configured now, so a changed
 * RETENTION_SWEEP_SECONDS takes effect on the next start.
 */
export async function ensureRetentionSchedule(client: Client, taskQueue: string, everySeconds: number): Promise<void> {
  const scheduleId = retentionScheduleId(taskQueue);
  const spec = { intervals: [{ every: everySeconds * 1000 }] };
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
      action: { type: 'startWorkflow', workflowType: 'retentionSweep', taskQueue, workflowId: scheduleId },
      memo: { purpose: 'Erases candidates’ personal data once the retention policy (HR console, Privacy) says it is due.' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec }));
  }
}
