import { proxyActivities } from '@temporalio/workflow';
import type { ListFoldActivities } from './activities-api';

const { foldInterviewListCounts } = proxyActivities<ListFoldActivities>({
  // A backlog (a migration, or SQLite's one write lock after a burst) can take minutes; the
  // Schedule skips overlapping runs, and a retry goes on where the last attempt stopped.
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 3 },
  summary: 'fold the HR list moves into its counts',
});

/** One run of the "interview-list-fold" Schedule: the only writer of the HR list's counts. */
export async function interviewListFold(): Promise<number> {
  return (await foldInterviewListCounts()).folded;
}
