import type { HrRole } from '@portal/shared/hr-user-inputs';

/**
 * What the console offers a signed-in user, read off the server's access matrix
 * (services/booking/src/reference/procedure-access.test.ts, docs/adr/0076). The server refuses
 * the rest whatever the page shows; this only keeps out of sight what would be refused.
 */
export interface ConsoleAccess {
  /** Inviting, moving, cancelling and acting for candidates; the team's interviewers, kinds, templates and calendars. Not a hiring manager. */
  runsInterviews: boolean;
  /** The team's users, keys, webhooks and candidate data; editing kinds, interviewers and templates; connecting calendars. */
  administers: boolean;
  /** The deployment's teams: the owner only. */
  managesTeams: boolean;
  /** How long candidates' personal data is kept, in every team: the owner only. */
  setsRetention: boolean;
}

export function consoleAccess(user: { role: HrRole; owner: boolean }): ConsoleAccess {
  return {
    runsInterviews: user.role !== 'hiring_manager',
    administers: user.role === 'admin',
    managesTeams: user.owner,
    setsRetention: user.owner,
  };
}

/** The pages a hiring manager has: the interviews list, an interview's page and a loop's. */
const EVERY_MEMBER = /^\/hr(\/(interviews|loops)\/[^/]+)?\/?$/;

/**
 * Whether the console page at `path` is one `access` may use. The admins' pages say for
 * themselves that a recruiter cannot use them; this answers for the pages a role has no part of.
 */
export function pageOpenTo(path: string, access: ConsoleAccess): boolean {
  if (EVERY_MEMBER.test(path)) return true;
  if (path === '/hr/teams' || path.startsWith('/hr/teams/')) return access.managesTeams;
  return access.runsInterviews;
}
