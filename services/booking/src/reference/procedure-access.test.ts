import { describe, expect, it } from 'vitest';
import { accessCodeOf, depsSignedInAs, procedurePaths, type Caller } from './procedure-callers';
import { ROUTES } from '../rest-routes';
import { createContextInner } from '../http/context';
import type { Route } from '../http/rest/route';

/** Under `hr.`, only these need no session. */
const PUBLIC = new Set(['hr.auth.signIn', 'hr.auth.me']);
/** Every signed-in HR user, outside a team's scope: their own teams and signing out. */
const SIGNED_IN = new Set(['hr.auth.signOut', 'hr.teams.mine', 'hr.teams.switch']);
/** The deployment's owner only: the teams themselves, and the retention period over every team's candidates. */
const OWNER_ONLY = new Set(['hr.teams.list', 'hr.teams.get', 'hr.teams.create', 'hr.teams.update', 'hr.teams.setMember', 'hr.privacy.setRetention']);
/**
 * A hiring manager too (docs/adr/0076): reading their positions' interviews, loops and scorecards,
 * the kinds they are of, the change feed and live list; setting outcomes; approving retakes.
 */
const HIRING_MANAGER = new Set([
  'hr.interviews.list',
  'hr.interviews.get',
  'hr.interviews.setOutcome',
  'hr.interviews.approveRetake',
  'hr.interviews.record',
  'hr.interviews.changes',
  'hr.interviews.live',
  'hr.loops.ofInterview',
  'hr.loops.get',
  'hr.kinds.list',
  'hr.kinds.all',
  'hr.kinds.get',
]);
/** Admin-only: managing HR users, changing interviewers (their calendars too) and the organisation's calendar connections, kinds' settings, loop templates, webhooks, keys and candidate data (erasure, export, retention). */
const ADMIN_CALENDAR = new Set(['hr.calendars.test', 'hr.calendars.connect', 'hr.calendars.connectGoogle', 'hr.calendars.connectMicrosoft', 'hr.calendars.startOwnGrant', 'hr.calendars.disconnect', 'hr.organisationCalendars.connectGoogle', 'hr.organisationCalendars.disconnectGoogle', 'hr.organisationCalendars.connectMicrosoft', 'hr.organisationCalendars.disconnectMicrosoft']);
const adminOnly = (path: string) =>
  path.startsWith('hr.users.') || path.startsWith('hr.apiKeys.') || path.startsWith('hr.webhooks.') || path.startsWith('hr.privacy.') || path === 'hr.interviewers.upsert' || path === 'hr.kinds.update' || path === 'hr.kinds.create' || path === 'hr.kinds.edit' || path === 'hr.loops.saveTemplate' || path === 'hr.loops.removeTemplate' || ADMIN_CALENDAR.has(path);

/** Whether `caller` may call `path`, by the matrix. */
function allowed(path: string, caller: Caller): boolean {
  if (SIGNED_IN.has(path)) return true;
  if (OWNER_ONLY.has(path)) return caller === 'owner';
  if (caller === 'owner' || caller === 'admin') return true;
  if (caller === 'hiring_manager') return HIRING_MANAGER.has(path);
  return !adminOnly(path);
}

const hrPaths = procedurePaths().filter((path) => path.startsWith('hr.'));
const guarded = hrPaths.filter((path) => !PUBLIC.has(path));

describe('every HR procedure answers each role by the access matrix', () => {
  it('finds the HR procedures to check', () => {
    expect(hrPaths).toContain('hr.users.create');
    expect(hrPaths).toContain('hr.interviews.invite');
    expect(hrPaths).toContain('hr.teams.create');
  });

  it.each(guarded)('%s refuses a caller without a session', async (path) => {
    expect(await accessCodeOf(path, null)).toBe('UNAUTHORIZED');
  });

  it.each(guarded.flatMap((path) => (['hiring_manager', 'recruiter', 'admin', 'owner'] as const).map((caller) => [path, caller] as const)))(
    '%s answers a %s session by the matrix',
    async (path, caller) => {
      expect(await accessCodeOf(path, caller)).toBe(allowed(path, caller) ? 'ran' : 'FORBIDDEN');
    },
  );
});

/** A REST route's procedure called as a console session of `caller`: refused, or past authorization. */
async function routeAccess(route: Route, caller: Caller): Promise<'FORBIDDEN' | 'UNAUTHORIZED' | 'ran'> {
  const context = createContextInner(depsSignedInAs(caller), { cookies: { sessionId: 'x', set: () => undefined, clear: () => undefined } });
  try {
    await route.run({ caller: route.callerFor(context), params: { id: 'default' }, query: {}, body: {}, token: '' });
    return 'ran';
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === 'FORBIDDEN' || code === 'UNAUTHORIZED' ? code : 'ran';
  }
}

/** The REST routes a console session calls: API keys are a team admin's, teams the owner's. */
const SESSION_ROUTES: Record<string, readonly Caller[]> = { '/api-keys': ['admin', 'owner'], '/api-keys/{id}': ['admin', 'owner'], '/teams': ['owner'], '/teams/{id}': ['owner'] };

describe('every REST route a console session calls answers each role by the access matrix', () => {
  const sessionRoutes = ROUTES.filter((route) => route.credential === 'session');

  it('knows every session route (key routes act as an admin of the key\'s team; candidate routes take the link)', () => {
    expect(sessionRoutes.map((route) => route.path).sort()).toEqual(
      ROUTES.filter((route) => route.path in SESSION_ROUTES).map((route) => route.path).sort(),
    );
    expect(ROUTES.every((route) => route.credential !== 'session' || route.path in SESSION_ROUTES)).toBe(true);
  });

  it.each(sessionRoutes.flatMap((route) => (['hiring_manager', 'recruiter', 'admin', 'owner'] as const).map((caller) => [`${route.method.toUpperCase()} ${route.path}`, caller, route] as const)))(
    '%s answers a %s session by the matrix',
    async (_name, caller, route) => {
      expect(await routeAccess(route, caller)).toBe(SESSION_ROUTES[route.path]?.includes(caller) ? 'ran' : 'FORBIDDEN');
    },
  );
});
