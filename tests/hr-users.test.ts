import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, type createApiClient } from './support/api-client';
import { signInAsAdmin } from './support/fixtures';
import { startPortal, type PortalUnderTest } from './support/portal-under-test';

type Api = ReturnType<typeof createApiClient>;
interface UserRow {
  id: string;
  email: string;
  role: 'hr' | 'admin';
  disabled: boolean;
  lastSignInAt: string | null;
  isYou: boolean;
}

const run = Date.now();
const PASSWORD = 'first-long-password';
let portal: PortalUnderTest;
let connection: mongoose.Connection;
let admin: Api;
let adminId: string;

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof ApiError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

async function createUser(name: string, role: 'hr' | 'admin' = 'hr'): Promise<UserRow> {
  return admin.mutation<UserRow>('hr.users.create', { email: `${name}.${run}@example.test`, role, password: PASSWORD });
}

async function signedIn(email: string, password = PASSWORD): Promise<Api> {
  const api = portal.api.withSession();
  await api.mutation('hr.auth.signIn', { email, password });
  return api;
}

const users = () => admin.query<UserRow[]>('hr.users.list');
const sessionsOf = async (userId: string) => (await connection.db?.collection('hr_sessions').countDocuments({ userId })) ?? -1;

beforeAll(async () => {
  portal = await startPortal(import.meta.url);
  connection = await mongoose.createConnection(portal.mongoUrl).asPromise();
  admin = await signInAsAdmin(portal.api);
  adminId = (await users()).find((user) => user.isYou)?.id ?? '';
}, 180_000);

afterAll(async () => {
  await connection?.close();
  await portal?.stop();
});

describe('HR users page', () => {
  it('an admin creates an hr user, who appears active and never signed in, then with the time of their sign-in', async () => {
    const created = await createUser('casey');
    // `hr`, the role's name before teams, is taken as a recruiter.
    expect(created).toMatchObject({ role: 'recruiter', disabled: false, lastSignInAt: null, isYou: false });
    const before = Date.now();
    await signedIn(created.email);
    const row = (await users()).find((user) => user.id === created.id);
    expect(Date.parse(row?.lastSignInAt ?? '')).toBeGreaterThanOrEqual(before - 1_000);
    const events = await connection.db?.collection('hr_user_events').find({ userId: created.id }).toArray();
    expect(events?.map((event) => [event.action, event.actor])).toEqual([['created', 'admin@example.test']]);
  });

  it('a short initial password or a taken email is refused with a clear answer, and no user is added', async () => {
    const count = (await users()).length;
    const short = await refusal(admin.mutation('hr.users.create', { email: `short.${run}@example.test`, role: 'hr', password: 'short' }));
    expect(short.code).toBe('BAD_REQUEST');
    expect(short.zodError).toMatchObject({ fieldErrors: { password: ['Use at least 12 characters'] } });
    const taken = await refusal(admin.mutation('hr.users.create', { email: 'ADMIN@example.test', role: 'hr', password: PASSWORD }));
    expect({ code: taken.code, domainCode: taken.domainCode }).toEqual({ code: 'CONFLICT', domainCode: 'ALREADY_EXISTS' });
    expect((await users()).length).toBe(count);
  });

  it('an admin cannot disable or demote themselves, so the console keeps its admin', async () => {
    // One at a time: both sent at once, the second refusal can land before anything awaits it
    // (an unhandled rejection that fails the run although every test passed).
    for (const change of [
      () => admin.mutation('hr.users.setDisabled', { userId: adminId, disabled: true }),
      () => admin.mutation('hr.users.setRole', { userId: adminId, role: 'hr' }),
    ]) {
      const refused = await refusal(change());
      expect(refused.code).toBe('FORBIDDEN');
      expect(refused.message).toMatch(/your own/);
    }
    expect((await users()).find((user) => user.id === adminId)).toMatchObject({ role: 'admin', disabled: false });
  });

  it('two admins demoting each other at the same moment: exactly one change happens and one active admin remains', async () => {
    const second = await createUser('second-admin', 'admin');
    const secondApi = await signedIn(second.email);
    const results = await Promise.allSettled([
      admin.mutation('hr.users.setRole', { userId: second.id, role: 'hr' }),
      secondApi.mutation('hr.users.setRole', { userId: adminId, role: 'hr' }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((result) => result.status === 'rejected');
    expect((refused?.reason as ApiError).code).toBe('FORBIDDEN');
    // The team's admins, by their role in the default team (docs/adr/0076).
    const users = (await connection.db?.collection('hr_users').find({ disabled: false }).toArray()) ?? [];
    const admins = users.filter((user) => (user.memberships as { team: string; role: string }[] | undefined)?.some((m) => m.team === 'default' && m.role === 'admin'));
    expect(admins).toHaveLength(1);
    // Whoever is still admin gives the other their role back, for the tests that follow.
    const firstKept = String(admins[0]?._id) === adminId;
    await (firstKept ? admin : secondApi).mutation('hr.users.setRole', { userId: firstKept ? second.id : adminId, role: 'admin' });
  });

  it('a disabled user cannot sign in and their open session ends at once; enabling lets them back in', async () => {
    const user = await createUser('dana');
    const dana = await signedIn(user.email);
    await expect(dana.query('hr.interviews.list', {})).resolves.toBeDefined();
    await admin.mutation('hr.users.setDisabled', { userId: user.id, disabled: true });
    expect((await refusal(dana.query('hr.interviews.list', {}))).code).toBe('UNAUTHORIZED');
    expect(await sessionsOf(user.id)).toBe(0);
    expect((await refusal(signedIn(user.email))).code).toBe('UNAUTHORIZED');
    expect((await users()).find((row) => row.id === user.id)?.disabled).toBe(true);
    await admin.mutation('hr.users.setDisabled', { userId: user.id, disabled: false });
    await expect(signedIn(user.email)).resolves.toBeDefined();
  });

  it('a password reset ends every session of the user; the old password stops working and the new one signs in', async () => {
    const user = await createUser('erin');
    const [laptop, phone] = [await signedIn(user.email), await signedIn(user.email)];
    await admin.mutation('hr.users.resetPassword', { userId: user.id, password: 'a-brand-new-password' });
    for (const device of [laptop, phone]) expect((await refusal(device.query('hr.interviews.list', {}))).code).toBe('UNAUTHORIZED');
    expect(await sessionsOf(user.id)).toBe(0);
    expect((await refusal(signedIn(user.email))).code).toBe('UNAUTHORIZED');
    await expect(signedIn(user.email, 'a-brand-new-password')).resolves.toBeDefined();
  });

  it('a role change applies to the open session on its next request', async () => {
    const user = await createUser('frank');
    const frank = await signedIn(user.email);
    expect((await refusal(frank.query('hr.users.list'))).code).toBe('FORBIDDEN');
    await admin.mutation('hr.users.setRole', { userId: user.id, role: 'admin' });
    await expect(frank.query('hr.users.list')).resolves.toBeDefined();
    expect(await frank.query('hr.auth.me')).toEqual({ email: user.email, role: 'admin', team: 'default', owner: false, positions: [] });
    await admin.mutation('hr.users.setRole', { userId: user.id, role: 'hr' });
    expect((await refusal(frank.query('hr.users.list'))).code).toBe('FORBIDDEN');
    const actions = await connection.db?.collection('hr_user_events').find({ userId: user.id }).toArray();
    expect(actions?.map((event) => [event.action, event.detail])).toEqual([
      ['created', `${user.email} as recruiter`],
      ['role_changed', `${user.email}: recruiter → admin`],
      ['role_changed', `${user.email}: admin → recruiter`],
    ]);
  });
});
