import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { PayloadKeys } from './keys';

/**
 * Candidate data keys (docs/adr/0030): one AES-256 key per candidate, shared by all their
 * lifecycles, stored wrapped by a master payload key. Erasing the candidate destroys the stored
 * key, and every payload sealed with it is unreadable wherever it is kept.
 */
export const CANDIDATE_KEY_PREFIX = 'ck_';
export const isCandidateKeyId = (keyId: string) => keyId.startsWith(CANDIDATE_KEY_PREFIX);

/** A data key as the store keeps it: `wrapped` is null once the key is destroyed. */
export interface StoredCandidateKey {
  _id: string;
  wrapped: string | null;
  wrappedBy: string | null;
  destroyedAt: Date | null;
}

/** What the keyring needs from the database (packages/db implements it). */
export interface CandidateKeyStore {
  /** The data key id of a lifecycle (`interview-<id>`), null when it has none (started before keys, or not a lifecycle). */
  keyIdOfInterview(interviewId: string): Promise<string | null>;
  /** The data key id of a loop's own workflow (`loop-<id>`), whose input names the candidate too. */
  keyIdOfLoop(loopId: string): Promise<string | null>;
  findKey(keyId: string): Promise<StoredCandidateKey | null>;
}

export class CandidateKeyDestroyedError extends Error {
  override readonly name = 'CandidateKeyDestroyedError';
  constructor(
    readonly keyId: string,
    readonly destroyedAt: Date | null,
  ) {
    super(`key destroyed: payload key "${keyId}" was destroyed${destroyedAt ? ` on ${destroyedAt.toISOString()}` : ''} (the candidate's data was erased)`);
  }
}

/** A payload names a candidate key this database never held (another portal's, or a forged label). */
export class UnknownCandidateKeyError extends Error {
  override readonly name = 'UnknownCandidateKeyError';
}

const wrapAad = (keyId: string) => Buffer.from(`portal-candidate-key-v1:${keyId}`);

/** A new key id and its key wrapped by the primary master key. */
export function newCandidateKey(masterKeys: PayloadKeys): { keyId: string; wrapped: string; wrappedBy: string } {
  const keyId = `${CANDIDATE_KEY_PREFIX}${randomBytes(16).toString('base64url')}`;
  const master = masterKeys.byId.get(masterKeys.primaryId);
  if (!master) throw new Error(`payload key "${masterKeys.primaryId}" missing`);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', master, iv);
  cipher.setAAD(wrapAad(keyId));
  const sealed = Buffer.concat([cipher.update(randomBytes(32)), cipher.final()]);
  return { keyId, wrapped: Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64'), wrappedBy: masterKeys.primaryId };
}

export function unwrapCandidateKey(masterKeys: PayloadKeys, stored: StoredCandidateKey): Buffer {
  if (stored.wrapped === null) throw new CandidateKeyDestroyedError(stored._id, stored.destroyedAt);
  const master = stored.wrappedBy === null ? undefined : masterKeys.byId.get(stored.wrappedBy);
  if (!master) throw new Error(`candidate key "${stored._id}" is wrapped by master key "${stored.wrappedBy}", which is not configured`);
  const data = Buffer.from(stored.wrapped, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', master, data.subarray(0, 12));
  decipher.setAAD(wrapAad(stored._id));
  decipher.setAuthTag(data.subarray(12, 28));
  return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]);
}

type Resolved = { key: Buffer } | { destroyed: CandidateKeyDestroyedError };
interface Cached<T> {
  value: Promise<T>;
  at: number;
  /** Kept until the bound drops it: a lifecycle's key id, which never changes. */
  forever?: boolean;
}

const keptWhileKnown = (keyId: string | null) => keyId !== null;

/**
 * Finds a payload's data key without a database read per payload: a lifecycle's key id and each
 * key are read once and kept (bounded); a lookup in flight is shared. A lifecycle's key id never
 * changes, so it is kept until the bound drops it (a "none" only for `ttlMs`). A key is kept for
 * `ttlMs` from its read, so other processes learn of a destruction within `ttlMs`; a key used in
 * the second half of that time is read again beside the payload that used it, so a lifecycle in
 * use (a reminder minutes after its booking) never waits for the read. The process that erases
 * calls `forget` at once.
 */
export class CandidateKeyring {
  private readonly byInterview = new Map<string, Cached<string | null>>();
  private readonly byKey = new Map<string, Cached<Resolved>>();
  private readonly refreshing = new Set<string>();
  /** Database reads made, for the bench and the tests. */
  reads = 0;

  constructor(
    readonly masterKeys: PayloadKeys,
    private readonly store: CandidateKeyStore,
    private readonly options: { ttlMs: number; maxEntries: number } = { ttlMs: 5 * 60_000, maxEntries: 20_000 },
  ) {}

  keyIdOfInterview(interviewId: string): Promise<string | null> {
    return this.cached(this.byInterview, interviewId, () => this.store.keyIdOfInterview(interviewId), keptWhileKnown);
  }

  keyIdOfLoop(loopId: string): Promise<string | null> {
    return this.cached(this.byInterview, `loop:${loopId}`, () => this.store.keyIdOfLoop(loopId), keptWhileKnown);
  }

  /** The key, or a CandidateKeyDestroyedError thrown. */
  async key(keyId: string): Promise<Buffer> {
    const load = async (): Promise<Resolved> => {
      const stored = await this.store.findKey(keyId);
      if (stored === null) throw new UnknownCandidateKeyError(`payload encrypted with unknown candidate key "${keyId}"`);
      if (stored.wrapped === null) return { destroyed: new CandidateKeyDestroyedError(keyId, stored.destroyedAt) };
      return { key: unwrapCandidateKey(this.masterKeys, stored) };
    };
    const resolved = await this.cached(this.byKey, keyId, load);
    this.refreshIfAging(keyId, load);
    if ('destroyed' in resolved) throw resolved.destroyed;
    return resolved.key;
  }

  /** Seeds the cache with a lifecycle's key id known at its start (saves the worker's first read). */
  remember(interviewId: string, keyId: string): void {
    this.keep(this.byInterview, interviewId, Promise.resolve(keyId), true);
  }

  /** The same for a loop's own workflow. */
  rememberLoop(loopId: string, keyId: string): void {
    this.remember(`loop:${loopId}`, keyId);
  }

  /** Seeds the cache with a key just created (its creator holds it already: no read back). */
  rememberStored(stored: StoredCandidateKey): void {
    if (stored.wrapped === null) return;
    this.keep(this.byKey, stored._id, Promise.resolve({ key: unwrapCandidateKey(this.masterKeys, stored) }));
  }

  forget(keyId: string): void {
    this.byKey.delete(keyId);
  }

  /**
   * A key past half its time is read again in the background; until the read lands (or if it
   * fails) the entry kept still answers, never past `ttlMs` from its own read.
   */
  private refreshIfAging(keyId: string, load: () => Promise<Resolved>): void {
    const hit = this.byKey.get(keyId);
    if (!hit || Date.now() - hit.at < this.options.ttlMs / 2 || this.refreshing.has(keyId)) return;
    this.refreshing.add(keyId);
    this.reads += 1;
    load()
      .then((value) => {
        if (this.byKey.get(keyId) === hit) this.keep(this.byKey, keyId, Promise.resolve(value));
      })
      .catch(() => undefined)
      .finally(() => this.refreshing.delete(keyId));
  }

  private cached<T>(map: Map<string, Cached<T>>, id: string, load: () => Promise<T>, keep: (value: T) => boolean = () => false): Promise<T> {
    const hit = map.get(id);
    if (hit && (hit.forever || Date.now() - hit.at < this.options.ttlMs)) return hit.value;
    this.reads += 1;
    const value = load();
    this.keep(map, id, value);
    value.then(
      (loaded) => {
        const entry = map.get(id);
        if (entry?.value === value && keep(loaded)) entry.forever = true;
      },
      // A failed read is not kept: the next payload tries again.
      () => map.get(id)?.value === value && map.delete(id),
    );
    return value;
  }

  /** Sets an entry as the newest, dropping the oldest past `maxEntries`: a worker's keyring stays bounded however many lifecycles it meets. */
  private keep<T>(map: Map<string, Cached<T>>, id: string, value: Promise<T>, forever = false): void {
    map.delete(id);
    map.set(id, { value, at: Date.now(), forever });
    if (map.size > this.options.maxEntries) {
      const oldest = map.keys().next().value;
      if (oldest !== undefined) map.delete(oldest);
    }
  }
}
