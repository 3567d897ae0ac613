import { proxyActivities, sleep } from '@temporalio/workflow';

export interface BudgetActivities {
  budgetNoop(): Promise<void>;
}

const { budgetNoop } = proxyActivities<BudgetActivities>({ startToCloseTimeout: '30 seconds' });

/** The least a lifecycle is: started, one workflow task that sets its first timer. */
export async function timerLifecycle(): Promise<void> {
  await sleep('1 hour');
}

/** The least a lifecycle that mails on its start is: one activity (the invitation), then its timer. */
export async function activityLifecycle(): Promise<void> {
  await budgetNoop();
  await sleep('1 hour');
}
