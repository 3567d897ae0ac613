import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { inject } from 'vitest';
import type { MicrosoftStandInPlace } from '../stack/microsoft-graph/stand-in-app';
import type {} from './provided-context';
import type { SharedPortalAddress } from './shared-portals';

/**
 * Names that keep test files apart when they run in parallel against the same servers.
 * Pass `import.meta.url` (or any name unique to the file): the result is stable within
 * one test process and differs between files and between concurrent processes.
 */
function isolatedName(name: string, maxLength: number): string {
  const stem = basename(name.replace(/^file:\/\//, '')).replace(/\.(test|spec)\.[cm]?[jt]sx?$/, '');
  const slug = stem.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'test';
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 6);
  const suffix = `_${hash}_${process.pid}`;
  return `t_${slug.slice(0, maxLength - suffix.length - 2)}${suffix}`;
}

type Provided = 'MONGO_URL' | 'TEMPORAL_ADDRESS' | 'SINK_URL' | 'WORKFLOW_BUNDLE_PATH' | 'DAILY_API_BASE_URL' | 'ZOOM_STAND_IN_URL' | 'SHARED_PORTALS_URL' | 'GOOGLE_CALENDAR_API_URL' | 'GOOGLE_OAUTH_TOKEN_URL' | 'GOOGLE_SERVICE_ACCOUNT_KEY' | 'MICROSOFT_STAND_IN';

function required(key: Provided): string {
  const value = inject(key) || process.env[key];
  if (!value) {
    throw new Error(`${key} is not set: run tests through vitest with the root config (bash scripts/test.sh); a file listed in vitest.fast-files.ts gets no test servers`);
  }
  return value;
}

/** MONGO_URL with a database of this file's own (FerretDB allows 63 characters). */
export function testDatabaseUrl(name: string): string {
  const server = required('MONGO_URL');
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(server);
  if (!match) throw new Error(`MONGO_URL is not a MongoDB connection string: ${server}`);
  return `${match[1]}/${isolatedName(name, 63)}${match[2] ?? ''}`;
}

/** A Temporal task queue no other test file polls. */
export function testTaskQueue(name: string): string {
  return isolatedName(name, 100).replace(/_/g, '-');
}

export function testTemporalAddress(): string {
  return required('TEMPORAL_ADDRESS');
}

/** The workflow bundle built once for this run: load it instead of bundling the workflow code again. */
export function testWorkflowBundlePath(): string {
  return required('WORKFLOW_BUNDLE_PATH');
}

/** The sink is shared by all files: filter what you read by recipient or interview id. */
export function testSinkUrl(): string {
  return required('SINK_URL');
}

/** The Daily stand-in every portal under test calls (DAILY_API_BASE_URL); shared by all files. */
export function testDailyApiUrl(): string {
  return required('DAILY_API_BASE_URL');
}

/** An API key of this file's own at the Daily stand-in: its rooms, its record of calls, its outages. */
export function testDailyApiKey(name: string): string {
  return isolatedName(name, 100);
}

/** The Zoom stand-in every portal under test calls (its origin: /oauth/token and /v2); shared by all files. */
export function testZoomStandIn(): string {
  return required('ZOOM_STAND_IN_URL');
}

/** A Zoom account of this file's own at the Zoom stand-in: its meetings, its record of calls, its outages. */
export function testZoomAccountId(name: string): string {
  return isolatedName(name, 100);
}

/**
 * The Google Calendar stand-in every portal under test reads, and the organisation's service
 * account there (delegated for example.test); shared by all files, which keep apart by calendars
 * (interviewers' emails) of their own.
 */
export function testGoogleCalendar(): { apiUrl: string; tokenUrl: string; serviceAccountKey: string } {
  return { apiUrl: required('GOOGLE_CALENDAR_API_URL'), tokenUrl: required('GOOGLE_OAUTH_TOKEN_URL'), serviceAccountKey: required('GOOGLE_SERVICE_ACCOUNT_KEY') };
}

/**
 * The Microsoft Graph stand-in every portal under test reads, and the organisation's app
 * registration there (consented for example.test); shared by all files, which keep apart by
 * mailboxes of their own.
 */
export function testMicrosoftGraph(): MicrosoftStandInPlace {
  return JSON.parse(required('MICROSOFT_STAND_IN')) as MicrosoftStandInPlace;
}

/**
 * A portal started once for the run with exactly these settings and shared with every file that
 * asks for the same (shared-portals.ts): its booking URL, the sink, and the URL of its database.
 */
export async function testSharedPortal(settings: Record<string, string>): Promise<SharedPortalAddress> {
  return askForSharedPortal('/portal', settings);
}

/** As testSharedPortal, with the built web app in front (`webUrl`), the portal's emailed links naming it. */
export async function testSharedWebPortal(settings: Record<string, string>): Promise<SharedPortalAddress & { webUrl: string }> {
  const address = await askForSharedPortal('/web-portal', settings);
  if (!address.webUrl) throw new Error('the shared portal came without its web app');
  return { ...address, webUrl: address.webUrl };
}

/**
 * Deletes a stopped portal's Schedules from the run's main process, which holds a Temporal client
 * already: a file's worker then loads none for its portal's stop (portal-processes.ts, ADR 0064).
 */
export async function testDeleteSchedules(_temporalAddress: string, taskQueue: string): Promise<void> {
  const response = await postToMainProcess('/schedules-deleted', { taskQueue }).catch((error: unknown) => ({ ok: false, text: async () => String(error) }));
  if (!response.ok) console.warn(`[test-infra] the Schedules of ${taskQueue} were not deleted: ${await response.text()}`);
}

async function askForSharedPortal(path: '/portal' | '/web-portal', settings: Record<string, string>): Promise<SharedPortalAddress> {
  const response = await postToMainProcess(path, settings);
  if (!response.ok) throw new Error(`the shared portal did not start: ${await response.text()}`);
  return (await response.json()) as SharedPortalAddress;
}

/** A JSON request to the run's main process (shared-portals.ts). */
function postToMainProcess(path: string, body: unknown): Promise<Response> {
  return fetch(`${required('SHARED_PORTALS_URL')}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}
