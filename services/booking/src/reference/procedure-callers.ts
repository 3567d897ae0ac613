import type { Database } from '@portal/db';
import type { HrRole } from '@portal/shared/hr-user-inputs';
import { appRouter } from '../app-router';
import { createContextInner, type Deps } from '../http/context';
import { createCallerFactory } from '../http/trpc';

/**
 * Who may call each tRPC procedure, read from the procedures themselves: each `hr.` procedure is
 * called with no session and with a session of each role (docs/adr/0076), and the refusal it
 * gives (or not) says which builder it stands on. The access test asserts the matrix; the docs
 * print it.
 */

/** A session of a team role, or of the deployment's owner (an admin of the team besides). */
export type Caller = HrRole | 'owner';
export const CALLERS: readonly Caller[] = ['hiring_manager', 'recruiter', 'admin', 'owner'];

export type ProcedureCaller =
  | 'anyone'
  | "the candidate's link"
  | "an interviewer's link"
  | 'any HR user'
  | 'a recruiter or an admin'
  | 'an admin'
  | "the deployment's owner";

export interface ProcedureEntry {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  caller: ProcedureCaller;
}

interface ProcedureDef {
  _def: { type: ProcedureEntry['type'] };
}

export const procedurePaths = (): string[] => Object.keys(appRouter._def.procedures).sort();

/** Just enough of a database for the session check: one signed-in user of `role` in the default team; anything further throws. */
export function depsSignedInAs(caller: Caller | null): Deps {
  const role = caller === 'owner' ? 'admin' : caller;
  const memberships = role === null ? [] : [{ team: 'default', role, positions: role === 'hiring_manager' ? ['Engineer'] : [] }];
  const user = { _id: 'u1', email: 'someone@example.test', role: role ?? 'recruiter', memberships, owner: caller === 'owner', disabled: false };
  const session = { _id: 'h', userId: 'u1', email: user.email, role, team: 'default', createdAt: new Date(), expiresAt: new Date(Date.now() + 60_000) };
  const db = {
    hrSessions: { findById: () => ({ lean: () => Promise.resolve(role === null ? null : session) }) },
    hrUsers: { findById: () => ({ lean: () => Promise.resolve(role === null ? null : user) }) },
  };
  return { db: db as unknown as Database } as Deps;
}

/** Calls `path` with an empty input and answers the tRPC code it was refused with, or 'ran' when it got past authorization. */
export async function accessCodeOf(path: string, role: Caller | null): Promise<'UNAUTHORIZED' | 'FORBIDDEN' | 'ran'> {
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

async function callerOf(path: string): Promise<ProcedureCaller> {
  if (path.startsWith('candidate.')) return "the candidate's link";
  if (path.startsWith('feedback.') || path.startsWith('interviewerAnswer.')) return "an interviewer's link";
  if ((await accessCodeOf(path, null)) === 'ran') return 'anyone';
  if ((await accessCodeOf(path, 'hiring_manager')) === 'ran') return 'any HR user';
  if ((await accessCodeOf(path, 'recruiter')) === 'ran') return 'a recruiter or an admin';
  return (await accessCodeOf(path, 'admin')) === 'ran' ? 'an admin' : "the deployment's owner";
}

export async function procedureCallers(): Promise<ProcedureEntry[]> {
  const procedures = appRouter._def.procedures as unknown as Record<string, ProcedureDef>;
  return Promise.all(
    procedurePaths().map(async (path) => ({ path, type: procedures[path]?._def.type ?? 'query', caller: await callerOf(path) })),
  );
}
