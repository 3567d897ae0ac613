import { DEFAULT_TEAM } from '@portal/shared/team-inputs';
import type { Database, Models } from './database';
import type { TeamDocument } from './documents';
import { insertOnce } from './query-rules';

/** The collections whose records belong to a hiring team (their schemas are `teamOwned`). */
export const TEAM_OWNED = ['interviews', 'interviewers', 'interviewKinds', 'loopTemplates', 'loops', 'webhookEndpoints', 'apiKeys', 'auditEvents'] as const satisfies readonly (keyof Models)[];

/** The default team's name until its owner renames it. */
export const DEFAULT_TEAM_NAME = 'Hiring team';

/**
 * The migration to teams (docs/adr/0076): every record stored before teams moves to the default
 * team, then the default team's document is written, which marks the migration done (a start
 * that finds it reads nothing more). Idempotent, and safe with several booking instances at once:
 * each write sets the same value, and the team is an insert under its id.
 */
export async function moveToDefaultTeam(db: Database, now = new Date()): Promise<{ moved: number }> {
  if ((await db.teams.findById(DEFAULT_TEAM, { _id: 1 }).lean()) !== null) return { moved: 0 };
  let moved = 0;
  for (const name of TEAM_OWNED) {
    // The driver's own update: the models' scope and validation are for the portal's writes, not this one.
    const result = await db[name].collection.updateMany({ team: { $exists: false } }, { $set: { team: DEFAULT_TEAM } });
    moved += result.modifiedCount;
  }
  await insertOnce(() => db.teams.create({ _id: DEFAULT_TEAM, name: DEFAULT_TEAM_NAME, branding: null, createdAt: now, updatedAt: now, updatedBy: 'migration' } satisfies TeamDocument));
  return { moved };
}

/** A team's name and branding, for the candidate's page, emails and calendar files; a team gone reads as the default one's name. */
export async function teamCard(db: Pick<Database, 'teams'>, team: string): Promise<Pick<TeamDocument, '_id' | 'name' | 'branding'>> {
  const doc = await db.teams.findById(team, { name: 1, branding: 1 }).lean();
  return doc ?? { _id: team, name: DEFAULT_TEAM_NAME, branding: null };
}

/**
 * Whether a team's emails and calendar files name it: every team but the default one as the
 * migration left it (unnamed, unbranded), whose messages read as they did before teams.
 */
export function isNamedTeam(team: Pick<TeamDocument, '_id' | 'name' | 'branding'>): boolean {
  return !(team._id === DEFAULT_TEAM && team.name === DEFAULT_TEAM_NAME && team.branding === null);
}
