import { randomUUID } from 'node:crypto';
import { insertOnce, type Database } from '@portal/db';
import { DEFAULT_TEAM } from '@portal/shared/team-inputs';
import { hashPassword } from './passwords';

/** The first admin comes from config when no HR user exists yet: the deployment's owner, an admin of the default team. */
export async function ensureFirstAdmin(db: Database, email: string, password: string): Promise<void> {
  if ((await db.hrUsers.countDocuments({}, { limit: 1 })) > 0) return;
  const passwordHash = await hashPassword(password);
  await insertOnce(() =>
    db.hrUsers.create({
      _id: randomUUID(),
      email: email.toLowerCase(),
      role: 'admin',
      memberships: [{ team: DEFAULT_TEAM, role: 'admin', positions: [] }],
      owner: true,
      passwordHash,
      createdAt: new Date(),
      disabled: false,
      lastSignInAt: null,
    }),
  );
}
