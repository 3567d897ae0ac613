import { DomainError } from '@portal/shared/errors';
import type { Database } from '@portal/db';
import type { HrUserDocument } from '@portal/db/documents';
import type { FailureCounter } from '../rate-limit';
import { hashPassword, verifyPassword } from './passwords';

export interface SignInGuards {
  /** Wrong passwords per account and address: a few, then that address waits for that account. */
  byAccountAndAddress: FailureCounter;
  /** Wrong passwords per address over every account: a day's worth, then it waits. */
  byAddress: FailureCounter;
}

/** Scrypt work the same size as a real hash's, for the calls that have no account to check against. */
const standInHash = hashPassword('no account has this password');

/**
 * Checks a sign-in. Every answer costs the same: the account is read and a password hash is
 * computed whether the account exists, is blocked for this address or not, so timing tells an
 * attacker nothing. Failures are counted per account and address, not per account: an attacker
 * elsewhere cannot lock the owner out, and the owner's own typos wait out a short window.
 */
export async function signIn(db: Database, guards: SignInGuards, ip: string, email: string, password: string): Promise<HrUserDocument> {
  const address = email.toLowerCase();
  const pair = `${address}|${ip}`;
  const [user, pairWait, ipWait] = await Promise.all([
    db.hrUsers.findOne({ email: address }).lean(),
    guards.byAccountAndAddress.blockedFor(pair),
    guards.byAddress.blockedFor(ip),
  ]);
  const matches = await verifyPassword(password, user?.passwordHash ?? (await standInHash));
  const wait = Math.max(pairWait, ipWait);
  if (wait > 0) {
    const minutes = Math.max(1, Math.ceil(wait / 60_000));
    throw new DomainError('RATE_LIMITED', `Too many failed sign-ins from this address; try again in ${minutes} minutes.`);
  }
  // A disabled account answers as a wrong password does: the answer says nothing of its state.
  if (user === null || !matches || user.disabled) {
    await Promise.all([guards.byAccountAndAddress.fail(pair), guards.byAddress.fail(ip)]);
    throw new DomainError('UNAUTHORIZED', 'Wrong email or password.');
  }
  await Promise.all([
    guards.byAccountAndAddress.clear(pair),
    db.hrUsers.updateOne({ _id: user._id }, { $set: { lastSignInAt: new Date() } }),
  ]);
  return user;
}
