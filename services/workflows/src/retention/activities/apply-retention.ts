import { ApplicationFailure } from '@temporalio/activity';
import type { ErasureDeps } from '@portal/privacy/erasure';
import { applyRetention } from '@portal/privacy/retention';
import type { RetentionActivities } from '../activities-api';

/** The sweep's activity; a worker started without erasure (the workflow tests') refuses it once, visibly. */
export function createRetentionActivities(deps: { erasure?: ErasureDeps }): RetentionActivities {
  return {
    applyRetentionPolicy: async () => {
      if (!deps.erasure) throw ApplicationFailure.nonRetryable('this worker was started without erasure', 'NOT_CONFIGURED');
      const results = await applyRetention(deps.erasure);
      return { candidates: results.length, interviews: results.reduce((sum, result) => sum + result.interviewIds.length, 0) };
    },
  };
}
