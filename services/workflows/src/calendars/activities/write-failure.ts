import { ApplicationFailure } from '@temporalio/activity';
import { providerProblem, rateLimitWaitMs, type ProviderProblemCode } from '@portal/calendar/provider';

/**
 * Refusals that wait for someone to act (a revoked grant or delegation, a wrong password, a
 * calendar the connection may not use, no organisation connection): another try cannot help, so
 * the write fails at once, visibly, and HR sees why on the interviewer's calendar.
 */
const WAITS_FOR_SOMEONE: ReadonlySet<ProviderProblemCode> = new Set(['AUTH', 'FORBIDDEN', 'REFUSED', 'SECRET', 'NOT_SET_UP', 'OTHER_ORIGIN']);

/**
 * What a failed event write leaves the activity as, for its retry policy. A calendar that asked us
 * to slow down is tried again no sooner than it asked (Retry-After) and never sooner than a wait
 * that doubles with each such answer in a row (`attempt`: this one's number, from 1), by the
 * failure's own next retry delay; the policy's attempts still bound it. Outages and timeouts keep
 * the policy's own backoff.
 */
export function writeFailure(error: unknown, attempt: number): Error {
  const problem = providerProblem(error);
  const type = `CALENDAR_${problem.code}`;
  if (problem.code === 'RATE_LIMITED') {
    return ApplicationFailure.create({ message: problem.message, type, nextRetryDelay: rateLimitWaitMs(attempt, problem.retryAfterMs) });
  }
  if (WAITS_FOR_SOMEONE.has(problem.code)) return ApplicationFailure.nonRetryable(problem.message, type);
  return error instanceof Error ? error : new Error(String(error));
}
