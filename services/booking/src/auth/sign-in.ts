import { DomainError } from '@portal/shared/errors';
import type { Database } from '@portal/db';
import type { HrUserDocument } from '@portal/db/documents';
import { authenticate } from './hr-users';

/**
 * A sign-in: the password check, then the account's state. A disabled account gets the same
 * answer as every other failure, so the answer does not say which accounts exist.
 */
export async function signInHrUser(db: Database, email: string, password: string): Promise<HrUserDocument> {
  const user = await authenticate(db, email, password);
  if (user.disabled) throw new DomainError('UNAUTHORIZED', 'Wrong email or password, or the account is locked for now.');
  const lastSignInAt = new Date();
  await db.hrUsers.updateOne({ _id: user._id }, { $set: { lastSignInAt } });
  return user;
}
