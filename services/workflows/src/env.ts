import type { Database } from '@portal/db';
import { z } from 'zod';
import { calendarGrantClients, calendarGrantEnv, googleCalendarEnv, lifecycleTaskQueue, microsoftCalendarEnv, microsoftEndpoints, messageLinksEnv, parseEnv, port, serviceDevSecrets, mailDataRemovalEnv, serviceEnv, webhookEnv } from '@portal/shared/env';
import { DEV_TOKEN_PRIVATE_KEY } from '@portal/shared/tokens';
import { DEV_CALENDAR_SECRET_KEY, calendarKey } from '@portal/calendar/credentials';
import { createGoogleClients } from '@portal/calendar/google-provider';
import { createMicrosoftClients } from '@portal/calendar/microsoft-provider';
import { createMicrosoftUserClients } from '@portal/calendar/microsoft-user-clients';
import { DEV_DAILY_API_KEY, DEV_ZOOM_APP } from '@portal/shared/meeting-rooms';
import { dailyRooms } from './meeting-rooms/activities/daily-rooms';
import { zoomMeetings } from './meeting-rooms/activities/zoom-meetings';
import type { MeetingRoomApis } from './meeting-rooms/activities/room-provider';

const schema = z.object({
  ...serviceEnv,
  ...mailDataRemovalEnv,
  ...messageLinksEnv,
  ...webhookEnv,
  ...googleCalendarEnv,
  ...microsoftCalendarEnv,
  ...calendarGrantEnv,
  /**
   * Where Microsoft Graph posts an interviewer's calendar changes: the booking service's receiver
   * (`<booking's public address>/api/calendar-push/microsoft`, HTTPS in production). Unset,
   * Microsoft 365 calendars are polled only (every CALENDAR_SYNC_SECONDS).
   */
  MICROSOFT_PUSH_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** How long a Graph subscription is asked to live (Graph keeps one on events 10,070 minutes at most); a new one opens before its end. */
  MICROSOFT_SUBSCRIPTION_TTL_SECONDS: z.coerce.number().int().min(60).max(10_070 * 60).default(86_400),
  /**
   * Where Google posts an interviewer's calendar changes: the booking service's receiver
   * (`<booking's public address>/api/calendar-push/google`, HTTPS in production). Unset, Google
   * calendars are polled only (every CALENDAR_SYNC_SECONDS).
   */
  GOOGLE_PUSH_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** How long a push channel is asked to live (Google keeps an events channel a week at most); it is renewed before its end. */
  GOOGLE_CHANNEL_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 86_400).default(86_400),
  /** How long one webhook delivery attempt may take, connecting to the last byte of the answer. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** The first retry's wait after a failed delivery; each next one doubles, up to an hour, for a day. */
  WEBHOOK_RETRY_INITIAL_SECONDS: z.coerce.number().min(0.1).max(3600).default(10),
  /** Interviews whose deliveries to one endpoint run at once (each interview's stay in order). */
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(10),
  /** Webhook deliveries the worker runs at once, all endpoints together, on the webhooks' own task queue (a booking's tasks never wait for them). */
  WEBHOOK_ACTIVITY_SLOTS: z.coerce.number().int().min(1).max(500).default(20),
  /** Daily's API key; without it kinds held on Daily get no room (docs/adr/0028). The dev stack and tests name the stand-in's. */
  DAILY_API_KEY: z.string().min(1).optional(),
  /** Daily's REST API, or the local stand-in that speaks its shape (scripts/src/stack/daily-stand-in.ts). */
  DAILY_API_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.daily.co/v1'),
  DAILY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /**
   * Zoom's Server-to-Server OAuth app (App Marketplace: account id, client id, client secret, with the
   * meeting:write/update/delete and meeting:read scopes); all three or none. Without them kinds held
   * on Zoom get no meeting (docs/adr/0074). The dev stack and tests name the stand-in's.
   */
  ZOOM_ACCOUNT_ID: z.string().min(1).optional(),
  ZOOM_CLIENT_ID: z.string().min(1).optional(),
  ZOOM_CLIENT_SECRET: z.string().min(1).optional(),
  /** The Zoom user (email or id) who hosts the interviews' meetings; `me` only for a user-level app or the stand-in. */
  ZOOM_HOST_USER: z.string().min(1).default('me'),
  /** Zoom's Meetings API, or the local stand-in that speaks its shape (scripts/src/stack/zoom-stand-in.ts). */
  ZOOM_API_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.zoom.us/v2'),
  /** Zoom's OAuth token endpoint, or the stand-in's. */
  ZOOM_OAUTH_URL: z.url({ protocol: /^https?$/ }).default('https://zoom.us/oauth/token'),
  ZOOM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /**
   * The Google Workspace calendar (a user's email) whose events carry the Google Meet conferences
   * of kinds held on Meet, reached through the organisation's Google connection (docs/adr/0075).
   * Unset, such kinds get no room.
   */
  GOOGLE_MEET_ORGANIZER: z.email().optional(),
  /** The Microsoft 365 mailbox whose events carry the Teams meetings of kinds held on Teams, through the organisation's Microsoft 365 connection. */
  MICROSOFT_TEAMS_ORGANIZER: z.email().optional(),
  LIFECYCLE_TASK_QUEUE: lifecycleTaskQueue,
  WORKFLOWS_PORT: port(3300),
  TOKEN_PRIVATE_KEY: z.string().includes('PRIVATE KEY').default(DEV_TOKEN_PRIVATE_KEY),
  /** 32 bytes, base64: seals the interviewers' calendar app passwords (booking seals, workflows opens). */
  CALENDAR_SECRET_KEY: z.string().default(DEV_CALENDAR_SECRET_KEY).refine((value) => Buffer.from(value, 'base64').length === 32, '32 bytes, base64-encoded (openssl rand -base64 32)'),
  /** How often connected calendars are read: busy times are at most this old plus one sync. */
  CALENDAR_SYNC_SECONDS: z.coerce.number().int().min(1).max(240).default(60),
  /** How often the retention policy is applied (docs/adr/0030): hourly, so data goes within the hour it is due. */
  RETENTION_SWEEP_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3_600),
  CALENDAR_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  CALENDAR_CLAIM_CHECK_MS: z.coerce.number().int().min(100).default(3_000),
  /** How far ahead busy times are read; at least booking's HORIZON_DAYS + 1. */
  CALENDAR_SYNC_DAYS: z.coerce.number().int().min(2).max(120).default(92),
  /**
   * Lifecycles kept in memory between their workflow tasks; one evicted is replayed from its history
   * on its next task. A thousand: with a hundred, a worker serving 1,000 open lifecycles replayed one
   * on nearly every task, 211 ms of CPU per lifecycle more than it spent with all cached (docs/adr/0045).
   */
  WORKFLOW_CACHE_SIZE: z.coerce.number().int().min(2).default(1000),
  /** Workflow tasks the worker runs at once (at most WORKFLOW_CACHE_SIZE). */
  WORKFLOW_TASK_SLOTS: z.coerce.number().int().min(2).default(40),
  /** One V8 context for every cached lifecycle (the SDK's default); `false` gives each its own, at several times the memory. */
  WORKFLOW_REUSE_V8_CONTEXT: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
  /**
   * Old-space limit of the workflow thread's V8 heap, in MiB: it collects sooner instead of growing to
   * V8's default (a quarter of the machine). Unset, it follows the cache (workflowHeapMb).
   */
  WORKFLOW_HEAP_MB: z.coerce.number().int().min(64).optional(),
  /**
   * The SDK's promise hook, which records a stack trace for every promise a lifecycle creates so
   * the Web UI's "Stack Trace" tab can show where it waits. Off by default: it more than doubled
   * the cost of each workflow task and the memory of each cached lifecycle (docs/adr/0004).
   */
  WORKFLOW_STACK_TRACES: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
  /**
   * How long one call into a lifecycle's code may run before it is stopped as a deadlock (the SDK's
   * isolateExecutionTimeout, 5 s there). 0, the default, leaves that guard off: Node enforces it with
   * a thread started and joined on every call, which made each workflow task 3-4 times as costly
   * (docs/adr/0008). A lifecycle stuck in a loop then shows as workflow task time-outs instead.
   */
  WORKFLOW_DEADLOCK_SECONDS: z.coerce.number().int().min(0).max(600).default(0),
  /**
   * A workflow bundle already built from this code (bundle-workflows.ts), loaded instead of
   * bundling at start-up; the file is left in place. Tests build one per run (docs/adr/0017).
   */
  WORKFLOW_BUNDLE_PATH: z.string().min(1).optional(),
})
  .refine((env) => env.WORKFLOW_TASK_SLOTS <= env.WORKFLOW_CACHE_SIZE, { path: ['WORKFLOW_TASK_SLOTS'], message: 'at most WORKFLOW_CACHE_SIZE' })
  .refine((env) => [env.ZOOM_ACCOUNT_ID, env.ZOOM_CLIENT_ID, env.ZOOM_CLIENT_SECRET].filter((v) => v === undefined).length % 3 === 0, {
    path: ['ZOOM_CLIENT_SECRET'],
    message: 'ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET: all three or none',
  });

export type WorkflowsEnv = z.infer<typeof schema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): WorkflowsEnv {
  return parseEnv(schema, source, {
    ...serviceDevSecrets,
    TOKEN_PRIVATE_KEY: DEV_TOKEN_PRIVATE_KEY,
    CALENDAR_SECRET_KEY: DEV_CALENDAR_SECRET_KEY,
    DAILY_API_KEY: DEV_DAILY_API_KEY,
    ZOOM_CLIENT_SECRET: DEV_ZOOM_APP.clientSecret,
  });
}

/** What the ops commands (`pnpm patches:status`) read: the Temporal server and namespace, nothing else of the worker's. */
const opsSchema = z.object({ TEMPORAL_ADDRESS: serviceEnv.TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE: serviceEnv.TEMPORAL_NAMESPACE });

export function loadOpsEnv(source: Record<string, string | undefined> = process.env): z.infer<typeof opsSchema> {
  return parseEnv(opsSchema, source);
}

/** The meeting providers with an API this worker can call: those whose keys are set. */
export function meetingRoomApis(env: WorkflowsEnv): MeetingRoomApis {
  const { ZOOM_ACCOUNT_ID: accountId, ZOOM_CLIENT_ID: clientId, ZOOM_CLIENT_SECRET: clientSecret } = env;
  return {
    ...(env.DAILY_API_KEY === undefined ? {} : { daily: dailyRooms({ baseUrl: env.DAILY_API_BASE_URL, apiKey: env.DAILY_API_KEY, timeoutMs: env.DAILY_TIMEOUT_MS }) }),
    ...(accountId === undefined || clientId === undefined || clientSecret === undefined
      ? {}
      : { zoom: zoomMeetings({ apiUrl: env.ZOOM_API_BASE_URL, oauthUrl: env.ZOOM_OAUTH_URL, accountId, clientId, clientSecret, hostUser: env.ZOOM_HOST_USER, timeoutMs: env.ZOOM_TIMEOUT_MS }) }),
  };
}

/**
 * What one cached lifecycle may take of the workflow thread's heap, in MiB: a booked one holds
 * about 0.43 MiB (`bench/worker-memory.ts`: 437.5 KiB with the stack-trace hook on, 2026-11-29), and
 * the rest is room to collect in, so a full cache neither fails the thread nor collects without end.
 */
export const HEAP_MB_PER_CACHED_LIFECYCLE = 0.75;

/** The heap a full cache needs: 128 MiB for the code and the tasks at hand, and HEAP_MB_PER_CACHED_LIFECYCLE per cached lifecycle. */
export function workflowHeapMb(env: Pick<WorkflowsEnv, 'WORKFLOW_HEAP_MB' | 'WORKFLOW_CACHE_SIZE'>): number {
  return env.WORKFLOW_HEAP_MB ?? 128 + Math.ceil(env.WORKFLOW_CACHE_SIZE * HEAP_MB_PER_CACHED_LIFECYCLE);
}

/** The workflows worker's memory bounds and sandbox guard (README, "Configuration"; bench/README.md for the trade). */
export function workflowSandboxOptions(env: WorkflowsEnv) {
  return {
    maxCachedWorkflows: env.WORKFLOW_CACHE_SIZE,
    maxConcurrentWorkflowTaskExecutions: env.WORKFLOW_TASK_SLOTS,
    reuseV8Context: env.WORKFLOW_REUSE_V8_CONTEXT,
    isolateExecutionTimeout: env.WORKFLOW_DEADLOCK_SECONDS * 1000,
  };
}

/** `connections`: where own grants' rotated refresh tokens are sealed back to (docs/adr/0061). */
export function calendarDeps(env: WorkflowsEnv, connections?: Database['calendarConnections']) {
  const endpoints = { ...(env.GOOGLE_CALENDAR_API_URL ? { rootUrl: env.GOOGLE_CALENDAR_API_URL } : {}), ...(env.GOOGLE_OAUTH_TOKEN_URL ? { tokenUrl: env.GOOGLE_OAUTH_TOKEN_URL } : {}) };
  const ttlSeconds = env.GOOGLE_CHANNEL_TTL_SECONDS;
  const renewBefore = (ttl: number) => Math.min(ttl / 2, 3_600 + 2 * env.CALENDAR_SYNC_SECONDS);
  const microsoft = microsoftEndpoints(env);
  return {
    key: calendarKey(env.CALENDAR_SECRET_KEY),
    timeoutMs: env.CALENDAR_TIMEOUT_MS,
    claimCheckMs: env.CALENDAR_CLAIM_CHECK_MS,
    syncDays: env.CALENDAR_SYNC_DAYS,
    google: createGoogleClients({ ...endpoints, timeoutMs: env.CALENDAR_TIMEOUT_MS }),
    googleClaimCheck: createGoogleClients({ ...endpoints, timeoutMs: env.CALENDAR_CLAIM_CHECK_MS }),
    microsoft: createMicrosoftClients({ ...microsoft, timeoutMs: env.CALENDAR_TIMEOUT_MS }),
    microsoftClaimCheck: createMicrosoftClients({ ...microsoft, timeoutMs: env.CALENDAR_CLAIM_CHECK_MS }),
    ownGrants: {
      clients: calendarGrantClients(env),
      microsoft: createMicrosoftUserClients({ ...microsoft, timeoutMs: env.CALENDAR_TIMEOUT_MS }),
      microsoftClaimCheck: createMicrosoftUserClients({ ...microsoft, timeoutMs: env.CALENDAR_CLAIM_CHECK_MS }),
      ...(connections ? { connections } : {}),
    },
    // Renewed an hour (and two syncs) before its end, or half way through a short one.
    ...(env.GOOGLE_PUSH_URL ? { push: { address: env.GOOGLE_PUSH_URL, ttlSeconds, renewBeforeSeconds: renewBefore(ttlSeconds) } } : {}),
    ...(env.MICROSOFT_PUSH_URL ? { microsoftPush: { address: env.MICROSOFT_PUSH_URL, ttlSeconds: env.MICROSOFT_SUBSCRIPTION_TTL_SECONDS, renewBeforeSeconds: renewBefore(env.MICROSOFT_SUBSCRIPTION_TTL_SECONDS) } } : {}),
  };
}

export function webhookSettings(env: WorkflowsEnv) {
  return {
    allowedHosts: env.WEBHOOK_ALLOWED_HOSTS,
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    retryInitialMs: Math.round(env.WEBHOOK_RETRY_INITIAL_SECONDS * 1000),
    lanes: env.WEBHOOK_CONCURRENCY,
  };
}
