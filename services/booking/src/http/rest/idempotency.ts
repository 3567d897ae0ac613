import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type mongoose from 'mongoose';
import { ApiRefusal } from './problem';

/**
 * Idempotency-Key: the first request with a key claims it by inserting `<api key id>:<key hash>`
 * (the unique `_id` makes the claim atomic, the rule every claim here follows), runs, and stores
 * its answer; a retry within KEPT_MS gets that answer and runs nothing. A retry arriving while the
 * first still runs waits for its answer. The same key with another body is refused (422). A
 * request that fails gives the key back, so a retry runs again (and meets the procedures' own
 * guards, e.g. one active interview per candidate and position).
 */
export const IDEMPOTENCY_KEYS = 'api_idempotency_keys';
const KEPT_MS = 24 * 3_600_000;
/** A claim this old without an answer belongs to a process that died: it is taken over. */
const ABANDONED_MS = 120_000;
/** How long a retry waits for the first request's answer before asking the client to retry. */
const WAIT_MS = 30_000;
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

interface Claim {
  _id: string;
  fingerprint: string;
  state: 'pending' | 'done';
  status?: number;
  body?: unknown;
  createdAt: Date;
  expire: Date;
}

export interface Answer {
  status: number;
  body: unknown;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');
const isDuplicateKey = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;

export function readIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!KEY_SHAPE.test(header)) throw new ApiRefusal(400, 'BAD_INPUT', 'Idempotency-Key: 1 to 255 visible ASCII characters (a UUID, say).');
  return header;
}

export function createIdempotency(connection: mongoose.Connection) {
  const claims = connection.collection<Claim>(IDEMPOTENCY_KEYS);
  void prepare(claims);

  return async function once(scope: string, key: string, request: unknown, run: () => Promise<Answer>): Promise<Answer & { replayed: boolean }> {
    const _id = `${scope}:${sha256(key)}`;
    const fingerprint = sha256(JSON.stringify(request));
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const now = new Date();
      try {
        await claims.insertOne({ _id, fingerprint, state: 'pending', createdAt: now, expire: new Date(now.getTime() + KEPT_MS) });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const held = await claims.findOne({ _id });
        if (held === null) continue;
        if (held.expire <= now || (held.state === 'pending' && now.getTime() - held.createdAt.getTime() > ABANDONED_MS)) {
          await claims.deleteOne({ _id, createdAt: held.createdAt });
          continue;
        }
        if (held.fingerprint !== fingerprint) {
          throw new ApiRefusal(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with another request body; use a new key for a new request.');
        }
        if (held.state === 'done') return { status: held.status ?? 200, body: held.body, replayed: true };
        if (Date.now() > deadline) {
          throw new ApiRefusal(409, 'IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is still running; retry in a moment.');
        }
        await sleep(100);
        continue;
      }
      let answer: Answer;
      try {
        answer = await run();
      } catch (error) {
        await claims.deleteOne({ _id, createdAt: now }).catch(() => undefined);
        throw error;
      }
      await claims.updateOne({ _id }, { $set: { state: 'done', status: answer.status, body: answer.body } });
      return { ...answer, replayed: false };
    }
  };
}

/** Expired claims go by a TTL index where the database has them (MongoDB), else by a sweep every ten minutes (FerretDB v1). */
async function prepare(claims: mongoose.mongo.Collection<Claim>): Promise<void> {
  try {
    await claims.createIndex({ expire: 1 }, { expireAfterSeconds: 0 });
  } catch {
    setInterval(() => void claims.deleteMany({ expire: { $lt: new Date() } }).catch(() => undefined), 10 * 60_000).unref();
  }
}
