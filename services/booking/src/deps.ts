import { Client, Connection } from '@temporalio/client';
import type { Deps } from './http/context';
import { openDatabase } from '@portal/db';
import { candidateKeyStore } from '@portal/db/candidate-keys';
import { CandidateKeyring, parsePayloadKeys, portalDataConverter } from '@portal/shared/payload-codec';
import type { BookingEnv } from './core/env';
import { createLifecycleClient, type LifecycleClient } from './lifecycle/lifecycle-client';
import { freedTimeNotice } from './availability/availability';
import { createRateLimiter, createWindowCounter } from './rate-limit/rate-limit';
import { claimedByOthers, createSlotTurns } from './slots/slot-turns';
import { pino, type Logger } from 'pino';
import { createChangeTail, databaseChangeReader } from './change-feed/change-tail';
import { createLiveChanges } from './change-feed/live-changes';
import { createGoogleClients } from '@portal/calendar/google-provider';
import { createMicrosoftClients } from '@portal/calendar/microsoft-provider';
import { microsoftEndpoints } from '@portal/shared/env';

/** Long-lived clients, created once at start-up and passed in. */
export async function createDeps(env: BookingEnv, log: Logger = pino({ level: 'silent' })): Promise<Deps & { close(): Promise<void> }> {
  const db = await openDatabase(env.MONGO_URL);
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const keyring = new CandidateKeyring(parsePayloadKeys(env.PAYLOAD_KEYS), candidateKeyStore(db));
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, dataConverter: portalDataConverter(env.PAYLOAD_KEYS, keyring) });
  let pageOpened = () => undefined as void;
  const live = createLiveChanges({ keep: env.LIVE_REPLAY_EVENTS, maxPerClient: env.LIVE_MAX_PER_CLIENT, opened: () => pageOpened() });
  const tail = createChangeTail({
    reader: databaseChangeReader(db),
    publish: live.publish,
    intervalMs: env.LIVE_TAIL_INTERVAL_MS,
    log,
    // No live page here for a minute: nobody to tell, and nobody left to reconnect soon (docs/adr/0046).
    listening: () => live.open() > 0,
    restAfterMs: 60_000,
    resumed: live.gap,
  });
  pageOpened = tail.wake;
  await tail.tick();
  tail.start();
  const lifecycle: LifecycleClient = createLifecycleClient(
    temporal,
    env.LIFECYCLE_TASK_QUEUE,
    tail.noteWrite,
    freedTimeNotice({ db, lifecycle: () => lifecycle }, (error) => log.warn({ err: error }, 'could not tell the waiting lifecycles of freed time')),
  );
  const store = { maxKeys: env.RATE_LIMIT_MAX_KEYS, store: env.RATE_LIMIT_STORE, connection: db.connection };
  return {
    db,
    env,
    temporal,
    lifecycle,
    limiter: createRateLimiter(env.RATE_LIMIT_PER_MINUTE, store),
    signInGuards: {
      byAccountAndAddress: createWindowCounter({ name: 'signin-pair', points: env.SIGNIN_FAILURES_PER_ACCOUNT, seconds: 15 * 60 }, store),
      byAddress: createWindowCounter({ name: 'signin-ip', points: env.SIGNIN_FAILURES_PER_ADDRESS, seconds: 24 * 3600 }, store),
    },
    slotTurns: createSlotTurns(claimedByOthers(db)),
    google: createGoogleClients({
      ...(env.GOOGLE_CALENDAR_API_URL ? { rootUrl: env.GOOGLE_CALENDAR_API_URL } : {}),
      ...(env.GOOGLE_OAUTH_TOKEN_URL ? { tokenUrl: env.GOOGLE_OAUTH_TOKEN_URL } : {}),
      timeoutMs: env.CALENDAR_TIMEOUT_MS,
    }),
    microsoft: createMicrosoftClients({ ...microsoftEndpoints(env), timeoutMs: env.CALENDAR_TIMEOUT_MS }),
    keyring,
    live,
    async close() {
      tail.stop();
      await connection.close();
      await db.close();
    },
  };
}
