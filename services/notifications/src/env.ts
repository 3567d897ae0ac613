import { z } from 'zod';
import { nodeEnv, notificationsTaskQueue, parseEnv, port, serviceDevSecrets, serviceEnv } from '@portal/shared/env';
import { DEV_TWILIO } from './texts/twilio-defaults';

const DEV_POSTMARK_TOKEN = 'dev-postmark-token';
const DEV_WEBHOOK_USER = 'postmark';
const DEV_WEBHOOK_PASSWORD = 'dev-webhook-password';
const DEV_SINK_URL = 'http://127.0.0.1:3100';

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
   * before other sends queue behind them: keep it above the reminders, emails and texts, due within
   * one lead. A lead (90 s) is longer than the minute between two moments, so a lifecycle holds
   * two moments' reminders at once, one email and one text each: 4,000 for 1,000 lifecycles whose
   * reminders fall together, and room beside them for the sends that are not held (docs/adr/0045).
   */
  MAIL_SLOTS: z.coerce.number().int().min(10).max(20_000).default(5_000),
  /** Sends that talk to the database and Postmark at once; the rest wait in the worker (a burst would otherwise exhaust FerretDB's pool). */
  MAIL_SENDS_AT_ONCE: z.coerce.number().int().min(1).max(200).default(16),
  /** Held reminders due at one moment go to Postmark together, at most this many in one batch (Postmark's limit is 500). */
  MAIL_BATCH_SIZE: z.coerce.number().int().min(2).max(500).default(100),
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-f]{32}$/, 'must be an account SID (AC and 32 hex digits)').default(DEV_TWILIO.accountSid),
  TWILIO_AUTH_TOKEN: z.string().min(8).default(DEV_TWILIO.authToken),
  /** The sending number, E.164. */
  TWILIO_FROM: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number, e.g. +15005550006').default(DEV_TWILIO.from),
  /** Twilio's REST API; the sink in development and tests, https://api.twilio.com in production. */
  TWILIO_API_BASE_URL: z.url({ protocol: /^https?$/ }).default(DEV_SINK_URL),
  /**
   * This service as Twilio reaches it: texts ask for their delivery reports at
   * <this>/webhooks/twilio/status, and a signature is checked against exactly that URL.
   */
  NOTIFICATIONS_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
});

export type NotificationsEnv = z.infer<typeof workerSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): NotificationsEnv {
  return parseEnv(workerSchema, source, {
    POSTMARK_SERVER_TOKEN: DEV_POSTMARK_TOKEN,
    WEBHOOK_USER: DEV_WEBHOOK_USER,
    WEBHOOK_PASSWORD: DEV_WEBHOOK_PASSWORD,
    TWILIO_ACCOUNT_SID: DEV_TWILIO.accountSid,
    TWILIO_AUTH_TOKEN: DEV_TWILIO.authToken,
    TWILIO_FROM: DEV_TWILIO.from,
    TWILIO_API_BASE_URL: DEV_SINK_URL,
    ...serviceDevSecrets,
  });
}

/** Where this service's webhooks are reached from outside: NOTIFICATIONS_PUBLIC_URL, else this machine's port. */
export function publicUrlOf(env: NotificationsEnv): string {
  return (env.NOTIFICATIONS_PUBLIC_URL ?? `http://127.0.0.1:${env.NOTIFICATIONS_PORT}`).replace(/\/$/, '');
}

const sinkSchema = z.object({
  NODE_ENV: nodeEnv,
  SINK_PORT: port(3100),
  SINK_HOST: z.string().min(1).default('127.0.0.1'),
  /** The auth token the sink accepts and signs forwarded replies with; any token is accepted when unset. */
  TWILIO_AUTH_TOKEN: z.string().min(8).optional(),
  /** The portal's inbound SMS webhook, where the sink's /sms/inbound forwards replies. */
  SINK_SMS_INBOUND_URL: z.url().default('http://127.0.0.1:3200/webhooks/twilio/inbound'),
});

export type SinkEnv = z.infer<typeof sinkSchema>;

export function loadSinkEnv(source: Record<string, string | undefined> = process.env): SinkEnv {
  return parseEnv(sinkSchema, source);
}
