import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@portal/db';
import { hashPassword } from '../auth/passwords';
import { createTicketWindow } from './rate-limit-tickets';
import { startBooking, type BookingUnderTest } from '../../testing/booking-under-test';

const FILE = 'booking-shared-limits';
const PASSWORD = 'the-right-password';
let db: Database;
let instances: BookingUnderTest[];

beforeAll(async () => {
  // Two booking APIs on one database with the shared store, as several instances behind a balancer run.
  const env = { RATE_LIMIT_STORE: 'database', TRUST_PROXY: '127.0.0.1' };
  instances = await Promise.all([startBooking(FILE, env), startBooking(FILE, env)]);
  db = await openDatabase(instances[0]?.env.MONGO_URL ?? '');
}, 60_000);

afterAll(async () => {
  await Promise.all((instances ?? []).map((booking) => booking.close()));
  await db?.connection.dropDatabase();
  await db?.close();
});

async function hrUser(): Promise<string> {
  const email = `hr.${randomUUID()}@example.test`;
  await db.hrUsers.create({ _id: randomUUID(), email, role: 'hr', passwordHash: await hashPassword(PASSWORD), createdAt: new Date() });
  return email;
}

async function signIn(booking: BookingUnderTest, address: string, email: string, password: string): Promise<number> {
  const response = await fetch(`${booking.url}/trpc/hr.auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ email, password }),
  });
  await response.arrayBuffer();
  return response.status;
}

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

describe('limits shared by two booking instances on one database', () => {
  it('30 wrong passwords at once from one address, spread over both instances: 5 answered 401, 25 answered 429, on either instance the right one then waits', async () => {
    const email = await hrUser();
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(instances[i % 2] as BookingUnderTest, '198.51.100.40', email, `wrong-${i}`)));
    expect({ unauthorized: count(statuses, 401), limited: count(statuses, 429) }).toEqual({ unauthorized: 5, limited: 25 });
    for (const booking of instances) expect(await signIn(booking, '198.51.100.40', email, PASSWORD)).toBe(429);
    expect(await signIn(instances[1] as BookingUnderTest, '198.51.100.41', email, PASSWORD)).toBe(200);
  });

  it('a success on one instance wipes the failures the other counted', async () => {
    const [first, second] = instances as [BookingUnderTest, BookingUnderTest];
    const email = await hrUser();
    for (let i = 0; i < 4; i += 1) expect(await signIn(first, '198.51.100.42', email, `typo-${i}`)).toBe(401);
    expect(await signIn(second, '198.51.100.42', email, PASSWORD)).toBe(200);
    for (let i = 0; i < 4; i += 1) expect(await signIn(second, '198.51.100.42', email, `typo-${i}`)).toBe(401);
    expect(await signIn(first, '198.51.100.42', email, PASSWORD)).toBe(200);
  });
});

describe('a shared limit set far beyond any use', () => {
  it('takes points of a 100,000,000-point window at once, as a limit set that high to mean "none" is taken (the bench portals run so)', async () => {
    const window = createTicketWindow(db.connection, { name: `huge-${randomUUID()}`, points: 100_000_000, seconds: 60 }, 100);
    const taken = await Promise.all(Array.from({ length: 20 }, () => window.take('one-client')));
    expect(taken.filter((take) => take.ok)).toHaveLength(20);
    for (const take of taken) if (take.ok) expect(take.remaining).toBeGreaterThan(99_999_900);
  });
});
