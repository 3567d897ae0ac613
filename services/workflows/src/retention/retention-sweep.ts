import { proxyActivities } from '@temporalio/workflow';
import type { RetentionActivities } from './activities-api';

const { applyRetentionPolicy } = proxyActivities<RetentionActivities>({
  // Each candidate's erasure ends their lifecycles and waits for them; a retry goes on with the
  // candidates still due (the selection runs again), so nothing is erased twice.
  startToCloseTimeout: '30 minutes',
  retry: { maximumAttempts: 3 },
  summary: 'erase the personal data the retention policy says is due',
});

/** One run of the "privacy-retention" Schedule (docs/adr/0030). */
export async function retentionSweep(): Promise<{ candidates: number; interviews: number }> {
  return applyRetentionPolicy();
}
