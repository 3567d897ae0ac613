import { trpc } from '../api/trpc';

/** A prefetched answer older than this is not offered as current (the candidate sat on the page). */
const FRESH_MS = 30_000;

/**
 * A read the page asks for in the same tick as its details, so the batching link sends them in one
 * request; the part that shows it takes this answer the first time (while fresh) instead of asking
 * again, and asks for itself after that.
 */
function openingRead<T>(ask: (token: string) => Promise<T>) {
  const started = new Map<string, { at: number; request: Promise<T> }>();
  return {
    prefetch(token: string): void {
      const request = ask(token);
      // A page that never shows this part (booked, closed, nothing else to list) never reads it: no unhandled rejection.
      request.catch(() => undefined);
      started.set(token, { at: Date.now(), request });
    },
    take(token: string): Promise<T> {
      const prefetched = started.get(token);
      started.delete(token);
      if (prefetched && Date.now() - prefetched.at < FRESH_MS) return prefetched.request;
      return ask(token);
    },
  };
}

const slots = openingRead((token) => trpc.candidate.slots.query({ token }));
const application = openingRead((token) => trpc.candidate.interviews.query({ token }));

/** The free times and the application's other interviews, asked for beside the page's details. */
export function prefetchOpeningReads(token: string): void {
  slots.prefetch(token);
  application.prefetch(token);
}

export const freeTimes = slots.take;
export const applicationInterviews = application.take;
