import { z } from 'zod';
import { calendarGrantEnv, googleCalendarEnv, lifecycleTaskQueue, microsoftCalendarEnv, messageLinksEnv, notificationsTaskQueue, parseEnv, port, serviceDevSecrets, mailDataRemovalEnv, serviceEnv, webhookEnv } from '@portal/shared/env';
import { DEV_TOKEN_PUBLIC_KEY } from '@portal/shared/tokens';
import { DEV_CALENDAR_SECRET_KEY } from '@portal/calendar/credentials';
import { parseServiceAccountKey } from '@portal/calendar/google-provider';

const minutes = (fallback: number) => z.coerce.number().min(0).default(fallback);
/** Positive minutes that are whole seconds (10/60 is ten seconds): whole interviews in a test take seconds, not minutes. */
const wholeSeconds = z.coerce
  .number()
  .positive()
  .refine((value) => Math.abs(value * 60 - Math.round(value * 60)) < 1e-6, 'whole seconds, in minutes (e.g. 15, or 10/60 written out)');
const minuteList = z
  .string()
  .regex(/^\d+(\.\d+)?(,\d+(\.\d+)?)*$/, 'comma-separated minutes, e.g. 1440,60,15')
  .transform((list) => list.split(',').map(Number));

const DEV_ADMIN_PASSWORD = 'dev-admin-password';

/** A service account key file's JSON text, checked at start; empty is unset. */
const serviceAccountKey = z
  .string()
  .optional()
  .transform((text) => (text === undefined || text.trim() === '' ? undefined : text))
  .superRefine((text, ctx) => {
    if (text === undefined) return;
    try {
      parseServiceAccountKey(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : 'not a service account key' });
    }
  });

const schema = z.object({
  ...serviceEnv,
  ...mailDataRemovalEnv,
  ...messageLinksEnv,
  ...webhookEnv,
  ...googleCalendarEnv,
  ...microsoftCalendarEnv,
  ...calendarGrantEnv,
  /** How long a started calendar sign-in (an interviewer's own grant, docs/adr/0061) can be finished. */
  CALENDAR_GRANT_MINUTES: z.coerce.number().positive().max(60).default(10),
  BOOKING_PORT: port(3000),
  LIFECYCLE_TASK_QUEUE: lifecycleTaskQueue,
  NOTIFICATIONS_TASK_QUEUE: notificationsTaskQueue,
  TEMPORAL_UI_URL: z.url().default('http://localhost:8233'),
  TOKEN_PUBLIC_KEY: z.string().includes('PUBLIC KEY').default(DEV_TOKEN_PUBLIC_KEY),
  HR_ADMIN_EMAIL: z.email().default('admin@example.test'),
  HR_ADMIN_PASSWORD: z.string().min(12).default(DEV_ADMIN_PASSWORD),
  HR_SESSION_HOURS: z.coerce.number().positive().default(8),
  INVITATION_EXPIRY_MINUTES: minutes(7 * 24 * 60),
  /** An email not picked up by a notifications worker this long after it was scheduled is scheduled again. */
  MAIL_QUEUE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(300),
  /** How long before its moment each reminder is handed to the notifications worker, which holds it until then (docs/adr/0009). */
  REMINDER_LEAD_SECONDS: z.coerce.number().int().min(0).max(600).default(90),
  REMINDER_OFFSETS_MINUTES: minuteList.optional(),
  /** How long a booking's confirmation waits for an API provider's room before saying its link will follow (docs/adr/0028). */
  MEETING_ROOM_WAIT_SECONDS: z.coerce.number().min(0).max(300).default(15),
  CHANGE_CUTOFF_MINUTES: minutes(120),
  JOIN_OPENS_BEFORE_MINUTES: minutes(10),
  GRACE_AFTER_END_MINUTES: minutes(15),
  RETAKE_COOLDOWN_MINUTES: minutes(7 * 24 * 60),
  RETAKE_WINDOW_DAYS: z.coerce.number().positive().default(180),
  MAX_ATTEMPTS: z.coerce.number().int().min(1).default(3),
  SLOT_STEP_MINUTES: wholeSeconds.default(15),
  MIN_NOTICE_MINUTES: minutes(12 * 60),
  HORIZON_DAYS: z.coerce.number().int().min(1).max(90).default(21),
  /** Overrides every kind's duration; for demos and tests that run a whole interview in seconds. */
  INTERVIEW_DURATION_MINUTES: wholeSeconds.optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** Calls one API key may make per minute on /api/v1 (RateLimit-* headers; 429 with Retry-After past it). */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /**
   * Calls one API key may have under way at once on /api/v1, per booking instance: past it, 429
   * with Retry-After at once, before the call takes a point of the key's minute (docs/adr/0067).
   */
  API_CONCURRENT_CALLS_PER_KEY: z.coerce.number().int().min(1).max(1000).default(8),
  /** `memory`: per booking instance; `database`: one count shared by every instance (the rate_limit_tickets collection). */
  RATE_LIMIT_STORE: z.enum(['memory', 'database']).default('memory'),
  /** Wrong passwords one address may try on one account per 15 minutes, and over all accounts per day. */
  SIGNIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  SIGNIN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(100),
  RATE_LIMIT_MAX_KEYS: z.coerce.number().int().min(100).default(100_000),
  /**
   * This instance's name, sent as `x-served-by` on every answer, so that behind a proxy spreading
   * calls over several instances each answer says which served it (docs/adr/0068). None without it.
   */
  INSTANCE_NAME: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dots, dashes and underscores, at most 64').optional(),
  /**
   * Proxies whose X-Forwarded-For is believed: comma-separated addresses or CIDRs (or express's
   * `loopback`, `uniquelocal`). Empty: none, the client is the socket's peer.
   */
  TRUST_PROXY: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((part) => part.trim()).filter((part) => part.length > 0)),
  /** The largest request body the API reads, in bytes, and the most calls one batched request may carry. */
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(100_000),
  MAX_BATCH_SIZE: z.coerce.number().int().min(1).default(10),
  /** How often each booking process reads the interviews changed elsewhere, for the live pages (docs/adr/0033). */
  LIVE_TAIL_INTERVAL_MS: z.coerce.number().int().min(50).default(1_000),
  /** Live pages one candidate link or one HR user may hold open at once. */
  LIVE_MAX_PER_CLIENT: z.coerce.number().int().min(1).default(8),
  /** Events each process keeps for pages that reconnect to it. */
  LIVE_REPLAY_EVENTS: z.coerce.number().int().min(0).default(1_000),
  /** The panel's reminder before the start; default per kind (15 minutes). */
  INTERVIEWER_REMINDER_MINUTES: z.coerce.number().min(0).optional(),
  FEEDBACK_NUDGE_MINUTES: minutes(24 * 60),
  FEEDBACK_HR_NUDGE_MINUTES: minutes(48 * 60),
  /** HR is nudged when no outcome is set this long after the interview; default: the kind's working days. */
  DECISION_NUDGE_MINUTES: z.coerce.number().min(0).optional(),
  FEEDBACK_LINK_DAYS: z.coerce.number().positive().default(14),
  /** A panel member who has neither accepted nor declined this long after their invitation is nudged once (docs/adr/0032). */
  INTERVIEWER_ANSWER_NUDGE_MINUTES: minutes(24 * 60),
  /** How long a candidate whose panel cannot be completed keeps the old time while choosing a new one. */
  REPICK_WINDOW_MINUTES: minutes(48 * 60),
  /** How often a candidate's windows are searched again when no change in the pool was heard of (docs/adr/0071). */
  AVAILABILITY_RECHECK_MINUTES: z.coerce.number().positive().default(15),
  /** HR is told once when nothing fitted the candidate's windows this long after they were sent; default 2 working days. */
  AVAILABILITY_HR_MINUTES: z.coerce.number().positive().optional(),
  /** How long one write of an interview's event into a connected calendar may take before it is tried again. */
  CALENDAR_WRITE_TIMEOUT_SECONDS: z.coerce.number().positive().default(45),
  /** How long an earlier time offered from the waitlist is held for its candidate alone (docs/adr/0072). */
  HOLD_MINUTES: z.coerce.number().positive().default(15),
  /** 32 bytes, base64: seals the interviewers' calendar app passwords (the workflows service opens them with the same key). */
  CALENDAR_SECRET_KEY: z.string().default(DEV_CALENDAR_SECRET_KEY).refine((value) => Buffer.from(value, 'base64').length === 32, '32 bytes, base64-encoded (openssl rand -base64 32)'),
  /** Deadline of each CalDAV request HR's "test connection" and "connect" make. */
  CALENDAR_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /**
   * The organisation-wide Google connection (docs/calendars.md): a service account's key file (JSON)
   * with domain-wide delegation. Written (sealed) into the database at every start and shown on the
   * HR console's calendars page, where it cannot then be changed; unset, an admin may set one there.
   */
  GOOGLE_SERVICE_ACCOUNT_KEY: serviceAccountKey,
  /**
   * The organisation-wide Microsoft 365 connection (docs/calendars.md): an app registration in
   * Entra ID with the `Calendars.ReadWrite` application permission consented. All three or none;
   * written (the secret sealed) into the database at every start.
   */
  MICROSOFT_TENANT_ID: z.string().trim().min(1).max(200).optional(),
  MICROSOFT_CLIENT_ID: z.string().trim().min(1).max(200).optional(),
  MICROSOFT_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
  /** Seed only (scripts/start.sh): the demo interviewer's CalDAV account on the local Radicale. */
  DEMO_CALDAV_URL: z.url().optional(),
  DEMO_CALDAV_USER: z.string().min(1).optional(),
  DEMO_CALDAV_PASSWORD: z.string().min(1).optional(),
});

export type BookingEnv = z.infer<typeof schema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): BookingEnv {
  return parseEnv(schema, source, { ...serviceDevSecrets, TOKEN_PUBLIC_KEY: DEV_TOKEN_PUBLIC_KEY, HR_ADMIN_PASSWORD: DEV_ADMIN_PASSWORD, CALENDAR_SECRET_KEY: DEV_CALENDAR_SECRET_KEY });
}
