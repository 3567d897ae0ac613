import { randomInt } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type mongoose from 'mongoose';

/**
 * A window of N points shared by every booking instance is N numbered tickets,
 * `<name>:<key>:<window>:<n>` (n = 1…N), and taking a point is inserting one of them: the unique
 * `_id` makes each ticket one atomic claim, the rule every claim here follows (FerretDB v1 has no
 * transactions and reads then writes an `$inc`, so a counter let 26 of 30 parallel calls through a
 * limit of 5). Two instances racing for ticket 3 get one insert and one duplicate-key error; at
 * most N calls pass in a window whatever the burst. Windows are fixed, aligned on the epoch.
 *
 * Each instance remembers, per window, the ticket after the last one it took, so a call costs one
 * insert; it reads which of the window's tickets are free only when it has no guess, its guess is taken (another
 * instance got there), or the window looks full. A window it found full refuses without a query
 * for a second: a flood of refused calls costs the database one query a second, and a point
 * another instance gives back is seen within that second.
 */
export interface LimitWindow {
  name: string;
  points: number;
  seconds: number;
}

/**
 * One point taken (and `release` to give it back), with about how many are left and when the
 * window resets (for RateLimit-* headers), or how long the key waits.
 */
export type Take = { ok: true; release(): Promise<void>; remaining: number; resetInMs: number } | { ok: false; retryInMs: number };

interface Ticket {
  _id: string;
  window: string;
  expire: Date;
}

export const RATE_LIMIT_TICKETS = 'rate_limit_tickets';
/** Free tickets tried from one read before reading again. */
const PROBES = 4;
/** Rounds of (read, probe) before a call gives up under contention: refused, the safe side. */
const ROUNDS = 8;
/** How long a window found full is refused without asking the database again. */
const FULL_RECHECK_MS = 1_000;
const FULL = -1;
/** Parallel callers start at different free tickets, so a burst does not queue on one number. */
const SPREAD = 8;

const isDuplicateKey = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;

export function windowOf(window: LimitWindow, key: string, now: number) {
  const ms = window.seconds * 1000;
  const index = Math.floor(now / ms);
  return { id: `${window.name}:${key}:${index}`, expire: new Date((index + 1) * ms) };
}

export function createTicketWindow(connection: mongoose.Connection, window: LimitWindow, maxKeys: number) {
  const tickets = connection.collection<Ticket>(RATE_LIMIT_TICKETS);
  /** Per window id: the ticket (0-based) to try next, or FULL once the window was found full. */
  const next = new LRUCache<string, number>({ max: maxKeys });
  // The first takes wait for the collection and its indexes: a burst of first inserts racing to
  // create the collection on FerretDB can be refused, and a refused take falls back to the
  // instance's own window (rate-limit.ts), which two instances would count apart.
  const ready = prepareTickets(connection);

  /**
   * The first ticket numbers (0-based) of the window nobody holds, in order: as many as a take
   * tries, not the whole window, whose points may run to millions (a limit set high to mean "none").
   */
  async function free(id: string): Promise<number[]> {
    // A find, not countDocuments: FerretDB pushes an indexed equality filter of a find down to PostgreSQL.
    const held = await tickets.find({ window: id }, { projection: { _id: 1 } }).limit(window.points).toArray();
    const taken = new Set(held.map((ticket) => ticket._id.slice(id.length + 1)));
    const open: number[] = [];
    for (let n = 0; n < window.points && open.length < SPREAD + PROBES; n += 1) if (!taken.has(String(n + 1))) open.push(n);
    return open;
  }

  return {
    async take(key: string): Promise<Take> {
      await ready;
      const now = Date.now();
      const { id, expire } = windowOf(window, key, now);
      const refused = { ok: false, retryInMs: Math.max(1, expire.getTime() - now) } as const;
      const guess = next.get(id);
      if (guess === FULL) return refused;
      for (let round = 0; round < ROUNDS; round += 1) {
        let candidates: number[];
        // A guess past the last ticket says nothing of the ones before it: read which are free.
        if (round === 0 && guess !== undefined && guess < window.points) candidates = [guess];
        else {
          const open = await free(id);
          if (open.length === 0) {
            next.set(id, FULL, { ttl: FULL_RECHECK_MS });
            return refused;
          }
          // The free tickets, not "the count plus one": a cleared or given-back window has holes anywhere.
          const start = randomInt(Math.min(open.length, SPREAD));
          candidates = [...open.slice(start), ...open.slice(0, start)].slice(0, PROBES);
        }
        for (const n of candidates) {
          const ticket = `${id}:${n + 1}`;
          try {
            await tickets.insertOne({ _id: ticket, window: id, expire });
            next.set(id, n + 1);
            return {
              ok: true,
              // Tickets are taken in no strict order: the number of this one is a fair estimate of those gone.
              remaining: Math.max(0, window.points - (n + 1)),
              resetInMs: Math.max(0, expire.getTime() - now),
              release: async () => {
                await tickets.deleteOne({ _id: ticket });
                const guessed = next.get(id);
                next.set(id, guessed === undefined || guessed === FULL ? n : Math.min(guessed, n));
              },
            };
          } catch (error) {
            if (!isDuplicateKey(error)) throw error;
          }
        }
      }
      return refused;
    },

    async clear(key: string): Promise<void> {
      const { id } = windowOf(window, key, Date.now());
      await tickets.deleteMany({ window: id });
      next.delete(id);
    },
  };
}

const prepared = new WeakMap<mongoose.Connection, Promise<void>>();

/**
 * Tickets of ended windows are removed by a TTL index where the database has them (MongoDB);
 * FerretDB v1 has none, so there a sweep every ten minutes removes them, keeping the collection
 * the size of the last minutes' tickets.
 */
function prepareTickets(connection: mongoose.Connection): Promise<void> {
  let ready = prepared.get(connection);
  if (ready === undefined) {
    ready = createTicketIndexes(connection).catch(() => undefined);
    prepared.set(connection, ready);
  }
  return ready;
}

async function createTicketIndexes(connection: mongoose.Connection): Promise<void> {
  const collection = connection.collection<Ticket>(RATE_LIMIT_TICKETS);
  await collection.createIndex({ window: 1 });
  try {
    await collection.createIndex({ expire: 1 }, { expireAfterSeconds: 0 });
  } catch {
    setInterval(() => void collection.deleteMany({ expire: { $lt: new Date() } }).catch(() => undefined), 10 * 60_000).unref();
  }
}
