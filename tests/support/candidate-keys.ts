import type { Connection } from 'mongoose';
import type { CandidateKeyStore, StoredCandidateKey } from '@portal/shared/payload-codec';

/**
 * The candidate keys of the portal a file runs against, read by the test's own Temporal clients
 * (temporal-client.ts). Kept apart from those clients, and connected on the first read only: a
 * file that never decodes a payload loads neither the Temporal client nor a database connection
 * for it (about a second of CPU per file; docs/adr/0064).
 */
let keysDatabase: { url: string; connection?: Promise<Connection> } | undefined;

/** The database whose candidate keys the test clients read (the portal of this file); startPortal sets it. */
export function readCandidateKeysFrom(mongoUrl: string): void {
  if (keysDatabase?.url === mongoUrl) return;
  void closeCandidateKeys();
  keysDatabase = { url: mongoUrl };
}

export async function closeCandidateKeys(): Promise<void> {
  const open = keysDatabase?.connection;
  keysDatabase = undefined;
  if (open) await (await open).close();
}

/** A collection of the portal's database, connecting on first use. */
export async function portalCollection(name: string) {
  const keys = keysDatabase;
  if (!keys) throw new Error('payload under a candidate key, and no portal database to read keys from (startPortal sets it)');
  keys.connection ??= import('mongoose').then(({ default: mongoose }) => mongoose.createConnection(keys.url).asPromise());
  const db = (await keys.connection).db;
  if (!db) throw new Error('no database on the connection');
  return db.collection<{ _id: string }>(name);
}

export const keyStore: CandidateKeyStore = {
  async keyIdOfInterview(interviewId) {
    const doc = await (await portalCollection('interviews')).findOne({ _id: interviewId }, { projection: { candidateKeyId: 1 } });
    return (doc as { candidateKeyId?: string | null } | null)?.candidateKeyId ?? null;
  },
  async keyIdOfLoop(loopId) {
    const doc = await (await portalCollection('loops')).findOne({ _id: loopId }, { projection: { candidateKeyId: 1 } });
    return (doc as { candidateKeyId?: string | null } | null)?.candidateKeyId ?? null;
  },
  async findKey(keyId) {
    return (await (await portalCollection('candidate_keys')).findOne({ _id: keyId })) as StoredCandidateKey | null;
  },
};

/** The stored (wrapped) data key of an interview's candidate, null for a lifecycle without one. */
export async function storedCandidateKeyOf(interviewId: string): Promise<StoredCandidateKey | null> {
  const keyId = await keyStore.keyIdOfInterview(interviewId);
  return keyId === null ? null : keyStore.findKey(keyId);
}
