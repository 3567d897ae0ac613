import { Writable } from 'node:stream';
import { pino } from 'pino';

/** A worker's log, kept as lines, to tell which sends went out together. */
export function batchLog() {
  const lines: { msg: string; batch?: number; interviewId?: string }[] = [];
  const log = pino({ level: 'debug' }, new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(JSON.parse(chunk.toString())), done()) }));
  return { log, lines, largestBatch: () => Math.max(0, ...lines.map((line) => line.batch ?? 0)) };
}

/** Every attempt at once, each retried (as Temporal would) until it settles; five attempts at most. */
export function allWithRetries<I, R>(inputs: I[], attempt: (input: I, n: number) => Promise<R>): Promise<R[]> {
  return Promise.all(
    inputs.map(async (input) => {
      for (let n = 1; ; n += 1) {
        try {
          return await attempt(input, n);
        } catch (error) {
          if (n >= 5) throw error;
        }
      }
    }),
  );
}
