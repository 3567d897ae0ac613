import { randomUUID } from 'node:crypto';
import { DomainError } from '@portal/shared/errors';
import type { HrRole } from '@portal/shared/hr-user-inputs';
import { isDuplicateKeyError, type Database } from '@portal/db';
import type { HrUserDocument, HrUserEventDocument, TeamMembership } from '@portal/db/documents';
import { isOwner, membershipsOf, standingIn } from '../auth/team-roles';
import { hashPassword } from '../auth/passwords';
import { endUserSessions } from '../auth/sessions';

/** The admin acting on the users page, in the team whose users it shows. */
export interface Actor {
  userId: string;
  email: string;
  team: string;
}

let previous: Promise<unknown> = Promise.resolve();

/**
 * User changes run one after another in this process: the "last active admin" check reads the
 * team and then writes, and two admins demoting each other side by side would each see the other
 * still an admin. FerretDB has no transactions to lean on instead.
 */
function oneAtATime<T>(db: Database, actor: Actor, change: () => Promise<T>): Promise<T> {
  // The actor's role is checked again in turn: a change queued behind the one that demoted them does not run.
  const checked = async () => {
    const self = await db.hrUsers.findById(actor.userId);
    if (self === null || self.disabled || standingIn(self, actor.team)?.role !== 'admin') {
      throw new DomainError('FORBIDDEN', 'Only an admin can do this: managing HR users and interviewers needs the admin role.');
    }
    return change();
  };
  const current = previous.then(checked, checked);
  previous = current.catch(() => undefined);
  return current;
}

/** A user of the actor's team; one of another team reads as missing. */
async function findUser(db: Database, actor: Actor, userId: string): Promise<HrUserDocument> {
  const user = await db.hrUsers.findById(userId);
  if (user === null || !membershipsOf(user).some((m) => m.team === actor.team)) throw new DomainError('NOT_FOUND', 'There is no HR user with this id.');
  return user;
}

/** The user's role in the actor's team. */
const roleIn = (user: HrUserDocument, team: string): HrRole | undefined => membershipsOf(user).find((m) => m.team === team)?.role;

async function record(db: Database, actor: Actor, userId: string, action: HrUserEventDocument['action'], detail: string) {
  await db.hrUserEvents.create({ _id: randomUUID(), userId, at: new Date(), actor: actor.email, action, detail });
}

/** Disabling or demoting must leave the console with an active admin, and never locks the actor out. */
async function refuseLosingAdmin(db: Database, actor: Actor, target: HrUserDocument, change: 'disable' | 'demote') {
  if (target._id === actor.userId) {
    throw new DomainError('FORBIDDEN', change === 'disable' ? 'You cannot disable your own account.' : 'You cannot remove your own admin role.');
  }
  if (roleIn(target, actor.team) !== 'admin' || target.disabled) return;
  const users = await db.hrUsers.find({});
  const activeAdmins = users.filter((user) => roleIn(user, actor.team) === 'admin' && !user.disabled);
  if (activeAdmins.length <= 1) {
    throw new DomainError('FORBIDDEN', `${target.email} is the last active admin; make another user admin first.`);
  }
}

/** A new user of the actor's team, with a role in it (an email in use, in any team, is refused). */
export function createHrUser(db: Database, actor: Actor, input: { email: string; role: HrRole; password: string; positions?: string[] | undefined }) {
  return oneAtATime(db, actor, async () => {
    const email = input.email.trim().toLowerCase();
    const user = {
      _id: randomUUID(),
      email,
      role: input.role,
      memberships: [membershipOf(actor.team, input.role, input.positions)],
      owner: false,
      passwordHash: await hashPassword(input.password),
      createdAt: new Date(),
      disabled: false,
      lastSignInAt: null,
    } satisfies HrUserDocument;
    try {
      await db.hrUsers.create(user);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new DomainError('ALREADY_EXISTS', `An HR user with the email ${email} exists already.`);
      throw error;
    }
    await record(db, actor, user._id, 'created', `${email} as ${input.role}`);
    return user;
  });
}

export function setHrUserDisabled(db: Database, actor: Actor, userId: string, disabled: boolean) {
  return oneAtATime(db, actor, async () => {
    const target = await findUser(db, actor, userId);
    if (disabled) await refuseLosingAdmin(db, actor, target, 'disable');
    await db.hrUsers.updateOne({ _id: userId }, { $set: { disabled } });
    if (disabled) await endUserSessions(db, userId);
    await record(db, actor, userId, disabled ? 'disabled' : 'enabled', target.email);
  });
}

/** The admin sets the new password; every session of the user ends. */
export function resetHrUserPassword(db: Database, actor: Actor, userId: string, password: string) {
  return oneAtATime(db, actor, async () => {
    const target = await findUser(db, actor, userId);
    const passwordHash = await hashPassword(password);
    await db.hrUsers.updateOne({ _id: userId }, { $set: { passwordHash } });
    await endUserSessions(db, userId);
    await record(db, actor, userId, 'password_reset', target.email);
  });
}

/** The user's role (and a hiring manager's positions) in the actor's team; takes effect on the user's next request. */
export function setHrUserRole(db: Database, actor: Actor, userId: string, role: HrRole, positions?: string[]) {
  return oneAtATime(db, actor, async () => {
    const target = await findUser(db, actor, userId);
    const before = roleIn(target, actor.team);
    const membership = membershipOf(actor.team, role, positions);
    const current = membershipsOf(target).find((m) => m.team === actor.team);
    if (before === role && JSON.stringify(current?.positions ?? []) === JSON.stringify(membership.positions)) return;
    if (role !== 'admin') await refuseLosingAdmin(db, actor, target, 'demote');
    const memberships = membershipsOf(target).map((m) => (m.team === actor.team ? membership : m));
    await db.hrUsers.updateOne({ _id: userId }, { $set: { memberships, owner: isOwner(target) } });
    await record(db, actor, userId, 'role_changed', `${target.email}: ${before ?? 'none'} → ${role}${role === 'hiring_manager' ? ` (${membership.positions.join(', ')})` : ''}`);
  });
}

function membershipOf(team: string, role: HrRole, positions: string[] | undefined): TeamMembership {
  return { team, role, positions: role === 'hiring_manager' ? [...new Set(positions ?? [])] : [] };
}
