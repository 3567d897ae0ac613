import { startBenchPortal } from './harness';
import { median } from './measure';

/**
 * How long `hr.auth.signIn` takes to refuse, by what it refuses: a real account with a wrong
 * password, an address nobody has, and a real account this client has been blocked from. Equal
 * medians mean the answer's timing tells an attacker nothing about which accounts exist.
 * Booking trusts the bench as a proxy here (TRUST_PROXY), so each call can come from its own
 * forwarded address and only the blocked case meets a block.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const ADMIN = 'admin@example.test';

const portal = await startBenchPortal('signin', { TRUST_PROXY: '127.0.0.1', SIGNIN_FAILURES_PER_ADDRESS: '1000000' });

async function signIn(email: string, from: string): Promise<{ ms: number; code: string }> {
  const started = performance.now();
  const response = await fetch(`${portal.bookingUrl}/trpc/hr.auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ email, password: 'not-the-password' }),
  });
  const body = (await response.json()) as { error?: { data?: { domainCode?: string } } };
  return { ms: performance.now() - started, code: body.error?.data?.domainCode ?? String(response.status) };
}


try {
  const blockedFrom = '198.51.100.1';
  for (let i = 0; i < 6; i += 1) await signIn(ADMIN, blockedFrom);
  const cases = {
    'wrong password': (i: number) => signIn(ADMIN, `203.0.113.${i % 250}`),
    'unknown account': (i: number) => signIn(`nobody.${i}@example.test`, `192.0.2.${i % 250}`),
    'blocked (5 failures from this address)': () => signIn(ADMIN, blockedFrom),
  };
  const times = new Map<string, number[]>(Object.keys(cases).map((name) => [name, []]));
  const codes = new Map<string, Set<string>>(Object.keys(cases).map((name) => [name, new Set()]));
  // Round robin, so a slower moment of the machine falls on every case alike.
  for (let i = 0; i < ROUNDS + 3; i += 1) {
    for (const [name, call] of Object.entries(cases)) {
      const { ms, code } = await call(i);
      if (i < 3) continue;
      times.get(name)?.push(ms);
      codes.get(name)?.add(code);
    }
  }
  console.log(`hr.auth.signIn refusals, ${ROUNDS} calls each, one at a time:`);
  const medians = [...times].map(([name, values]) => ({ name, p50: median(values) }));
  for (const { name, p50 } of medians) console.log(`  ${name.padEnd(42)} p50 ${p50.toFixed(1)} ms  (answers: ${[...(codes.get(name) ?? [])].join(', ')})`);
  const p50s = medians.map((m) => m.p50);
  console.log(`  slowest / fastest median: ${(Math.max(...p50s) / Math.min(...p50s)).toFixed(3)} (within 10% when ≤ 1.10)`);
} finally {
  await portal.stop();
}
