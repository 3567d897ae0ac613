import { setTimeout as sleep } from 'node:timers/promises';
import { isGrpcServiceError, ScheduleAlreadyRunning, ScheduleOverlapPolicy, ServiceError, type Client } from '@temporalio/client';

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
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await createOrUpdate(client, schedule);
    } catch (error) {
      if (attempt >= BUSY_SERVER_ATTEMPTS || !serverTooBusy(error)) throw error;
      await sleep(1_000 * 2 ** (attempt - 1));
    }
  }
}

/**
 * A start beside a loaded Temporal server can meet a call it did not answer in time (the fresh-clone
 * suite once saw describeSchedule end in DEADLINE_EXCEEDED, and the worker exit): tried again after
 * 1, 2, 4 and 8 s before the worker gives up. Any other refusal ends the start at once.
 */
const BUSY_SERVER_ATTEMPTS = 5;
const BUSY_CODES = new Set([4 /* DEADLINE_EXCEEDED */, 14 /* UNAVAILABLE */]);
function serverTooBusy(error: unknown): boolean {
  const cause = error instanceof ServiceError ? error.cause : error;
  return isGrpcServiceError(cause) && BUSY_CODES.has(cause.code);
}

async function createOrUpdate(client: Client, schedule: IntervalSchedule): Promise<void> {
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
