import type { Database } from '@portal/db';
import { foldListMoves } from '@portal/db/interview-list';
import type { ListFoldActivities } from '../activities-api';

/** The HR list's recorded moves folded into its per-week counts, by the database's own fold. */
export function createListFoldActivities(deps: { db: Database }): ListFoldActivities {
  return { foldInterviewListCounts: () => foldListMoves(deps.db) };
}
