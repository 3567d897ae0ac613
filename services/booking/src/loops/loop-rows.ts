import type { Database } from '@portal/db';
import type { InterviewDocument } from '@portal/db/documents';
import { hrLoopSummary, readHrLoop } from './hr-loop-view';

export type LoopSummary = ReturnType<typeof hrLoopSummary>;

/**
 * The HR list pages through interviews (kept counts per interview, @portal/db/interview-list); a
 * loop's sessions on a page become one row, where its first session on the page stands, carrying
 * every session (those on other pages or filtered out too). Each loop is read by `_id`: a page of
 * twenty reads at most twenty loops. The page's other sessions of a loop already shown are left out.
 */
export async function foldLoopSessions<T>(
  db: Database,
  items: InterviewDocument[],
  rowOf: (doc: InterviewDocument, loop: LoopSummary | null) => T,
): Promise<T[]> {
  const loopIds = [...new Set(items.flatMap((doc) => (doc.loopId ? [doc.loopId] : [])))];
  const loops = new Map((await Promise.all(loopIds.map((id) => readHrLoop(db, id)))).flatMap((found) => (found ? [[found.loop._id, hrLoopSummary(found)] as const] : [])));
  const shown = new Set<string>();
  const rows: T[] = [];
  for (const doc of items) {
    const loop = doc.loopId ? loops.get(doc.loopId) : undefined;
    if (loop === undefined) {
      rows.push(rowOf(doc, null));
    } else if (!shown.has(loop.loopId)) {
      shown.add(loop.loopId);
      rows.push(rowOf(doc, loop));
    }
  }
  return rows;
}
