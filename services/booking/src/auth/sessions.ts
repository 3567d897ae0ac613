import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '@portal/db';
import type { HrSessionDocument, HrUserDocument } from '@portal/db/documents';
import type { HrRole } from '@portal/shared/hr-user-inputs';
import { standingIn } from './team-roles';

const hashOf = (sessionId: string) => createHash('sha256').update(sessionId).digest('base64url');

/** Sessions are random ids kept only hashed; the browser holds the id in an httpOnly cookie. */
export async function createSession(db: Database, user: HrUserDocument, hours: number): Promise<string> {
  const sessionId = randomBytes(32).toString('base64url');
  const now = new Date();
  const standing = standingIn(user, undefined);
  await db.hrSessions.create({
    _id: hashOf(sessionId),
    userId: user._id,
    email: user.email,
    role: standing?.role ?? 'recruiter',
    ...(standing === null ? {} : { team: standing.team }),
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

/** A signed-in session with the user's standing in the team it acts in (team-roles.ts). */
export interface SignedIn extends Omit<HrSessionDocument, 'role' | 'team'> {
  role: HrRole;
  team: string;
  positions: string[];
  owner: boolean;
}

/**
 * The session of a user who still exists, is not disabled and belongs to a team, with the user's
 * current email and role in the session's team: a role change, a removal from the team or a
 * disable takes effect on the user's very next request, even for a sign-in that was in flight
 * while it happened.
 */
export async function readSignedIn(db: Database, sessionId: string | undefined): Promise<SignedIn | null> {
  const session = await readSession(db, sessionId);
  if (session === null) return null;
  const user = await db.hrUsers.findById(session.userId).lean();
  if (user === null || user.disabled) return null;
  const standing = standingIn(user, session.team);
  if (standing === null) return null;
  return { ...session, email: user.email, ...standing };
}

/** The session acts in another team from its next request (the caller checked the user stands in it). */
export async function switchSessionTeam(db: Database, sessionId: string, team: string): Promise<void> {
  await db.hrSessions.updateOne({ _id: hashOf(sessionId) }, { $set: { team } });
}

/** Every session of one user (disabled, or given a new password) ends at once. */
export async function endUserSessions(db: Database, userId: string): Promise<void> {
  await db.hrSessions.deleteMany({ userId });
}

export async function endSession(db: Database, sessionId: string | undefined): Promise<void> {
  if (sessionId) await db.hrSessions.deleteOne({ _id: hashOf(sessionId) });
}
