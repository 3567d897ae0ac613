import mongoose, { type Model } from 'mongoose';

interface Waiting {
  document: Record<string, unknown>;
  settle: (error?: unknown) => void;
}

/** The inserts waiting for this turn's batch, by model (one model per collection and connection). */
const waiting = new WeakMap<Model<never>, Waiting[]>();

/** A document as its caller gives it: the timestamps its schema keeps are set here when absent. */
type WithTimestampsOptional<T> = Omit<T, 'createdAt' | 'updatedAt'> & Partial<Pick<T, Extract<keyof T, 'createdAt' | 'updatedAt'>>>;

/** A batch never holds more than this; the rest wait for the next. */
const MOST_PER_BATCH = 100;

/** One document's refusal inside a batch, as a lone insert would have been refused (`code` 11000 for a clash). */
class InsertRefused extends Error {
  constructor(
    readonly code: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'InsertRefused';
  }
}

/**
 * Inserts one document, as `model.create(document)` would: validated by its model (a bad document
 * is refused with mongoose's ValidationError and nothing is written), timestamps set where the
 * schema keeps them, one insert under the document's own unique key.
 *
 * The inserts of a collection that are asked for in the same turn of the event loop go to the
 * database in one unordered `insertMany` (concurrent invitations, sends, changes): FerretDB answers
 * a batch of a few documents for about the CPU of one lone insert (`bench/start-budget.ts`).
 * Unordered, the batch inserts every document it can and names each one it refused, so a key
 * already taken refuses only its own caller, with the duplicate-key code 11000 `isDuplicateKeyError`
 * reads, and of two documents under one key in one batch exactly one lands: an insert guarded by
 * a unique key stays an atomic claim. A batch that fails whole (the connection) fails every caller
 * in it, as their lone inserts would have failed; as with a lone insert, some may have landed.
 */
export function insertBatched<T>(model: Model<T>, document: WithTimestampsOptional<T>): Promise<void> {
  let prepared: Record<string, unknown>;
  try {
    const hydrated = new model(document);
    // Present on schemas with `timestamps`: sets createdAt and updatedAt where the document has none.
    (hydrated as { initializeTimestamps?: () => unknown }).initializeTimestamps?.();
    const invalid = hydrated.validateSync();
    if (invalid) return Promise.reject(invalid);
    prepared = hydrated.toBSON() as Record<string, unknown>;
  } catch (error) {
    // strict: 'throw' refuses an unknown field as the document is built.
    return Promise.reject(error);
  }
  const key = model as unknown as Model<never>;
  return new Promise<void>((resolve, reject) => {
    let queue = waiting.get(key);
    if (queue === undefined) {
      const batch: Waiting[] = [];
      waiting.set(key, batch);
      // What arrives while this batch is on its way forms the next one.
      setImmediate(() => {
        waiting.delete(key);
        void send(model, batch);
      });
      queue = batch;
    }
    queue.push({ document: prepared, settle: (error) => (error === undefined ? resolve() : reject(error)) });
  });
}

async function send<T>(model: Model<T>, queue: Waiting[]): Promise<void> {
  for (let from = 0; from < queue.length; from += MOST_PER_BATCH) {
    const batch = queue.slice(from, from + MOST_PER_BATCH);
    const refused = new Map<number, unknown>();
    try {
      await model.collection.insertMany(
        batch.map((entry) => entry.document),
        { ordered: false },
      );
    } catch (error) {
      const writeErrors = error instanceof mongoose.mongo.MongoBulkWriteError ? [error.writeErrors].flat() : [];
      if (writeErrors.length === 0) {
        for (const entry of batch) entry.settle(error);
        continue;
      }
      for (const writeError of writeErrors) refused.set(writeError.index, new InsertRefused(writeError.code, writeError.errmsg ?? String(error)));
    }
    batch.forEach((entry, index) => entry.settle(refused.get(index)));
  }
}
