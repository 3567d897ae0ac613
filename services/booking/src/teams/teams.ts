import type { Database } from '@portal/db';
import type { HrUserDocument, TeamDocument, TeamMembership } from '@portal/db/documents';
import { isDuplicateKeyError } from '@portal/db';
import { DomainError } from '@portal/shared/errors';
import type { TeamBranding, TeamCreateInput, TeamView } from '@portal/shared/team-inputs';
import { randomUUID } from 'node:crypto';
import { isOwner, membershipsOf } from '../auth/team-roles';
import { noSuchTeam } from './team-admin';

/** What the API answers for a team. */
export function teamView(doc: Pick<TeamDocument, '_id' | 'name' | 'branding'>): TeamView {
  return { id: doc._id, name: doc.name, branding: brandingView(doc.branding) };
}

/** Branding as stored, without the fields left out (null when none is set). */
function brandingView(branding: TeamBranding | null | undefined): TeamBranding | null {
  if (!branding) return null;
  const view: TeamBranding = {};
  if (branding.logoUrl) view.logoUrl = branding.logoUrl;
  if (branding.colour) view.colour = branding.colour;
  return Object.keys(view).length === 0 ? null : view;
}

/** Every team of the deployment, in order of creation (a handful: read whole). */
export async function listTeams(db: Database): Promise<TeamView[]> {
  const teams = await db.teams.find({}).lean();
  return teams.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a._id < b._id ? -1 : 1)).map(teamView);
}

export async function readTeam(db: Database, id: string): Promise<TeamView> {
  const doc = await db.teams.findById(id).lean();
  if (doc === null) throw noSuchTeam(id);
  return teamView(doc);
}

/** A new team; its id is taken for good. The owner administers it; they add its users. */
export async function createTeam(db: Database, input: TeamCreateInput, actor: string, now = new Date()): Promise<TeamView> {
  const doc: TeamDocument = { _id: input.id, name: input.name, branding: brandingView(input.branding), createdAt: now, updatedAt: now, updatedBy: actor };
  try {
    await db.teams.create(doc);
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    throw new DomainError('ALREADY_EXISTS', `A team "${input.id}" exists already.`, { field: 'id' });
  }
  return teamView(doc);
}

/** Renames a team and sets its branding (left out: none). */
export async function updateTeam(db: Database, input: TeamCreateInput, actor: string): Promise<TeamView> {
  const branding = brandingView(input.branding);
  const result = await db.teams.updateOne({ _id: input.id }, { $set: { name: input.name, branding, updatedAt: new Date(), updatedBy: actor } });
  if (result.matchedCount === 0) throw noSuchTeam(input.id);
  return readTeam(db, input.id);
}

/** The teams a user acts in, and the role in each; the owner's are every team (as an admin where not a member). */
export async function teamsOf(db: Database, user: Pick<HrUserDocument, 'role' | 'memberships' | 'owner'>): Promise<(TeamView & { role: TeamMembership['role'] })[]> {
  const teams = await listTeams(db);
  const memberships = membershipsOf(user);
  const owner = isOwner(user);
  return teams.flatMap((team) => {
    const membership = memberships.find((m) => m.team === team.id);
    if (owner) return [{ ...team, role: 'admin' as const }];
    return membership === undefined ? [] : [{ ...team, role: membership.role }];
  });
}

/**
 * Gives a user a role in a team (the owner's doing): a membership added, or its role and positions
 * changed. Recorded on the user's trail.
 */
export async function setMembership(db: Database, actor: string, input: { team: string; userId: string; role: TeamMembership['role']; positions?: string[] | undefined }): Promise<void> {
  const [user, team] = await Promise.all([db.hrUsers.findById(input.userId).lean(), db.teams.findById(input.team, { _id: 1 }).lean()]);
  if (team === null) throw noSuchTeam(input.team);
  if (user === null) throw new DomainError('NOT_FOUND', 'There is no HR user with this id.', { field: 'userId' });
  const membership: TeamMembership = { team: input.team, role: input.role, positions: input.role === 'hiring_manager' ? (input.positions ?? []) : [] };
  const memberships = [...membershipsOf(user).filter((m) => m.team !== input.team), membership];
  await db.hrUsers.updateOne({ _id: user._id }, { $set: { memberships, owner: isOwner(user) } });
  await db.hrUserEvents.create({ _id: randomUUID(), userId: user._id, at: new Date(), actor, action: 'team_joined', detail: `${user.email}: ${input.role} in ${input.team}` });
}
