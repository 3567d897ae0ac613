import type { Deps } from '../http/context';
import { createWindowCounter } from '../rate-limit/rate-limit';
import { ApiRefusal } from './problem';

const WINDOW_SECONDS = 60;

/**
 * Each API key's own window of API_RATE_LIMIT_PER_MINUTE calls, in the same store as the other
 * limits (shared by every booking instance with RATE_LIMIT_STORE=database). Answers the
 * IETF draft's RateLimit-* headers for a call that passed, and refuses one past the limit with
 * 429 and Retry-After.
 */
export function createKeyLimit(deps: Pick<Deps, 'db' | 'env'>) {
  const { env } = deps;
  const limit = env.API_RATE_LIMIT_PER_MINUTE;
  const counter = createWindowCounter(
    { name: 'api-key', points: limit, seconds: WINDOW_SECONDS },
    { maxKeys: env.RATE_LIMIT_MAX_KEYS, store: env.RATE_LIMIT_STORE, connection: deps.db.connection },
  );
  const policy = `${limit};w=${WINDOW_SECONDS}`;
  return async function take(keyId: string): Promise<Record<string, string>> {
    const taken = await counter.take(keyId);
    if (!taken.ok) {
      const seconds = String(Math.max(1, Math.ceil(taken.retryInMs / 1000)));
      throw new ApiRefusal(429, 'RATE_LIMITED', `This API key made ${limit} calls this minute; try again in ${seconds} seconds.`, {
        'RateLimit-Limit': String(limit),
        'RateLimit-Remaining': '0',
        'RateLimit-Reset': seconds,
        'RateLimit-Policy': policy,
        'Retry-After': seconds,
      });
    }
    return {
      'RateLimit-Limit': String(limit),
      'RateLimit-Remaining': String(taken.remaining),
      'RateLimit-Reset': String(Math.max(0, Math.ceil(taken.resetInMs / 1000))),
      'RateLimit-Policy': policy,
    };
  };
}
