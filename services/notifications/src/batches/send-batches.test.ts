import { describe, expect, it } from 'vitest';
import { sendsDueTogether } from './send-batches';

interface Send {
  n: number;
}

/** A batcher whose batches answer each send with the size of its batch. */
function batcher(maxBatch = 100) {
  const batches: { sends: number[] }[] = [];
  const send = sendsDueTogether<Send, number>({
    turn: (work) => work(),
    maxBatch,
    settleBatch: async (batch) => {
      batches.push({ sends: batch.map((s) => s.n) });
      for (const s of batch) s.settle(batch.length);
    },
  });
  return { send, batches };
}

const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a moment's held sends, batched once its wake has settled", () => {
  it('puts sends that wake in passes a few ms apart into one batch', async () => {
    const { send, batches } = batcher();
    const answers = [send({ n: 1 }), send({ n: 2 })];
    await after(8);
    answers.push(send({ n: 3 }));
    await after(8);
    answers.push(send({ n: 4 }), send({ n: 5 }));
    expect(await Promise.all(answers)).toEqual([5, 5, 5, 5, 5]);
    expect(batches.map((b) => b.sends)).toEqual([[1, 2, 3, 4, 5]]);
  });

  it('cuts a moment larger than a batch into full batches, as many as it needs', async () => {
    const { send, batches } = batcher(3);
    const answers = [1, 2, 3, 4, 5, 6, 7].map((n) => send({ n }));
    expect(await Promise.all(answers)).toEqual([3, 3, 3, 3, 3, 3, null]);
    expect(batches.map((b) => b.sends)).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('does not hold the first sends back while a wake goes on and on: they go within its bound', async () => {
    const { send, batches } = batcher();
    const answers: Promise<number | null>[] = [];
    // One send every 10 ms or more: 300 ms of wake, twice the bound.
    for (let n = 1; n <= 30; n += 1) {
      answers.push(send({ n }));
      await after(10);
    }
    const answered = await Promise.all(answers);
    expect(batches[0]?.sends[0]).toBe(1);
    expect(batches[0]?.sends).not.toContain(30);
    // Each send once, in the order it woke; one cut off alone at the end goes alone (null).
    const batched = batches.flatMap((b) => b.sends);
    expect(batched).toEqual([...new Set(batched)].sort((a, b) => a - b));
    expect(batched.length + answered.filter((answer) => answer === null).length).toBe(30);
  });
});
