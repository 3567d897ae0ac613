import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal, type PortalUnderTest } from './support/portal-under-test';

let portal: PortalUnderTest;

/** One sign-in as a browser at `address` sends it (through the proxy booking trusts): the HTTP status. */
async function signIn(address: string, email: string, password: string): Promise<number> {
  const response = await fetch(`${portal.bookingUrl}/trpc/hr.auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ email, password }),
  });
  await response.arrayBuffer();
  return response.status;
}

beforeAll(async () => {
  // The database store, as several booking instances run it; X-Forwarded-For names the address.
  portal = await startPortal('sign-in-burst', { RATE_LIMIT_STORE: 'database', TRUST_PROXY: '127.0.0.1' });
}, 120_000);

afterAll(async () => {
  await portal?.stop();
});

describe('a burst of sign-ins from one address', () => {
  it('30 wrong passwords sent at once: at most 5 answered 401, the rest 429, and then the right password waits too', async () => {
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn('198.51.100.30', 'admin@example.test', `wrong-${i}`)));
    const unauthorized = statuses.filter((status) => status === 401).length;
    const limited = statuses.filter((status) => status === 429).length;
    console.info(`[sign-in burst] 30 at once: ${unauthorized} answered 401, ${limited} answered 429`);
    expect(unauthorized).toBeLessThanOrEqual(5);
    expect(unauthorized + limited).toBe(30);
    expect(await signIn('198.51.100.30', 'admin@example.test', 'dev-admin-password')).toBe(429);
  });

  it('the account is not locked for other addresses', async () => {
    expect(await signIn('198.51.100.31', 'admin@example.test', 'dev-admin-password')).toBe(200);
  });
});
