import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { benchWorker } from './bench-worker';
import type { FloorActivities } from './capacity-floor-workflow';
import type { DueReminder } from './capacity-schedule';
import { inPool } from './measure';

const workflowsPath = fileURLToPath(new URL('./capacity-floor-workflow.ts', import.meta.url));

/**
 * The floor measured in the same run: bare workflows, one per reminder, that sleep on a timer to
 * the reminder's due time and then run one no-op activity, which notes its own lateness. One
 * worker in this process, defaults throughout. Returns each activity's lateness by workflow index.
 */
export async function runFloor(temporalAddress: string, schedule: DueReminder[], concurrency: number): Promise<Map<number, number>> {
  const taskQueue = `bench-capacity-floor-${process.pid}`;
  const lateness = new Map<number, number>();
  const activities: FloorActivities = {
    async floorNoop(index, dueAt) {
      lateness.set(index, Date.now() - dueAt);
    },
  };
  const { worker, connection: nativeConnection } = await benchWorker(temporalAddress, taskQueue, workflowsPath, activities);
  const connection = await Connection.connect({ address: temporalAddress });
  // The floor's worker runs with the default data converter, unlike the portal's.
  const client = new Client({ connection });
  const running = worker.run();
  try {
    await inPool(schedule, concurrency, (reminder, index) =>
      client.workflow.start('reminderFloor', { taskQueue, workflowId: `bench-floor-${process.pid}-${index}`, args: [index, reminder.dueAt] }),
    );
    const lastDue = Math.max(...schedule.map((r) => r.dueAt));
    while (lateness.size < schedule.length && Date.now() < lastDue + 120_000) await new Promise((resolve) => setTimeout(resolve, 500));
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
    await nativeConnection.close();
  }
  return lateness;
}
