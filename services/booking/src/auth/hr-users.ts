import { randomUUID } from 'node:crypto';
import { DomainError } from '@portal/shared/errors';
import { insertOnce, type Database } from '@portal/db';
import type { HrUserDocument } from '@portal/db/documents';
import { hashPassword, verifyPassword } from './passwords';

const LOCK_AFTER_FAILURES = 5;
const LOCK_MINUTES = 15;

/** The first admin comes from config when no HR user exists yet. */
export async function ensureFirstAdmin(db: Database, email: string, password: string): Promise<void> {
  if ((await db.hrUsers.countDocuments({}, { limit: 1 })) > 0) return;
  const passwordHash = await hashPassword(password);
  await insertOnce(() =>
    db.hrUsers.create({
      _id: randomUUID(),
      email: email.toLowerCase(),
      role: 'admin',
      passwordHash,
      failedLogins: 0,
      lockedUntil: null,
      createdAt: new Date(),
      disabled: false,
      lastSignInAt: null,
    }),
  );
}

const attemptsInFlight = new Map<string, Promise<unknown>>();

/**
 * Runs one account's sign-in attempts one after another. The failure count is read, checked and
 * written back; attempts running side by side would each read the same count, so a burst of wrong
 * passwords would never reach the lockout. FerretDB has no atomic increment to lean on instead.
 */
function oneAtATime<T>(key: string, attempt: () => Promise<T>): Promise<T> {
  const previous = attemptsInFlight.get(key) ?? Promise.resolve();
  const current = previous.then(attempt, attempt);
  const settled = current.catch(() => undefined);
  attemptsInFlight.set(key, settled);
  void settled.then(() => {
    if (attemptsInFlight.get(key) === settled) attemptsInFlight.delete(key);
  });
  return current;
}

/** Checks a sign-in; repeated failures lock the account for a while. One answer for every failure. */
export function authenticate(db: Database, email: string, password: string): Promise<HrUserDocument> {
  return oneAtATime(email.toLowerCase(), () => checkSignIn(db, email, password));
}

async function checkSignIn(db: Database, email: string, password: string): Promise<HrUserDocument> {
  const refused = new DomainError('UNAUTHORIZED', 'Wrong email or password, or the account is locked for now.');
  const user = await db.hrUsers.findOne({ email: email.toLowerCase() });
  if (user === null) {
    await hashPassword(password);
    throw refused;
  }
  if (user.lockedUntil !== null && user.lockedUntil.getTime() > Date.now()) throw refused;
  if (!(await verifyPassword(password, user.passwordHash))) {
    const failures = user.failedLogins + 1;
    const lockedUntil = failures >= LOCK_AFTER_FAILURES ? new Date(Date.now() + LOCK_MINUTES * 60_000) : null;
    await db.hrUsers.updateOne(
      { _id: user._id },
      { $set: { failedLogins: lockedUntil ? 0 : failures, lockedUntil } },
    );
    throw refused;
  }
  await db.hrUsers.updateOne({ _id: user._id }, { $set: { failedLogins: 0, lockedUntil: null } });
  return user;
}
