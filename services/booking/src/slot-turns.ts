import { readByIds, type Database } from '@portal/db';
import type { InterviewDocument } from '@portal/db/documents';
import { DomainError } from '@portal/shared/errors';
import { claimCells } from '@portal/shared/slots';

/** How long a request waits for the one ahead of it before asking the lifecycle anyway. */
const MAX_WAIT_MS = 10_000;

/** What identifies "the same time" to racers: the interview's pool and the start. */
export interface SlotAsk {
  interview: Pick<InterviewDocument, '_id' | 'interviewerIds' | 'panelSize'>;
  start: Date;
}

/**
 * Candidates asking this process for the same time of the same pool take turns: the first asks
 * its lifecycle at once (the claim decides, by its unique keys); each one after it waits for the
 * one ahead, then looks at the claims before asking, and a time taken meanwhile is refused with
 * that one read instead of a workflow update and a claim each (docs/adr/0005). Nothing rests on
 * the look for correctness: a claim made in another booking process, or one the look misses,
 * still meets the claim's keys.
 */
export function createSlotTurns(taken: (ask: SlotAsk) => Promise<boolean>, maxWaitMs = MAX_WAIT_MS) {
  const lastInLine = new Map<string, Promise<void>>();

  return async function inTurn<T>(ask: SlotAsk, change: () => Promise<T>): Promise<T> {
    const key = `${[...ask.interview.interviewerIds].sort().join(',')}@${ask.start.getTime()}`;
    const ahead = lastInLine.get(key);
    let leave!: () => void;
    const mine = new Promise<void>((resolve) => {
      leave = resolve;
    });
    lastInLine.set(key, mine);
    try {
      if (ahead !== undefined) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([ahead, new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWaitMs)))]);
        clearTimeout(timer);
        if (await taken(ask)) throw new DomainError('SLOT_TAKEN', 'That time was just taken by someone else.');
      }
      return await change();
    } finally {
      // The next in line goes once this one is done, whatever became of it.
      leave();
      if (lastInLine.get(key) === mine) lastInLine.delete(key);
    }
  };
}

export type SlotTurns = ReturnType<typeof createSlotTurns>;

/**
 * Whether too few of the pool are left at that start for the panel: each member's cell at the
 * start is held by another interview's claim. A claim needs that cell for every member it seats,
 * so when this says taken the claim would refuse too; the claim's own keys (a retry of this very
 * booking) do not count against it.
 */
export function claimedByOthers(db: Pick<Database, 'slotClaims'>) {
  return async ({ interview, start }: SlotAsk): Promise<boolean> => {
    const [cell] = claimCells({ start, end: new Date(start.getTime() + 1), bufferBeforeMinutes: 0, bufferAfterMinutes: 0 });
    const held = await readByIds(
      db.slotClaims,
      interview.interviewerIds.map((id) => `${id}|${cell}`),
      { interviewId: 1 },
    );
    const free = interview.interviewerIds.length - held.filter((claim) => claim.interviewId !== interview._id).length;
    return free < interview.panelSize;
  };
}
