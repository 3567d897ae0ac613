import type { Client } from '@temporalio/client';
import { retentionScheduleId } from '@portal/shared/schedule-ids';
import { ensureIntervalSchedule } from './interval-schedule';

/** Applies the retention policy every `everySeconds` (docs/adr/0030; RETENTION_SWEEP_SECONDS). */
export function ensureRetentionSchedule(client: Client, taskQueue: string, everySeconds: number): Promise<void> {
  return ensureIntervalSchedule(client, {
    scheduleId: retentionScheduleId(taskQueue),
    workflowType: 'retentionSweep',
    taskQueue,
    everySeconds,
    purpose: 'Erases candidates’ personal data once the retention policy (HR console, Privacy) says it is due.',
  });
}
