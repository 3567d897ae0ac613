import type { Database } from '@portal/db';
import { isNamedTeam } from '@portal/db/teams';
import type { TeamCard } from '../templates/words';

export interface TeamCards {
  /** The team's card, read at most once a minute per process; undefined for a team not stored or not named. */
  card(team: string): Promise<TeamCard | undefined>;
  /** The card as last read, without reading: for a batch that read its teams before composing. */
  known(team: string): TeamCard | undefined;
}

const KEPT_MS = 60_000;

/**
 * Teams are a handful and change rarely: each process keeps their cards a minute, so a moment's
 * thousand reminders read each team once. A renamed team's emails follow within that minute.
 */
export function teamCards(teams: Database['teams'] | undefined, now: () => number = Date.now): TeamCards {
  const kept = new Map<string, { at: number; card: TeamCard | undefined }>();
  return {
    async card(team) {
      const hit = kept.get(team);
      if (hit && now() - hit.at < KEPT_MS) return hit.card;
      if (teams === undefined) return undefined;
      const doc = await teams.findById(team, { name: 1, branding: 1 }).lean();
      // The default team as the migration left it is not named: its emails read as before teams.
      const card = doc && isNamedTeam({ ...doc, branding: doc.branding ?? null }) ? { name: doc.name, branding: doc.branding ?? null } : undefined;
      kept.set(team, { at: now(), card });
      return card;
    },
    known: (team) => kept.get(team)?.card,
  };
}
