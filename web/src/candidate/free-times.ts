import { trpc, type CandidateSlots } from '../trpc';

/** A prefetched answer older than this is not offered as current (the candidate sat on the page). */
const FRESH_MS = 30_000;
const started = new Map<string, { at: number; request: Promise<CandidateSlots> }>();

/**
 * Asks for the free times in the same tick as the page's details, so the batching link sends both
 * in one request; the picker then takes this answer instead of asking again.
 */
export function prefetchFreeTimes(token: string): void {
  const request = trpc.candidate.slots.query({ token });
  // A page that never shows the picker (booked, closed) never reads it: no unhandled rejection.
  request.catch(() => undefined);
  started.set(token, { at: Date.now(), request });
}

/** The prefetched answer the first time (while fresh), a new request after that. */
export function freeTimes(token: string): Promise<CandidateSlots> {
  const prefetched = started.get(token);
  started.delete(token);
  if (prefetched && Date.now() - prefetched.at < FRESH_MS) return prefetched.request;
  return trpc.candidate.slots.query({ token });
}
