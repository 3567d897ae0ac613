import { readByIds, type Database } from '@portal/db';
import { slotCellKey, type InterviewDocument } from '@portal/db/documents';
import { DomainError } from '@portal/shared/errors';
import { claimCells } from '@portal/shared/slots';

/** How long a request waits for the one ahead of it before asking the lifecycle anyway. */
const MAX_WAIT_MS = 10_000;
/** How often those waiting look at the claims while the one ahead of them is still asking. */
const WATCH_EVERY_MS = 50;

/** The answer to a racer whose time a look saw taken: the same the claim gives. */
const slotTaken = () => new DomainError('SLOT_TAKEN', 'That time was just taken by someone else.');

/** What identifies "the same time" to racers: the interview's pool and the start. */
export interface SlotAsk {
  interview: Pick<InterviewDocument, '_id' | 'interviewerIds' | 'panelSize'>;
  start: Date;
}

/** Someone asking a lifecycle for one time of one pool, and the racers waiting for them. */
interface Line {
  /** Settles when the one asking is done: booked, refused or failed. */
  asking: Promise<void>;
  /** The one look that those who waited for `asking` share, taken once it settled. */
  look?: Promise<boolean>;
  /** Settles once a look taken while `asking` was still under way saw the time taken (never, otherwise). */
  seenTaken?: Promise<void>;
}

/**
 * Candidates asking this process for the same time of the same pool take turns: the first asks
 * its lifecycle at once (the claim decides, by its unique keys); the others wait until it is done,
 * then share one look at the claims, and a time taken meanwhile is refused for all of them with that
 * one read instead of a workflow update and a claim each (docs/adr/0005). When the time is still
 * open, the first of them to come in asks next and the rest wait again. While the one asking is
 * still under way, one look every `watchEveryMs` shared by all who wait refuses them as soon as
 * the cells are held: the claim that holds them may be the first's own, landed before the rest of
 * its booking, and a claim of theirs would be refused by it just the same. One who finds nobody asking
 * for a time that someone here asked for a moment ago looks too, before asking. Nothing rests on the look
 * for correctness: a claim made in another booking process, or one the look misses, still meets
 * the claim's keys.
 */
export function createSlotTurns(taken: (ask: SlotAsk) => Promise<boolean>, maxWaitMs = MAX_WAIT_MS, watchEveryMs = WATCH_EVERY_MS) {
  const lines = new Map<string, Line>();
  /** Times someone here asked for within the last `maxWaitMs` (each with the timer that forgets it): a racer arriving just after looks first too. */
  const recent = new Map<string, NodeJS.Timeout>();

  /** A look that fails (the database away) says "not taken": the request then asks, and its claim decides. */
  const look = (ask: SlotAsk) => taken(ask).catch(() => false);

  /** Looks every `watchEveryMs`, one look at a time, until the one asking is done; settles when a look saw the time taken. */
  const watch = (line: Line, ask: SlotAsk) =>
    new Promise<void>((seen) => {
      let asking = true;
      void line.asking.then(() => (asking = false));
      const next = () => setTimeout(() => void lookAgain(), watchEveryMs).unref();
      const lookAgain = async () => {
        if (!asking) return;
        if (await look(ask)) seen();
        else next();
      };
      next();
    });

  return async function inTurn<T>(ask: SlotAsk, change: () => Promise<T>): Promise<T> {
    const key = `${[...ask.interview.interviewerIds].sort().join(',')}@${ask.start.getTime()}`;
    for (let looked = false; ; ) {
      const line = lines.get(key);
      if (line === undefined) {
        if (!looked && recent.has(key) && (await look(ask))) throw slotTaken();
        looked = true;
        if (lines.has(key)) continue;
        let done!: () => void;
        const mine: Line = { asking: new Promise<void>((resolve) => (done = resolve)) };
        lines.set(key, mine);
        try {
          return await change();
        } finally {
          // Those waiting go once this one is done, whatever became of it.
          if (lines.get(key) === mine) lines.delete(key);
          done();
          // A later ask starts the window again rather than being forgotten with an earlier one's.
          clearTimeout(recent.get(key));
          recent.set(key, setTimeout(() => recent.delete(key), maxWaitMs).unref());
        }
      }
      let timer: NodeJS.Timeout | undefined;
      const waited = await Promise.race([
        line.asking.then(() => 'done' as const),
        (line.seenTaken ??= watch(line, ask)).then(() => 'taken' as const),
        new Promise<'out'>((resolve) => (timer = setTimeout(() => resolve('out'), maxWaitMs))),
      ]);
      clearTimeout(timer);
      if (waited === 'taken') throw slotTaken();
      const waitedOut = waited === 'out';
      // Out of patience, a racer looks for itself and asks anyway; the others share the look taken
      // after the one asking was done.
      const seen = waitedOut ? look(ask) : (line.look ??= look(ask));
      if (await seen) throw slotTaken();
      looked = true;
      if (waitedOut) return await change();
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
    // The one cell the start falls in.
    const cells = claimCells({ start, end: new Date(start.getTime() + 1), bufferBeforeMinutes: 0, bufferAfterMinutes: 0 });
    const held = await readByIds(
      db.slotClaims,
      cells.flatMap((cell) => interview.interviewerIds.map((id) => slotCellKey(id, cell))),
      { interviewId: 1 },
    );
    const free = interview.interviewerIds.length - held.filter((claim) => claim.interviewId !== interview._id).length;
    return free < interview.panelSize;
  };
}
