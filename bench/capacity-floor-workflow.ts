import { proxyActivities, sleep } from '@temporalio/workflow';

export interface FloorActivities {
  floorNoop(index: number, dueAt: number): Promise<void>;
}

const { floorNoop } = proxyActivities<FloorActivities>({ startToCloseTimeout: '30 seconds' });

/** The floor of a reminder: a timer to its due time, then one activity that does nothing. */
export async function reminderFloor(index: number, dueAt: number): Promise<void> {
  await sleep(Math.max(1, dueAt - Date.now()));
  await floorNoop(index, dueAt);
}
