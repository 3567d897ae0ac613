import type { Deps } from '../context';
import { createWindowCounter } from '../../rate-limit/rate-limit';
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

/**
 * Calls one API key has under way on this instance, at most `limit` (API_CONCURRENT_CALLS_PER_KEY;
 * docs/adr/0067). `enter`, called once the key is read, refuses the call past it with 429 and
 * Retry-After: 1 before it costs anything more (no point of the key's minute, nothing else read), and answers the `leave` that frees its
 * place, once however often it is called. Without it one key's 50 change-feed reads at once held the
 * store for every other key's calls.
 */
export function createKeyConcurrency(limit: number) {
  const underWay = new Map<string, number>();
  return function enter(keyId: string): () => void {
    const count = underWay.get(keyId) ?? 0;
    if (count >= limit) {
      throw new ApiRefusal(429, 'RATE_LIMITED', `This API key has ${limit} calls under way; send the next when one of them has answered.`, {
        'Retry-After': '1',
      });
    }
    underWay.set(keyId, count + 1);
    let left = false;
    return function leave() {
      if (left) return;
      left = true;
      const rest = (underWay.get(keyId) ?? 1) - 1;
      if (rest > 0) underWay.set(keyId, rest);
      else underWay.delete(keyId);
    };
  };
}
