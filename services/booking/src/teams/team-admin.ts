import type { Database } from '@portal/db';
import { DomainError } from '@portal/shared/errors';
import { standingIn } from '../auth/team-roles';

/** A team answered as missing: the same words whether it does not exist or is not the caller's. */
export const noSuchTeam = (team: string) => new DomainError('NOT_FOUND', `There is no team "${team}".`, { field: 'team' });

/**
 * Checks the user administers `team` (an admin of it, or the owner) and that it exists; either way
 * otherwise, it reads as missing.
 */
export async function adminOfTeam(db: Database, userId: string, team: string): Promise<void> {
  const [user, found] = await Promise.all([db.hrUsers.findById(userId).lean(), db.teams.findById(team, { _id: 1 }).lean()]);
  if (user === null || found === null || standingIn(user, team)?.role !== 'admin') throw noSuchTeam(team);
}
