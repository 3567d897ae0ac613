import { describe, expect, it } from 'vitest';
import type { Database } from '@portal/db';
import type { HrRole } from '@portal/shared/hr-user-inputs';
import { appRouter } from './app-router';
import { createContextInner, type Deps } from './context';
import { createCallerFactory } from './trpc';

/** Under `hr.`, only these need no session. */
const PUBLIC = new Set(['hr.auth.signIn', 'hr.auth.me']);
/** Admin-only: managing HR users, changing interviewers (their calendars too), kinds' settings, loop templates and candidate data (erasure, export, retention). Everything else under `hr.` is for every HR user. */
const ADMIN_CALENDAR = new Set(['hr.calendars.test', 'hr.calendars.connect', 'hr.calendars.disconnect']);
const adminOnly = (path: string) =>
  path.startsWith('hr.users.') || path.startsWith('hr.apiKeys.') || path.startsWith('hr.webhooks.') || path.startsWith('hr.privacy.') || path === 'hr.interviewers.upsert' || path === 'hr.kinds.update' || path === 'hr.loops.saveTemplate' || path === 'hr.loops.removeTemplate' || ADMIN_CALENDAR.has(path);

const hrPaths = Object.keys(appRouter._def.procedures).filter((path) => path.startsWith('hr.'));

/** Just enough of a database for the session check: one signed-in user of `role`; anything further throws. */
function depsSignedInAs(role: HrRole | null): Deps {
  const user = { _id: 'u1', email: 'someone@example.test', role, disabled: false };
  const session = { _id: 'h', userId: 'u1', email: user.email, role, createdAt: new Date(), expiresAt: new Date(Date.now() + 60_000) };
  const db = {
    hrSessions: { findById: () => ({ lean: () => Promise.resolve(role === null ? null : session) }) },
    hrUsers: { findById: () => ({ lean: () => Promise.resolve(role === null ? null : user) }) },
  };
  return { db: db as unknown as Database } as Deps;
}

/** Calls `path` with an empty input and answers the tRPC code it was refused with, or 'ran' when it got past authorization. */
async function codeOf(path: string, role: HrRole | null): Promise<string> {
  const caller = createCallerFactory(appRouter)(createContextInner(depsSignedInAs(role), { cookies: { sessionId: 'x', set: () => undefined, clear: () => undefined } }));
  let target: unknown = caller;
  for (const key of path.split('.')) target = (target as Record<string, unknown>)[key];
  try {
    await (target as (input: unknown) => Promise<unknown>)({});
    return 'ran';
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === 'FORBIDDEN' || code === 'UNAUTHORIZED' ? code : 'ran';
  }
}

describe('every HR procedure is built on hrProcedure or adminProcedure', () => {
  it('finds the HR procedures to check', () => {
    expect(hrPaths).toContain('hr.users.create');
    expect(hrPaths).toContain('hr.interviews.invite');
  });

  it.each(hrPaths.filter((path) => !PUBLIC.has(path)))('%s refuses a caller without a session', async (path) => {
    expect(await codeOf(path, null)).toBe('UNAUTHORIZED');
  });

  it.each(hrPaths.filter((path) => !PUBLIC.has(path)))('%s answers an hr session by the access matrix', async (path) => {
    expect(await codeOf(path, 'hr')).toBe(adminOnly(path) ? 'FORBIDDEN' : 'ran');
  });

  it.each(hrPaths.filter((path) => !PUBLIC.has(path)))('%s lets an admin session through', async (path) => {
    expect(await codeOf(path, 'admin')).toBe('ran');
  });
});
