import { Client, Connection } from '@temporalio/client';
import type { Deps } from './context';
import { openDatabase } from '@portal/db';
import { candidateKeyStore } from '@portal/db/candidate-keys';
import { CandidateKeyring, parsePayloadKeys, portalDataConverter } from '@portal/shared/payload-codec';
import type { BookingEnv } from './env';
import { createLifecycleClient } from './lifecycle-client';
import { createRateLimiter, createWindowCounter } from './rate-limit';
import { claimedByOthers, createSlotTurns } from './slot-turns';

/** Long-lived clients, created once at start-up and passed in. */
export async function createDeps(env: BookingEnv): Promise<Deps & { close(): Promise<void> }> {
  const db = await openDatabase(env.MONGO_URL);
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const keyring = new CandidateKeyring(parsePayloadKeys(env.PAYLOAD_KEYS), candidateKeyStore(db));
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, dataConverter: portalDataConverter(env.PAYLOAD_KEYS, keyring) });
  const store = { maxKeys: env.RATE_LIMIT_MAX_KEYS, store: env.RATE_LIMIT_STORE, connection: db.connection };
  return {
    db,
    env,
    temporal,
    lifecycle: createLifecycleClient(temporal, env.LIFECYCLE_TASK_QUEUE),
    limiter: createRateLimiter(env.RATE_LIMIT_PER_MINUTE, store),
    signInGuards: {
      byAccountAndAddress: createWindowCounter({ name: 'signin-pair', points: env.SIGNIN_FAILURES_PER_ACCOUNT, seconds: 15 * 60 }, store),
      byAddress: createWindowCounter({ name: 'signin-ip', points: env.SIGNIN_FAILURES_PER_ADDRESS, seconds: 24 * 3600 }, store),
    },
    slotTurns: createSlotTurns(claimedByOthers(db)),
    keyring,
    async close() {
      await connection.close();
      await db.close();
    },
  };
}
