import { randomUUID } from 'node:crypto';
import { DomainError } from '@portal/shared/errors';
import type { HrRole } from '@portal/shared/hr-user-inputs';
import { isDuplicateKeyError, type Database } from '@portal/db';
import type { HrUserDocument, HrUserEventDocument } from '@portal/db/documents';
import { hashPassword } from '../auth/passwords';
import { endUserSessions } from '../auth/sessions';

/** The admin acting on the users page. */
export interface Actor {
  userId: string;
  email: string;
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
    if (self === null || self.disabled || self.role !== 'admin') {
      throw new DomainError('FORBIDDEN', 'Only an admin can do this: managing HR users and interviewers needs the admin role.');
    }
    return change();
  };
  const current = previous.then(checked, checked);
  previous = current.catch(() => undefined);
  return current;
}

async function findUser(db: Database, userId: string): Promise<HrUserDocument> {
  const user = await db.hrUsers.findById(userId);
  if (user === null) throw new DomainError('NOT_FOUND', 'There is no HR user with this id.');
  return user;
}

async function record(db: Database, actor: Actor, userId: string, action: HrUserEventDocument['action'], detail: string) {
  await db.hrUserEvents.create({ _id: randomUUID(), userId, at: new Date(), actor: actor.email, action, detail });
}

/** Disabling or demoting must leave the console with an active admin, and never locks the actor out. */
async function refuseLosingAdmin(db: Database, actor: Actor, target: HrUserDocument, change: 'disable' | 'demote') {
  if (target._id === actor.userId) {
    throw new DomainError('FORBIDDEN', change === 'disable' ? 'You cannot disable your own account.' : 'You cannot remove your own admin role.');
  }
  if (target.role !== 'admin' || target.disabled) return;
  const team = await db.hrUsers.find({});
  const activeAdmins = team.filter((user) => user.role === 'admin' && !user.disabled);
  if (activeAdmins.length <= 1) {
    throw new DomainError('FORBIDDEN', `${target.email} is the last active admin; make another user admin first.`);
  }
}

export function createHrUser(db: Database, actor: Actor, input: { email: string; role: HrRole; password: string }) {
  return oneAtATime(db, actor, async () => {
    const email = input.email.trim().toLowerCase();
    const user = {
      _id: randomUUID(),
      email,
      role: input.role,
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
    const target = await findUser(db, userId);
    if (disabled) await refuseLosingAdmin(db, actor, target, 'disable');
    await db.hrUsers.updateOne({ _id: userId }, { $set: { disabled } });
    if (disabled) await endUserSessions(db, userId);
    await record(db, actor, userId, disabled ? 'disabled' : 'enabled', target.email);
  });
}

/** The admin sets the new password; every session of the user ends. */
export function resetHrUserPassword(db: Database, actor: Actor, userId: string, password: string) {
  return oneAtATime(db, actor, async () => {
    const target = await findUser(db, userId);
    const passwordHash = await hashPassword(password);
    await db.hrUsers.updateOne({ _id: userId }, { $set: { passwordHash } });
    await endUserSessions(db, userId);
    await record(db, actor, userId, 'password_reset', target.email);
  });
}

/** Takes effect on the user's next request: the role is read from the user on every call. */
export function setHrUserRole(db: Database, actor: Actor, userId: string, role: HrRole) {
  return oneAtATime(db, actor, async () => {
    const target = await findUser(db, userId);
    if (target.role === role) return;
    if (role !== 'admin') await refuseLosingAdmin(db, actor, target, 'demote');
    await db.hrUsers.updateOne({ _id: userId }, { $set: { role } });
    await record(db, actor, userId, 'role_changed', `${target.email}: ${target.role} → ${role}`);
  });
}
