import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '@portal/db';
import type { HrSessionDocument, HrUserDocument } from '@portal/db/documents';

const hashOf = (sessionId: string) => createHash('sha256').update(sessionId).digest('base64url');

/** Sessions are random ids kept only hashed; the browser holds the id in an httpOnly cookie. */
export async function createSession(db: Database, user: HrUserDocument, hours: number): Promise<string> {
  const sessionId = randomBytes(32).toString('base64url');
  const now = new Date();
  await db.hrSessions.create({
    _id: hashOf(sessionId),
    userId: user._id,
    email: user.email,
    role: user.role,
    createdAt: now,
    expiresAt: new Date(now.getTime() + hours * 3_600_000),
  });
  return sessionId;
}

export async function readSession(db: Database, sessionId: string | undefined): Promise<HrSessionDocument | null> {
  if (!sessionId) return null;
  const session = await db.hrSessions.findById(hashOf(sessionId)).lean();
  if (session === null || session.expiresAt.getTime() <= Date.now()) return null;
  return session;
}

/**
 * The session of a user who still exists and is not disabled, with the user's current email and
 * role: a role change or a disable takes effect on the user's very next request, even for a
 * sign-in that was in flight while it happened.
 */
export async function readSignedIn(db: Database, sessionId: string | undefined): Promise<HrSessionDocument | null> {
  const session = await readSession(db, sessionId);
  if (session === null) return null;
  const user = await db.hrUsers.findById(session.userId).lean();
  if (user === null || user.disabled) return null;
  return { ...session, email: user.email, role: user.role };
}

/** Every session of one user (disabled, or given a new password) ends at once. */
export async function endUserSessions(db: Database, userId: string): Promise<void> {
  await db.hrSessions.deleteMany({ userId });
}

export async function endSession(db: Database, sessionId: string | undefined): Promise<void> {
  if (sessionId) await db.hrSessions.deleteOne({ _id: hashOf(sessionId) });
}
