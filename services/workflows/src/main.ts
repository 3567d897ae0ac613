import { createPrivateKey } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { pino } from 'pino';
import { openDatabase } from '@portal/db';
import { candidateKeyStore } from '@portal/db/candidate-keys';
import { CandidateKeyring, candidateSearchKey, parsePayloadKeys, portalDataConverter } from '@portal/shared/payload-codec';
import { calendarDeps, loadEnv, meetingRoomApis, webhookSettings, workflowHeapMb, workflowSandboxOptions } from './env';
import { ensureCalendarSyncSchedule } from './schedules/calendar-sync-schedule';
import { ensureListFoldSchedule } from './schedules/list-fold-schedule';
import { ensureRetentionSchedule } from './schedules/retention-schedule';
import type { ActivityDeps } from './create-activities';
import { createLifecycleWorker, createWebhookWorker, workflowBundleApart } from './worker';
import { conferenceRoomApis } from './meeting-rooms/activities/calendar-conferences';

const env = loadEnv();
const log = pino({ level: env.LOG_LEVEL, base: { service: 'workflows' } });

// Read by V8 when the worker starts its workflow thread below (that heap holds every cached
// lifecycle); this thread's own heap was sized at start-up and keeps its limit.
setFlagsFromString(`--max-old-space-size=${workflowHeapMb(env)}`);
// Read by the SDK (patched, patches/) as the workflow thread starts: the stack-trace promise hook.
process.env.TEMPORAL_WORKFLOW_STACK_TRACES = String(env.WORKFLOW_STACK_TRACES);

const db = await openDatabase(env.MONGO_URL);
const masterKeys = parsePayloadKeys(env.PAYLOAD_KEYS);
const keyring = new CandidateKeyring(masterKeys, candidateKeyStore(db));
const dataConverter = portalDataConverter(env.PAYLOAD_KEYS, keyring);
const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
const clientConnection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
const client = new Client({ connection: clientConnection, namespace: env.TEMPORAL_NAMESPACE, dataConverter });
const calendar = calendarDeps(env, db.calendarConnections);
const bundle = env.WORKFLOW_BUNDLE_PATH ? { codePath: env.WORKFLOW_BUNDLE_PATH } : await workflowBundleApart();
const deps: ActivityDeps = {
  db,
  privateKey: createPrivateKey(env.TOKEN_PRIVATE_KEY),
  webBaseUrl: env.PUBLIC_WEB_URL,
  jitsiBaseUrl: env.JITSI_BASE_URL,
  rooms: {
    ...meetingRoomApis(env),
    ...conferenceRoomApis({ db, calendar, meetOrganizer: env.GOOGLE_MEET_ORGANIZER, teamsOrganizer: env.MICROSOFT_TEAMS_ORGANIZER }),
  },
  hrEmail: env.HR_CONTACT_EMAIL,
  calendar,
  candidateSearchKey: (email) => candidateSearchKey(masterKeys, email),
  webhooks: webhookSettings(env),
  erasure: {
    db,
    temporal: client,
    masterKeys,
    keyring,
    calendar: { key: calendar.key, timeoutMs: calendar.timeoutMs, google: calendar.google, microsoft: calendar.microsoft, ownGrants: calendar.ownGrants },
    mailProvider: env.POSTMARK_ACCOUNT_TOKEN ? { apiUrl: env.POSTMARK_API_URL, accountToken: env.POSTMARK_ACCOUNT_TOKEN } : undefined,
  },
};
const worker = await createLifecycleWorker({
  connection,
  namespace: env.TEMPORAL_NAMESPACE,
  taskQueue: env.LIFECYCLE_TASK_QUEUE,
  dataConverter,
  sandbox: workflowSandboxOptions(env),
  workflowBundle: bundle,
  deps,
});
const webhookWorker = await createWebhookWorker({
  connection,
  namespace: env.TEMPORAL_NAMESPACE,
  taskQueue: env.LIFECYCLE_TASK_QUEUE,
  dataConverter,
  workflowBundle: bundle,
  deps,
  slots: env.WEBHOOK_ACTIVITY_SLOTS,
});

// The workers have read the bundle: the file it built has served its purpose (one it was given stays).
if (!env.WORKFLOW_BUNDLE_PATH) await rm(dirname(bundle.codePath), { recursive: true, force: true });

await ensureListFoldSchedule(client, env.LIFECYCLE_TASK_QUEUE);
await ensureCalendarSyncSchedule(client, env.LIFECYCLE_TASK_QUEUE, env.CALENDAR_SYNC_SECONDS);
await ensureRetentionSchedule(client, env.LIFECYCLE_TASK_QUEUE, env.RETENTION_SWEEP_SECONDS);

const health = createServer((req, res) => {
  if (req.url === '/healthz') return void res.writeHead(200).end('ok');
  if (req.url === '/readyz') {
    db.ping()
      .then(() => {
        const running = worker.getState() === 'RUNNING' && webhookWorker.getState() === 'RUNNING';
        res.writeHead(running ? 200 : 503).end(running ? 'ready' : `worker ${worker.getState()}, webhook worker ${webhookWorker.getState()}`);
      })
      .catch((error: unknown) => res.writeHead(503).end(`database: ${String(error)}`));
    return;
  }
  res.writeHead(404).end();
});
health.listen(env.WORKFLOWS_PORT, () => log.info({ port: env.WORKFLOWS_PORT }, 'workflows health endpoint up'));

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'draining the lifecycle worker');
  health.close();
  // A worker that failed (its workflow thread out of memory, say) has stopped already: only running ones drain.
  for (const running of [worker, webhookWorker]) if (running.getState() === 'RUNNING') running.shutdown();
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

log.info({ taskQueue: env.LIFECYCLE_TASK_QUEUE }, 'lifecycle worker running');
// One worker stopping (a fatal error) stops the other: the process exits and is started again whole.
await Promise.all([worker.run(), webhookWorker.run()].map((run) => run.finally(() => shutdown('a worker stopped'))));
await connection.close();
await clientConnection.close();
await db.close();
log.info('workflows stopped');
