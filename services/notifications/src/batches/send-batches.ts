import type { Database } from '@portal/db';
import { isDuplicateKeyError } from '@portal/db';
import type { sendingRow } from '../sends/send-claim';

/** A send waiting for its batch: settled with its answer, or with `null` to go alone through the single path. */
export type Waiting<S, A> = S & {
  settle(answer: A | null): void;
  fail(error: unknown): void;
  /** When it came to be batched: its hold ended (Date.now()). */
  wokeAt: number;
};

export interface DueTogetherOptions<S, A> {
  /** Runs one batch when its turn comes. */
  turn: <T>(work: () => Promise<T>) => Promise<T>;
  maxBatch: number;
  /** Settles or fails every send of the batch; throwing fails those it left. */
  settleBatch: (batch: Waiting<S, A>[]) => Promise<void>;
}

/**
 * A moment's wake has settled when no send of it has come for this long. Its reminders do not all
 * wake in one pass of the event loop's timers: each timer was set a little apart, and under load the
 * passes come tens of ms apart; cut after the first pass (setImmediate), 200 reminders made a batch of
 * 20–40 and, some hundreds of ms later, two more, the last of which waited for a place (docs/adr/0045).
 */
const SETTLED_AFTER_MS = 25;
/** The batches are cut this long after the first send of a wake at the latest, however long it goes on. */
const CUT_WITHIN_MS = 150;

/**
 * Held sends whose moment comes together, batched. The batches are cut once the wake has settled,
 * so that a moment's sends make as few batches as `maxBatch` allows and they start together. A
 * batch of one goes alone, as does every send the batch hands back (`null`).
 */
export function sendsDueTogether<S, A>({ turn, maxBatch, settleBatch }: DueTogetherOptions<S, A>): (send: S) => Promise<A | null> {
  const waiting: Waiting<S, A>[] = [];

  async function runBatch(batch: Waiting<S, A>[]): Promise<void> {
    if (batch.length === 1) {
      batch[0]?.settle(null);
      return;
    }
    try {
      await settleBatch(batch);
    } catch (error) {
      // A promise settles once: those the batch already answered keep their answer.
      for (const send of batch) send.fail(error);
    }
  }

  let settling: { timer: NodeJS.Timeout; firstAt: number } | undefined;
  function cutBatches(): void {
    settling = undefined;
    while (waiting.length > 0) {
      const batch = waiting.splice(0, maxBatch);
      void turn(() => runBatch(batch));
    }
  }

  return (send) => {
    const answer = new Promise<A | null>((settle, fail) => {
      waiting.push({ ...send, settle, fail, wokeAt: Date.now() });
    });
    if (settling === undefined) settling = { timer: setTimeout(cutBatches, SETTLED_AFTER_MS), firstAt: Date.now() };
    else if (Date.now() - settling.firstAt < CUT_WITHIN_MS - SETTLED_AFTER_MS) settling.timer.refresh();
    return answer;
  };
}

/** How late after `dueAt` the first and the last send of a batch woke, in ms: for the batch's timing line. */
export function wokeMsOf(batch: { wokeAt: number }[], dueAt: number): [number, number] {
  const woke = batch.map((send) => send.wokeAt - dueAt);
  return [Math.min(...woke), Math.max(...woke)];
}

/** The moment a batch's sends were held for: the latest of them, so every read for it is asked after each one's. */
export function momentOf(batch: { input: { sendAt?: string } }[]): number {
  return Math.max(...batch.map((send) => Date.parse(send.input.sendAt ?? '')));
}

/**
 * Claims a batch's sends with one unordered insert of their log rows. Those the insert finds there
 * already (a retry, or two attempts for one key) go back to the single path, whose claim decides
 * them; a row refused for another reason fails its send.
 */
export async function claimRows<S extends { settle(answer: null): void; fail(error: unknown): void }>(
  messages: Database['messages'],
  sends: S[],
  rowOf: (send: S) => ReturnType<typeof sendingRow>,
): Promise<S[]> {
  if (sends.length === 0) return [];
  let refused = new Map<number, unknown>();
  try {
    await messages.insertMany(sends.map(rowOf), { ordered: false });
  } catch (error) {
    refused = refusedRows(error);
    if (refused.size === 0) throw error;
  }
  return sends.filter((send, i) => {
    const error = refused.get(i);
    if (error === undefined) return true;
    if (isDuplicateKeyError(error)) send.settle(null);
    else send.fail(error);
    return false;
  });
}

/** The rows an unordered insert refused, by their index in the batch, with the reason for each. */
function refusedRows(error: unknown): Map<number, unknown> {
  const writeErrors = typeof error === 'object' && error !== null && 'writeErrors' in error ? error.writeErrors : undefined;
  const list: unknown[] = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  const refused = new Map<number, unknown>();
  for (const entry of list) {
    if (typeof entry !== 'object' || entry === null || !('index' in entry) || typeof entry.index !== 'number') continue;
    // mongoose copies each write error's own fields (index, err) into a plain object: the code is in `err`.
    refused.set(entry.index, 'err' in entry && entry.err ? entry.err : entry);
  }
  return refused;
}
