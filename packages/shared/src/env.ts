import { z } from 'zod';
import { NOTIFICATIONS_TASK_QUEUE } from './email';
import { DEV_PAYLOAD_KEYS, payloadKeysVariable } from './payload-codec/keys';
import { LIFECYCLE_TASK_QUEUE } from './search-attributes';
import { parseAllowedHosts } from './webhook-address';

/**
 * Parses a service's environment once at start-up. Fails with one message naming every bad
 * variable, and refuses development secrets when NODE_ENV=production.
 */
export function parseEnv<S extends z.ZodObject>(
  schema: S,
  source: Record<string, string | undefined>,
  devSecrets: Partial<Record<keyof z.infer<S>, string>> = {},
): z.infer<S> {
  const result = schema.safeParse(source);
  const problems: string[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(`${issue.path.join('.') || '(root)'}: ${issue.message}`);
  } else if (source.NODE_ENV === 'production') {
    for (const [name, devValue] of Object.entries(devSecrets)) {
      if ((result.data as Record<string, unknown>)[name] === devValue) {
        problems.push(`${name}: still the development default; set a real secret in production`);
      }
    }
  }
  if (problems.length > 0) {
    throw new Error(`Invalid environment:\n  ${problems.join('\n  ')}`);
  }
  return result.data as z.infer<S>;
}

export const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
export const nodeEnv = z.enum(['development', 'test', 'production']).default('development');
export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/**
 * The fields every service (booking, workflows, notifications) reads alike: how it runs and logs,
 * the database, Temporal with its payload keys, and HR's contact address. Each service spreads
 * this into its own schema in its env.ts, still the one place that reads process.env.
 */
export const serviceEnv = {
  NODE_ENV: nodeEnv,
  LOG_LEVEL: logLevel,
  MONGO_URL: z.string().startsWith('mongodb').default('mongodb://127.0.0.1:27017/portal'),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  PAYLOAD_KEYS: payloadKeysVariable,
  HR_CONTACT_EMAIL: z.email().default('hr@example.test'),
};

/** serviceEnv's development secrets, for parseEnv to refuse in production. */
export const serviceDevSecrets = { PAYLOAD_KEYS: DEV_PAYLOAD_KEYS };

/** Where the links in a lifecycle's messages point (booking and workflows both write them). */
export const messageLinksEnv = {
  PUBLIC_WEB_URL: z.url().default('http://localhost:5173'),
  /** The Jitsi server whose rooms are the links of kinds held on Jitsi (docs/adr/0028). */
  JITSI_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://meet.jit.si'),
};

export const lifecycleTaskQueue = z.string().min(1).default(LIFECYCLE_TASK_QUEUE);
export const notificationsTaskQueue = z.string().min(1).default(NOTIFICATIONS_TASK_QUEUE);

/**
 * Hosts webhooks may reach although they are not public addresses (docs/adr/0022): comma-separated
 * host names or addresses, matched against the endpoint URL's host. Empty in production; the dev
 * stack and tests name their loopback receivers. Booking checks it when an endpoint is saved, the
 * workflows worker at every delivery.
 */
export const webhookEnv = {
  WEBHOOK_ALLOWED_HOSTS: z.string().default('').transform(parseAllowedHosts),
};

/**
 * Erasure asks the mail provider to remove what it keeps for the candidate's address (Postmark's
 * Data Removal API, docs/adr/0030); without an account token nothing is asked.
 */
export const mailDataRemovalEnv = {
  POSTMARK_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.postmarkapp.com'),
  POSTMARK_ACCOUNT_TOKEN: z.string().min(1).optional(),
};

/**
 * Where Google's Calendar API and token endpoint are (docs/calendars.md): Google's own unless set;
 * the local stand-in in development and tests. Booking (checking a connection) and the workflows
 * worker (reading calendars) use the same two.
 */
export const googleCalendarEnv = {
  GOOGLE_CALENDAR_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  GOOGLE_OAUTH_TOKEN_URL: z.url({ protocol: /^https?$/ }).optional(),
};

/**
 * Where Microsoft Graph and Entra ID's sign-in host are (docs/calendars.md): Microsoft's own
 * unless set; the local stand-in (`https://127.0.0.1:port`, spoken to in plain HTTP because it is
 * loopback) in development and tests. Booking and the workflows worker use the same two.
 */
export const microsoftCalendarEnv = {
  MICROSOFT_GRAPH_URL: z.url({ protocol: /^https?$/ }).optional(),
  MICROSOFT_LOGIN_URL: z.url({ protocol: /^https?$/ }).optional(),
};

/** The Graph client's endpoints from the environment: a loopback https address is the stand-in, reached in plain HTTP. */
export function microsoftEndpoints(env: { MICROSOFT_GRAPH_URL?: string | undefined; MICROSOFT_LOGIN_URL?: string | undefined }) {
  const loopback = [env.MICROSOFT_GRAPH_URL, env.MICROSOFT_LOGIN_URL].flatMap((url) => (url === undefined ? [] : [new URL(url)])).find((url) => url.protocol === 'https:' && url.hostname === '127.0.0.1');
  return {
    ...(env.MICROSOFT_GRAPH_URL ? { graphUrl: env.MICROSOFT_GRAPH_URL } : {}),
    ...(env.MICROSOFT_LOGIN_URL ? { authorityHost: env.MICROSOFT_LOGIN_URL } : {}),
    ...(loopback ? { plainHttpHost: loopback.host } : {}),
  };
}

/** Text that counts as unset when empty (a variable cleared by an override or a blank line in a file). */
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((text) => (text === undefined || text.trim() === '' ? undefined : text.trim()));

/**
 * The portal's own OAuth clients, for interviewers who grant their calendar themselves when the
 * organisation grants nothing (docs/adr/0061): a Google "Web application" client and a
 * multi-tenant Entra ID app registration (delegated `Calendars.ReadWrite`). Booking starts and
 * finishes the sign-in; the workflows worker refreshes the tokens, so both read the same ones.
 * Either pair unset, that provider offers no own grant.
 */
export const calendarGrantEnv = {
  GOOGLE_OAUTH_CLIENT_ID: optionalText(300),
  GOOGLE_OAUTH_CLIENT_SECRET: optionalText(300),
  /** Google's authorization endpoint unless set: the stand-in's in development and tests. */
  GOOGLE_OAUTH_AUTH_URL: z.url({ protocol: /^https?$/ }).optional(),
  MICROSOFT_OAUTH_CLIENT_ID: optionalText(200),
  MICROSOFT_OAUTH_CLIENT_SECRET: optionalText(2000),
  /** `organizations` (any work or school account), or one tenant's id to keep sign-ins to it. */
  MICROSOFT_OAUTH_TENANT: z.string().trim().min(1).max(200).default('organizations'),
};

type CalendarGrantEnv = { [K in keyof typeof calendarGrantEnv]?: string | undefined };

export interface CalendarGrantClients {
  google?: { clientId: string; clientSecret: string };
  microsoft?: { tenantId: string; clientId: string; clientSecret: string };
}

/** The OAuth clients the environment sets: a provider appears only with both its id and secret. */
export function calendarGrantClients(env: CalendarGrantEnv): CalendarGrantClients {
  const { GOOGLE_OAUTH_CLIENT_ID: googleId, GOOGLE_OAUTH_CLIENT_SECRET: googleSecret, MICROSOFT_OAUTH_CLIENT_ID: microsoftId, MICROSOFT_OAUTH_CLIENT_SECRET: microsoftSecret } = env;
  return {
    ...(googleId && googleSecret ? { google: { clientId: googleId, clientSecret: googleSecret } } : {}),
    ...(microsoftId && microsoftSecret ? { microsoft: { tenantId: env.MICROSOFT_OAUTH_TENANT ?? 'organizations', clientId: microsoftId, clientSecret: microsoftSecret } } : {}),
  };
}
