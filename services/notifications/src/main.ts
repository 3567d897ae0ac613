import type { Server } from 'node:http';
import { NativeConnection, Worker } from '@temporalio/worker';
import { openDatabase } from '@portal/db';
import { candidateKeyStore } from '@portal/db/candidate-keys';
import { CandidateKeyring, parsePayloadKeys, portalDataConverter } from '@portal/shared/payload-codec';
import { createActivities } from './activities';
import { loadEnv, publicUrlOf } from './env';
import { createHttpApp, type Readiness } from './http-app';
import { createLogger } from './logger';
import { createPostmarkClient } from './email/postmark-client';
import { postmarkWebhook } from './webhooks/postmark-webhook';
import { createTwilioClient } from './texts/twilio-client';
import { twilioWebhooks } from './webhooks/twilio-webhooks';
import { sendPriority } from './sends/send-priority';
import express from 'express';

const env = loadEnv();
const log = createLogger(env.LOG_LEVEL);

const db = await openDatabase(env.MONGO_URL);
const { messages, sendTakeovers, undeliverable, interviews, smsOptOuts, teams } = db;

const postmark = createPostmarkClient({
  token: env.POSTMARK_SERVER_TOKEN,
  apiUrl: env.POSTMARK_API_URL,
  timeoutSeconds: env.POSTMARK_TIMEOUT_SECONDS,
});
const twilio = createTwilioClient({
  accountSid: env.TWILIO_ACCOUNT_SID,
  authToken: env.TWILIO_AUTH_TOKEN,
  apiBaseUrl: env.TWILIO_API_BASE_URL,
  timeoutMs: env.POSTMARK_TIMEOUT_SECONDS * 1000,
});
const publicUrl = publicUrlOf(env);
// A moment's sends go before the writes that record them, delivery reports included (send-priority.ts).
const priority = sendPriority();
const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
const worker = await Worker.create({
  connection,
  namespace: env.TEMPORAL_NAMESPACE,
  taskQueue: env.NOTIFICATIONS_TASK_QUEUE,
  dataConverter: portalDataConverter(env.PAYLOAD_KEYS, new CandidateKeyring(parsePayloadKeys(env.PAYLOAD_KEYS), candidateKeyStore(db))),
  maxConcurrentActivityTaskExecutions: env.MAIL_SLOTS,
  activities: createActivities({
    messages,
    interviews,
    teams,
    sendTakeovers,
    postmark,
    from: env.EMAIL_FROM,
    log,
    hrContact: env.HR_CONTACT_EMAIL,
    // Comfortably longer than one Postmark request may take, so a slow send is never taken over.
    sendLeaseMs: (env.POSTMARK_TIMEOUT_SECONDS * 2 + 10) * 1000,
    sendsAtOnce: env.MAIL_SENDS_AT_ONCE,
    batchSize: env.MAIL_BATCH_SIZE,
    sms: { smsOptOuts, twilio, from: env.TWILIO_FROM, statusCallback: `${publicUrl}/webhooks/twilio/status` },
    priority,
  }),
});

async function readiness(): Promise<Readiness> {
  const database = await Promise.race([
    db.ping().then(() => true, () => false),
    new Promise<boolean>((resolve) => setTimeout(resolve, 2000, false)),
  ]);
  const workerRunning = worker.getState() === 'RUNNING';
  return { ready: database && workerRunning, checks: { database, worker: workerRunning } };
}

const app = createHttpApp({
  readiness,
  webhooks: express
    .Router()
    .use(postmarkWebhook({ messages, undeliverable, postmarkRecords: db.postmarkRecords, user: env.WEBHOOK_USER, password: env.WEBHOOK_PASSWORD, log }))
    .use(twilioWebhooks({ messages, smsOptOuts, authToken: env.TWILIO_AUTH_TOKEN, publicUrl, log, priority })),
  log,
});
const server: Server = app.listen(env.NOTIFICATIONS_PORT, () => {
  log.info({ port: env.NOTIFICATIONS_PORT, taskQueue: env.NOTIFICATIONS_TASK_QUEUE, postmark: env.POSTMARK_API_URL }, 'notifications worker up');
});

const running = worker.run();

let stopping = false;
async function shutdown(reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ reason }, 'shutting down');
  const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // The Temporal runtime also reacts to SIGINT/SIGTERM, so the worker may already be draining.
  if (worker.getState() === 'RUNNING') worker.shutdown();
  await running.catch((error: unknown) => log.error({ err: error }, 'worker stopped with an error'));
  await httpClosed;
  await connection.close();
  await db.close();
  log.info('stopped');
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void shutdown(signal).then(() => process.exit(0));
  });
}

// A worker that dies on its own (e.g. lost connection beyond retries) takes the process with it, so a supervisor restarts it.
running.then(
  () => void shutdown('worker stopped'),
  (error: unknown) => {
    log.fatal({ err: error }, 'worker failed');
    void shutdown('worker failed').then(() => process.exit(1));
  },
);
