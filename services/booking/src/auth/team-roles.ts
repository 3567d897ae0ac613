import type { HrUserDocument, TeamMembership } from '@portal/db/documents';
import { currentRole, type HrRole } from '@portal/shared/hr-user-inputs';
import { DEFAULT_TEAM } from '@portal/shared/team-inputs';

/**
 * An HR user's teams and roles (docs/adr/0076). A user stored before teams has no memberships and
 * one role: that role in the default team (`hr` is today's recruiter), and an admin of then was
 * the deployment's whole administration, so is its owner.
 */
export function membershipsOf(user: Pick<HrUserDocument, 'role' | 'memberships'>): TeamMembership[] {
  if (user.memberships !== undefined && user.memberships.length > 0) return user.memberships;
  if (user.memberships !== undefined) return [];
  return [{ team: DEFAULT_TEAM, role: currentRole(user.role), positions: [] }];
}

export function isOwner(user: Pick<HrUserDocument, 'role' | 'memberships' | 'owner'>): boolean {
  return user.owner ?? (user.memberships === undefined && user.role === 'admin');
}

/** What a user may do in one team. */
export interface TeamStanding {
  team: string;
  role: HrRole;
  /** A hiring manager's positions; empty for other roles. */
  positions: string[];
  owner: boolean;
}

/**
 * The user's standing in `team`, or in their first team when none is named (a session made before
 * teams). The owner stands as an admin in any team; anyone else only where they are a member.
 */
export function standingIn(user: Pick<HrUserDocument, 'role' | 'memberships' | 'owner'>, team: string | undefined): TeamStanding | null {
  const memberships = membershipsOf(user);
  const owner = isOwner(user);
  const wanted = team ?? memberships[0]?.team ?? (owner ? DEFAULT_TEAM : undefined);
  if (wanted === undefined) return null;
  const membership = memberships.find((m) => m.team === wanted);
  if (membership !== undefined) return { team: wanted, role: owner ? 'admin' : membership.role, positions: membership.role === 'hiring_manager' && !owner ? membership.positions : [], owner };
  if (owner) return { team: wanted, role: 'admin', positions: [], owner };
  // Removed from the session's team: their first team, if any is left.
  return team !== undefined && memberships.length > 0 ? standingIn(user, memberships[0]?.team) : null;
}
