import { z } from 'zod';
import { nodeEnv, notificationsTaskQueue, parseEnv, port, serviceDevSecrets, serviceEnv } from '@portal/shared/env';

const DEV_POSTMARK_TOKEN = 'dev-postmark-token';
const DEV_WEBHOOK_USER = 'postmark';
const DEV_WEBHOOK_PASSWORD = 'dev-webhook-password';

/** Postmark's client takes a scheme flag and a host, not a URL, so anything past the host would be dropped silently. */
const postmarkApiUrl = z
  .url({ protocol: /^https?$/ })
  .refine((value) => new URL(value).pathname === '/', 'must be scheme://host[:port] with no path')
  .default('http://127.0.0.1:3100');

const workerSchema = z.object({
  ...serviceEnv,
  NOTIFICATIONS_TASK_QUEUE: notificationsTaskQueue,
  NOTIFICATIONS_PORT: port(3200),
  POSTMARK_SERVER_TOKEN: z.string().min(1).default(DEV_POSTMARK_TOKEN),
  POSTMARK_API_URL: postmarkApiUrl,
  /** Kept well under the sendEmail activity's start-to-close timeout, so a hung request ends before Temporal retries. */
  POSTMARK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(15),
  EMAIL_FROM: z.string().regex(/<[^<>@\s]+@[^<>@\s]+>$|^[^<>@\s]+@[^<>@\s]+$/, 'must be an address or "Name <address>"')
    .default('Interviews <interviews@example.test>'),
  WEBHOOK_USER: z.string().min(1).default(DEV_WEBHOOK_USER),
  WEBHOOK_PASSWORD: z.string().min(8).default(DEV_WEBHOOK_PASSWORD),
  /**
   * Sends the worker runs at once. Reminders handed over ahead of their moment wait in a slot of
   * their own until then (booking's REMINDER_LEAD_SECONDS), so this bounds how many can be held
   * before other email queues behind them: keep it above the reminders due within one lead.
   */
  MAIL_SLOTS: z.coerce.number().int().min(10).max(20_000).default(2_000),
  /** Sends that talk to the database and Postmark at once; the rest wait in the worker (a burst would otherwise exhaust FerretDB's pool). */
  MAIL_SENDS_AT_ONCE: z.coerce.number().int().min(1).max(200).default(16),
  /** Held reminders due at one moment go to Postmark together, at most this many in one batch (Postmark's limit is 500). */
  MAIL_BATCH_SIZE: z.coerce.number().int().min(2).max(500).default(100),
});

export type NotificationsEnv = z.infer<typeof workerSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): NotificationsEnv {
  return parseEnv(workerSchema, source, {
    POSTMARK_SERVER_TOKEN: DEV_POSTMARK_TOKEN,
    WEBHOOK_USER: DEV_WEBHOOK_USER,
    WEBHOOK_PASSWORD: DEV_WEBHOOK_PASSWORD,
    ...serviceDevSecrets,
  });
}

const sinkSchema = z.object({
  NODE_ENV: nodeEnv,
  SINK_PORT: port(3100),
  SINK_HOST: z.string().min(1).default('127.0.0.1'),
});

export type SinkEnv = z.infer<typeof sinkSchema>;

export function loadSinkEnv(source: Record<string, string | undefined> = process.env): SinkEnv {
  return parseEnv(sinkSchema, source);
}
