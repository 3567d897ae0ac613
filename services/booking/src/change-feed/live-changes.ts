import { randomBytes } from 'node:crypto';
import type { InterviewStatus } from '@portal/shared/status';
import { DomainError } from '@portal/shared/errors';

/**
 * One booking process's stream of interview changes, shared by every live page it serves
 * (docs/adr/0033). The change tail (change-tail.ts) is its only writer; each subscription reads it
 * through its own queue. Events are numbered in this process (`<process>.<n>`), and the last
 * `keep` are held, so a page that reconnects to the same process is handed what it missed; an id
 * from another process (a restart, another instance) or older than the buffer cannot be replayed,
 * and the page is told to read everything again instead.
 */
export interface InterviewChange {
  interviewId: string;
  status: InterviewStatus;
  /** The interview's pool: a booking changes the free times of every interview drawing on one of them. */
  interviewerIds: string[];
  /** The interview's team and position: HR's streams tell each team (and a hiring manager's positions) only their own. */
  team: string;
  position: string;
}

export interface LiveEvent {
  id: string;
  change: InterviewChange;
}

/** What one subscription reads: everything published since its last read, all at once. */
export interface LiveFeed {
  /** Waits for the next events; an empty list once the subscription's signal has aborted. */
  next(): Promise<LiveEvent[]>;
  /** What arrived since the last read, without waiting. */
  drain(): LiveEvent[];
}

export interface LiveChanges {
  publish(change: InterviewChange): void;
  listen(signal: AbortSignal): LiveFeed;
  /** The events after `eventId`, or null when they cannot be told (another process's id, or too old). */
  since(eventId: string): LiveEvent[] | null;
  /** The id of the last event (or of "nothing yet"): a fresh picture is as new as this. */
  headId(): string;
  /** Takes one of `key`'s open subscriptions; refused past the cap. Returns the release. */
  admit(key: string): () => void;
  /** Open subscriptions, all clients together. */
  open(): number;
  /** What happened before now was not all published (the tail rested): no earlier id can be replayed. */
  gap(): void;
}

/** A subscription that falls this far behind is told to read everything again: one slow page never holds memory. */
const MAX_QUEUED = 1_000;

export function createLiveChanges(options: { keep: number; maxPerClient: number; processId?: string; opened?: () => void }): LiveChanges {
  const processId = options.processId ?? randomBytes(6).readUIntBE(0, 6).toString(36);
  const recent: LiveEvent[] = [];
  let sequence = 0;
  // Ids up to this one were handed out before a gap: they cannot be told what followed them.
  let gapAt = -1;
  const feeds = new Set<{ queue: LiveEvent[]; wake: (() => void) | null }>();
  const openByKey = new Map<string, number>();
  let openTotal = 0;

  return {
    publish(change) {
      sequence += 1;
      const event = { id: `${processId}.${sequence}`, change };
      recent.push(event);
      if (recent.length > options.keep) recent.shift();
      for (const feed of feeds) {
        if (feed.queue.length >= MAX_QUEUED) feed.queue.shift();
        feed.queue.push(event);
        feed.wake?.();
      }
    },

    listen(signal) {
      const feed = { queue: [] as LiveEvent[], wake: null as (() => void) | null };
      feeds.add(feed);
      const stop = () => {
        feeds.delete(feed);
        feed.wake?.();
      };
      if (signal.aborted) stop();
      else signal.addEventListener('abort', stop, { once: true });
      const drain = () => feed.queue.splice(0, feed.queue.length);
      return {
        drain,
        async next() {
          // An abort must end the wait: a generator suspended here could not run its `finally` (its release).
          while (feed.queue.length === 0 && !signal.aborted) await new Promise<void>((wake) => (feed.wake = wake));
          feed.wake = null;
          return signal.aborted ? [] : drain();
        },
      };
    },

    since(eventId) {
      const [process, number] = eventId.split('.');
      const seen = Number(number);
      if (process !== processId || !Number.isSafeInteger(seen) || seen > sequence || seen <= gapAt) return null;
      const oldest = recent[0] === undefined ? sequence + 1 : sequence - recent.length + 1;
      if (seen < oldest - 1) return null;
      return recent.slice(recent.length - (sequence - seen));
    },

    headId: () => `${processId}.${sequence}`,

    admit(key) {
      const held = openByKey.get(key) ?? 0;
      if (held >= options.maxPerClient) {
        throw new DomainError('RATE_LIMITED', `At most ${options.maxPerClient} live pages may be open at once for one link or session; close one and reload.`);
      }
      openByKey.set(key, held + 1);
      openTotal += 1;
      options.opened?.();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        openTotal -= 1;
        const left = (openByKey.get(key) ?? 1) - 1;
        if (left === 0) openByKey.delete(key);
        else openByKey.set(key, left);
      };
    },

    open: () => openTotal,

    gap() {
      gapAt = sequence;
      recent.length = 0;
    },
  };
}
