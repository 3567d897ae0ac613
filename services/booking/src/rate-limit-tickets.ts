import { randomInt } from 'node:crypto';
import type mongoose from 'mongoose';

/**
 * A window of N points shared by every booking instance is N numbered tickets,
 * `<name>:<key>:<window>:<n>` (n = 1…N), and taking a point is inserting one of them: the unique
 * `_id` makes each ticket one atomic claim, the rule every claim here follows (FerretDB v1 has no
 * transactions and reads then writes an `$inc`, so a counter let 26 of 30 parallel calls through a
 * limit of 5). Two instances racing for ticket 3 get one insert and one duplicate-key error; at
 * most N calls pass in a window whatever the burst. Windows are fixed, aligned on the epoch.
 */
export interface LimitWindow {
  name: string;
  points: number;
  seconds: number;
}

/** One point taken (and `release` to give it back), or how long the key waits. */
export type Take = { ok: true; release(): Promise<void> } | { ok: false; retryInMs: number };

interface Ticket {
  _id: string;
  window: string;
  expire: Date;
}

export const RATE_LIMIT_TICKETS = 'rate_limit_tickets';
/** Inserts tried from one count before counting again. */
const PROBES = 4;
/** Rounds of (count, probe) before a call gives up under contention: refused, the safe side. */
const ROUNDS = 8;
/** Parallel callers start at different free tickets, so a burst does not queue on one number. */
const SPREAD = 8;

const isDuplicateKey = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;

export function windowOf(window: LimitWindow, key: string, now: number) {
  const ms = window.seconds * 1000;
  const index = Math.floor(now / ms);
  return { id: `${window.name}:${key}:${index}`, expire: new Date((index + 1) * ms) };
}

export function createTicketWindow(connection: mongoose.Connection, window: LimitWindow) {
  const tickets = connection.collection<Ticket>(RATE_LIMIT_TICKETS);
  prepareTickets(connection).catch(() => undefined);

  async function held(id: string): Promise<number> {
    // A find, not countDocuments: FerretDB pushes an indexed equality filter of a find down to PostgreSQL.
    return (await tickets.find({ window: id }, { projection: { _id: 1 } }).limit(window.points).toArray()).length;
  }

  return {
    async take(key: string): Promise<Take> {
      const now = Date.now();
      const { id, expire } = windowOf(window, key, now);
      const refused = { ok: false, retryInMs: Math.max(1, expire.getTime() - now) } as const;
      for (let round = 0; round < ROUNDS; round += 1) {
        const taken = await held(id);
        if (taken >= window.points) return refused;
        let n = taken + randomInt(Math.min(window.points - taken, SPREAD));
        for (let probe = 0; probe < PROBES; probe += 1) {
          const ticket = `${id}:${n + 1}`;
          try {
            await tickets.insertOne({ _id: ticket, window: id, expire });
            return { ok: true, release: async () => void (await tickets.deleteOne({ _id: ticket })) };
          } catch (error) {
            if (!isDuplicateKey(error)) throw error;
          }
          n = (n + 1) % window.points;
        }
      }
      return refused;
    },

    async clear(key: string): Promise<void> {
      await tickets.deleteMany({ window: windowOf(window, key, Date.now()).id });
    },
  };
}

const prepared = new WeakSet<mongoose.Connection>();

/**
 * Tickets of ended windows are removed by a TTL index where the database has them (MongoDB);
 * FerretDB v1 has none, so there a sweep every ten minutes removes them, keeping the collection
 * the size of the last minutes' tickets.
 */
async function prepareTickets(connection: mongoose.Connection): Promise<void> {
  if (prepared.has(connection)) return;
  prepared.add(connection);
  const collection = connection.collection<Ticket>(RATE_LIMIT_TICKETS);
  await collection.createIndex({ window: 1 });
  try {
    await collection.createIndex({ expire: 1 }, { expireAfterSeconds: 0 });
  } catch {
    setInterval(() => void collection.deleteMany({ expire: { $lt: new Date() } }).catch(() => undefined), 10 * 60_000).unref();
  }
}
