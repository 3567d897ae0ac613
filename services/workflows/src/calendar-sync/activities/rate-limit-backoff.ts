/** The first wait after a rate-limit answer; each next one in a row doubles it, up to the cap. */
const FIRST_WAIT_MS = 2_000;
const LONGEST_WAIT_MS = 10 * 60_000;

/**
 * How long a calendar that answered "slow down" (429, rateLimitExceeded) is left alone: what the
 * provider asked for (Retry-After), and never less than a wait that doubles with each such answer
 * in a row (`times`, from 1): 2 s, 4 s, 8 s … 10 min. No request goes to it before then, however
 * many pushes or ticks come meanwhile.
 */
export function rateLimitWaitMs(times: number, retryAfterMs: number | null): number {
  const doubling = Math.min(FIRST_WAIT_MS * 2 ** Math.max(0, times - 1), LONGEST_WAIT_MS);
  return Math.max(retryAfterMs ?? 0, doubling);
}
