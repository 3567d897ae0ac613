import { proxyActivities } from '@temporalio/workflow';
import type { LifecycleActivities } from './activities-api';

const { foldInterviewListCounts } = proxyActivities<LifecycleActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 3 },
  summary: 'fold the HR list moves into its counts',
});

/** One run of the "interview-list-fold" Schedule: the only writer of the HR list's counts. */
export async function interviewListFold(): Promise<number> {
  return (await foldInterviewListCounts()).folded;
}
