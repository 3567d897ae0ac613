import { randomUUID } from 'node:crypto';
import { insertOnce, type Database } from '@portal/db';
import { hashPassword } from './passwords';

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
      createdAt: new Date(),
      disabled: false,
      lastSignInAt: null,
    }),
  );
}
