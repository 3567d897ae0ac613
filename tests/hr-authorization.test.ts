import { createHash, randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alwaysAvailableInterviewer, inviteAndReadLink, signInAsAdmin } from './support/fixtures';
import { hrProcedures as allHrProcedures, type HrCall } from './support/hr-procedures';
import { startPortal, type PortalUnderTest } from './support/portal-under-test';

const SESSION_COOKIE = 'portal_hr_session';
const COLLECTIONS = ['interviews', 'interviewers', 'audit_events', 'active_interview_locks', 'hr_sessions', 'hr_users', 'hr_user_events', 'messages', 'api_keys'];
/** What the admin-only procedures could write: an `hr` session's refusal must leave these as they were. */
const ADMIN_WRITES = ['interviewers', 'hr_users', 'hr_sessions', 'hr_user_events', 'api_keys', 'webhook_endpoints', 'calendar_connections', 'organisation_calendars'];
const HR_PASSWORD = 'hr-role-password';
const run = Date.now();

let portal: PortalUnderTest;
let connection: mongoose.Connection;
let candidateToken: string;
let interviewId: string;
let interviewerId: string;
let hrEmail: string;
let targetUserId: string;

/** One raw tRPC call with exactly the headers given, so each credential is tested on its own. */
async function call({ kind, path, input }: Pick<HrCall, 'kind' | 'path' | 'input'>, headers: Record<string, string>): Promise<{ status: number; code?: string; message?: string; domainCode?: string | null; setCookie: string | null }> {
  const url = kind === 'query'
    ? `${portal.bookingUrl}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`
    : `${portal.bookingUrl}/trpc/${path}`;
  const response = await fetch(url, {
    method: kind === 'query' ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: kind === 'mutation' ? JSON.stringify(input ?? null) : undefined,
  });
  const body = (await response.json()) as { error?: { message?: string; data?: { code?: string; domainCode?: string | null } } };
  return { status: response.status, code: body.error?.data?.code, message: body.error?.message, domainCode: body.error?.data?.domainCode, setCookie: response.headers.get('set-cookie') };
}

function hrProcedures(): HrCall[] {
  return allHrProcedures({ run, interviewId, interviewerId, targetUserId });
}

async function snapshot(collections = COLLECTIONS): Promise<Record<string, unknown>> {
  const db = connection.db;
  if (!db) throw new Error('no database handle');
  const entries = await Promise.all(
    collections.map(async (name) => [name, await db.collection(name).find({}).sort({ _id: 1 }).toArray()] as const),
  );
  return Object.fromEntries(entries);
}

const sessionIdHash = (sessionId: string) => createHash('sha256').update(sessionId).digest('base64url');

async function insertSession(expiresAt: Date): Promise<string> {
  const admin = await connection.db?.collection('hr_users').findOne({ email: 'admin@example.test' });
  const sessionId = randomBytes(32).toString('base64url');
  await connection.db?.collection('hr_sessions').insertOne({
    _id: sessionIdHash(sessionId) as never,
    userId: admin?._id,
    email: 'admin@example.test',
    role: 'admin',
    createdAt: new Date(expiresAt.getTime() - 8 * 3_600_000),
    expiresAt,
  });
  return sessionId;
}

beforeAll(async () => {
  portal = await startPortal(import.meta.url);
  connection = await mongoose.createConnection(portal.mongoUrl).asPromise();
  const hr = await signInAsAdmin(portal.api);
  interviewerId = (await alwaysAvailableInterviewer(hr, 'Auth Interviewer')).id;
  const invited = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Casey Candidate', email: `casey.${run}@example.test` }, [interviewerId]);
  candidateToken = invited.token;
  interviewId = invited.interviewId;
  hrEmail = `hr-role.${run}@example.test`;
  await hr.mutation('hr.users.create', { email: hrEmail, role: 'hr', password: HR_PASSWORD });
  const target = await hr.mutation<{ id: string }>('hr.users.create', { email: `target.${run}@example.test`, role: 'hr', password: HR_PASSWORD });
  targetUserId = target.id;
}, 180_000);

afterAll(async () => {
  await connection?.close();
  await portal?.stop();
});

describe('HR procedures refuse every caller without a live HR session, and write nothing', () => {
  const credentials: [string, () => Promise<Record<string, string>>][] = [
    ['no session', async () => ({})],
    ['a candidate token as the session cookie', async () => ({ cookie: `${SESSION_COOKIE}=${candidateToken}` })],
    ['a candidate token as a bearer header', async () => ({ authorization: `Bearer ${candidateToken}` })],
    ['a candidate token in every other cookie', async () => ({ cookie: `token=${candidateToken}; session=${candidateToken}` })],
    ['an expired session', async () => ({ cookie: `${SESSION_COOKIE}=${await insertSession(new Date(Date.now() - 60_000))}` })],
  ];

  for (const [label, headersFor] of credentials) {
    it(`with ${label}: UNAUTHORIZED for every HR procedure`, async () => {
      const headers = await headersFor();
      const before = await snapshot();
      for (const procedure of hrProcedures()) {
        const answer = await call(procedure, headers);
        expect({ path: procedure.path, status: answer.status, code: answer.code, domainCode: answer.domainCode }).toEqual({
          path: procedure.path,
          status: 401,
          code: 'UNAUTHORIZED',
          domainCode: 'UNAUTHORIZED',
        });
        expect(answer.setCookie).toBeNull();
      }
      expect(await snapshot()).toEqual(before);
    });
  }

  it('a signed-in session from another site is FORBIDDEN on every HR mutation, and nothing is written', async () => {
    const sessionId = await insertSession(new Date(Date.now() + 3_600_000));
    const before = await snapshot();
    const crossSite = { cookie: `${SESSION_COOKIE}=${sessionId}`, origin: 'https://evil.example' };
    for (const procedure of hrProcedures().filter((p) => p.kind === 'mutation')) {
      const answer = await call(procedure, crossSite);
      expect({ path: procedure.path, code: answer.code }).toEqual({ path: procedure.path, code: 'FORBIDDEN' });
    }
    const signInAnswer = await call(
      { kind: 'mutation', path: 'hr.auth.signIn', input: { email: 'admin@example.test', password: 'dev-admin-password' } },
      { origin: 'https://evil.example' },
    );
    expect(signInAnswer.code).toBe('FORBIDDEN');
    expect(signInAnswer.setCookie).toBeNull();
    expect(await snapshot()).toEqual(before);
    const sameSession = await call({ kind: 'query', path: 'hr.interviewers.list' }, { cookie: `${SESSION_COOKIE}=${sessionId}` });
    expect(sameSession.status).toBe(200);
  });
});

describe('sign-in and sign-out', () => {
  it('sets the session as an httpOnly SameSite=Strict cookie', async () => {
    const answer = await call(
      { kind: 'mutation', path: 'hr.auth.signIn', input: { email: 'admin@example.test', password: 'dev-admin-password' } },
      {},
    );
    expect(answer.status).toBe(200);
    expect(answer.setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(answer.setCookie).toMatch(/HttpOnly/i);
    expect(answer.setCookie).toMatch(/SameSite=Strict/i);
  });

  it('sign-out ends the session: the same cookie is refused afterwards', async () => {
    const sessionsBefore = await connection.db?.collection('hr_sessions').countDocuments({});
    const signedIn = await call(
      { kind: 'mutation', path: 'hr.auth.signIn', input: { email: 'admin@example.test', password: 'dev-admin-password' } },
      {},
    );
    const cookie = signedIn.setCookie?.split(';')[0] ?? '';
    expect((await call({ kind: 'query', path: 'hr.interviewers.list' }, { cookie })).status).toBe(200);
    const out = await call({ kind: 'mutation', path: 'hr.auth.signOut' }, { cookie });
    expect(out.status).toBe(200);
    expect(out.setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
    // A copy of the cookie kept after sign-out is worth nothing: the session is gone server-side.
    const after = await call({ kind: 'query', path: 'hr.interviewers.list' }, { cookie });
    expect(after.code).toBe('UNAUTHORIZED');
    expect(await connection.db?.collection('hr_sessions').countDocuments({})).toBe(sessionsBefore);
    const me = await fetch(`${portal.bookingUrl}/trpc/hr.auth.me`, { headers: { cookie } });
    expect(((await me.json()) as { result: { data: unknown } }).result.data).toBeNull();
  });
});

async function sessionCookie(email: string, password: string): Promise<string> {
  const signedIn = await call({ kind: 'mutation', path: 'hr.auth.signIn', input: { email, password } }, {});
  expect(signedIn.status).toBe(200);
  return signedIn.setCookie?.split(';')[0] ?? '';
}

describe('each HR procedure answers by role: hr runs interviews, admin also manages HR users and interviewers', () => {
  it('an hr session is FORBIDDEN, with a clear message and nothing changed, on every admin procedure, and allowed on the rest', async () => {
    const cookie = await sessionCookie(hrEmail, HR_PASSWORD);
    for (const procedure of hrProcedures()) {
      const before = await snapshot(ADMIN_WRITES);
      const answer = await call(procedure, { cookie });
      if (procedure.role === 'admin') {
        expect({ path: procedure.path, status: answer.status, code: answer.code }).toEqual({ path: procedure.path, status: 403, code: 'FORBIDDEN' });
        expect(answer.message).toMatch(/admin/);
        expect(await snapshot(ADMIN_WRITES)).toEqual(before);
      } else {
        expect({ path: procedure.path, refused: ['FORBIDDEN', 'UNAUTHORIZED'].includes(answer.code ?? '') }).toEqual({ path: procedure.path, refused: false });
      }
    }
  });

  it('an admin session is allowed on every HR procedure', async () => {
    const cookie = await sessionCookie('admin@example.test', 'dev-admin-password');
    for (const procedure of hrProcedures()) {
      const answer = await call(procedure, { cookie });
      expect({ path: procedure.path, refused: ['FORBIDDEN', 'UNAUTHORIZED'].includes(answer.code ?? '') }).toEqual({ path: procedure.path, refused: false });
    }
    const created = await connection.db?.collection('hr_users').findOne({ email: `created.${run}@example.test` });
    // `hr`, the role's name before teams, is taken as a recruiter of the admin's team.
    expect(created).toMatchObject({ role: 'recruiter', memberships: [{ team: 'default', role: 'recruiter', positions: [] }], disabled: false });
    expect(await connection.db?.collection('hr_users').findOne({ _id: targetUserId as never })).toMatchObject({ memberships: [{ team: 'default', role: 'admin' }], disabled: true });
  });
});
