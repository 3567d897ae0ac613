import { DomainError } from '@portal/shared/errors';
import type { Database } from '@portal/db';
import type { HrUserDocument } from '@portal/db/documents';
import type { Take, WindowCounter } from '../rate-limit/rate-limit';
import { hashPassword, verifyPassword } from './passwords';

export interface SignInGuards {
  /** Wrong passwords per account and address: a few, then that address waits for that account. */
  byAccountAndAddress: WindowCounter;
  /** Wrong passwords per address over every account: a day's worth, then it waits. */
  byAddress: WindowCounter;
}

/** How a password is checked: against its stored hash, or against a stand-in when there is none to check. */
export interface PasswordCheck {
  verify(password: string, stored: string): Promise<boolean>;
  /** Scrypt work the same size as a real hash's, for the calls that have no account to check against. */
  standInHash: Promise<string>;
}

/** The portal's check: scrypt at the portal's cost (passwords.ts); the stand-in is hashed once, when first needed. */
let standIn: Promise<string> | undefined;
export const SCRYPT_CHECK: PasswordCheck = {
  verify: verifyPassword,
  get standInHash() {
    return (standIn ??= hashPassword('no account has this password'));
  },
};

const limited = (wait: number) =>
  new DomainError('RATE_LIMITED', `Too many failed sign-ins from this address; try again in ${Math.max(1, Math.ceil(wait / 60_000))} minutes.`);

const giveBack = (take: Take) => (take.ok ? take.release() : Promise.resolve());

/**
 * Checks a sign-in. Each attempt takes its point of both limits before any password is looked
 * at, in one atomic step per limit: a burst of parallel attempts cannot all read "under the limit"
 * first, so no more passwords are ever checked than the limit allows. A wrong password keeps its
 * points (the failures counted); a success gives them back. Every refusal costs the same: the
 * account is read and a hash computed whether it exists, is blocked or not, so timing tells an
 * attacker nothing. A blocked attempt hashes against the stand-in, never the account's own hash:
 * the work is a wrong password's, yet no password is checked. Failures are counted per account and
 * address, not per account: an attacker elsewhere cannot lock the owner out, and the owner's own
 * typos wait out a short window.
 */
export async function signIn(db: Database, guards: SignInGuards, ip: string, email: string, password: string, check: PasswordCheck = SCRYPT_CHECK): Promise<HrUserDocument> {
  const address = email.toLowerCase();
  const pair = `${address}|${ip}`;
  const [forPair, forAddress] = await Promise.all([guards.byAccountAndAddress.take(pair), guards.byAddress.take(ip)]);
  const user = await db.hrUsers.findOne({ email: address }).lean();
  if (!forPair.ok || !forAddress.ok) {
    // Refused before any password was checked: the point one limit did take counts no failure.
    await Promise.all([giveBack(forPair), giveBack(forAddress), check.standInHash.then((hash) => check.verify(password, hash))]);
    throw limited(Math.max(forPair.ok ? 0 : forPair.retryInMs, forAddress.ok ? 0 : forAddress.retryInMs));
  }
  const matches = await check.verify(password, user?.passwordHash ?? (await check.standInHash));
  // A disabled account answers as a wrong password does: the answer says nothing of its state.
  if (user === null || !matches || user.disabled) throw new DomainError('UNAUTHORIZED', 'Wrong email or password.');
  await Promise.all([
    guards.byAccountAndAddress.clear(pair),
    forAddress.release(),
    db.hrUsers.updateOne({ _id: user._id }, { $set: { lastSignInAt: new Date() } }),
  ]);
  return user;
}
