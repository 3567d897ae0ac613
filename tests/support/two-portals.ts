import { createApiClient } from './api-client';
import { startPortal, type PortalUnderTest } from './portal-under-test';

/**
 * Two of each service: the portal started twice for one test file, so both halves share its
 * database, task queues and the sink, with their rate limits counted in the database.
 */
export async function startTwoPortals(file: string, overrides: Record<string, string>): Promise<[PortalUnderTest, PortalUnderTest]> {
  const env = { ...overrides, RATE_LIMIT_STORE: 'database' };
  const [a, b] = await Promise.allSettled([startPortal(file, env), startPortal(file, env)]);
  if (a.status === 'fulfilled' && b.status === 'fulfilled') return [a.value, b.value];
  await Promise.all([a, b].map((half) => (half.status === 'fulfilled' ? half.value.stop() : undefined)));
  throw [a, b].flatMap((half) => (half.status === 'rejected' ? [half.reason as unknown] : []))[0];
}

/** An HR session signed in on the first API and used on both: sessions live in the database. */
export async function hrOnBoth(a: PortalUnderTest, b: PortalUnderTest) {
  const cookie: { value?: string } = {};
  const onA = createApiClient(a.bookingUrl, cookie);
  await onA.mutation('hr.auth.signIn', { email: 'admin@example.test', password: 'dev-admin-password' });
  return { onA, onB: createApiClient(b.bookingUrl, cookie) };
}

/** One tRPC call as if from `address` (X-Forwarded-For, believed with TRUST_PROXY=loopback); answers the HTTP status. */
export async function statusFrom(baseUrl: string, address: string, kind: 'query' | 'mutation', path: string, input: unknown): Promise<number> {
  const headers = { 'content-type': 'application/json', 'x-forwarded-for': address };
  const response =
    kind === 'query'
      ? await fetch(`${baseUrl}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
      : await fetch(`${baseUrl}/trpc/${path}`, { method: 'POST', headers, body: JSON.stringify(input) });
  await response.arrayBuffer();
  return response.status;
}
