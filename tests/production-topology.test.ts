import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, freePortRun } from '@portal/devstack/free-port';
import { startProcess, type RunningProcess } from '@portal/devstack/start-process';
import { ensureClusterTools } from '@portal/devstack/tools';
import { createApiClient } from './support/api-client';
import { alwaysAvailableInterviewer, eventually } from './support/fixtures';
import { twoHostsInEachRing, servedByRecorder } from './support/cluster-checks';
import { createRestClient } from './support/rest-client';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;

/** What start.ts writes once the portal is up (docs/running.md#production-topology). */
interface PortalReady {
  topology: string;
  booking: string;
  web: string;
  sink: string;
  temporalAddress: string;
  temporalCli: string;
  temporalFrontends: string[];
  instances: string[];
}

let dir: string;
let stack: RunningProcess;
let ready: PortalReady;
let tdbg: string;

beforeAll(async () => {
  // Built once per machine, like the CLI (first time: minutes).
  ({ tdbg } = await ensureClusterTools((line) => console.log(`[production-topology] ${line}`)));
  if (!existsSync(join(root, 'web', 'dist', 'index.html'))) throw new Error('web/dist is missing: build it first with `bash scripts/build-web.sh`');
  dir = await mkdtemp(join(tmpdir(), 'portal-production-'));
  // PostgreSQL runs as its own user and must reach its cluster inside.
  await chmod(dir, 0o755);
  const ports: Record<string, string> = {};
  // Free ports are not yet bound when the next is chosen: a port chosen again (or the second of an
  // instance pair landing on one) is chosen anew, so no two of the stack's listeners share one.
  const chosen = new Set<number>();
  const pick = async (length: number): Promise<string> => {
    for (;;) {
      const first = length === 1 ? await freePort() : await freePortRun(length);
      const span = Array.from({ length }, (_, k) => first + k);
      if (span.some((port) => chosen.has(port))) continue;
      for (const port of span) chosen.add(port);
      return String(first);
    }
  };
  for (const name of ['BOOKING_PORT', 'NOTIFICATIONS_PORT', 'WORKFLOWS_PORT']) ports[name] = await pick(2);
  for (const name of ['MONGO_PORT', 'POSTGRES_PORT', 'TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'SINK_PORT', 'DAILY_STAND_IN_PORT', 'ZOOM_STAND_IN_PORT', 'GOOGLE_STAND_IN_PORT', 'MICROSOFT_STAND_IN_PORT', 'WEB_PORT', 'RADICALE_PORT']) ports[name] = await pick(1);
  stack = startProcess({
    name: 'production-topology',
    command: join(root, 'node_modules', '.bin', 'tsx'),
    args: ['scripts/src/start.ts'],
    cwd: root,
    env: { ...process.env, ...ports, PORTAL_TOPOLOGY: 'production', PORTAL_DATA_DIR: dir, STACK_LOGS: 'file', NODE_ENV: 'development' },
    // Its own lines ("The portal is up…") are kept for the failure message; the services' go to the data folder's stack.log.
    output: new Writable({ write: (_chunk, _encoding, done) => done() }),
  });
  ready = await eventually(async () => {
    if (stack.hasExited()) throw new Error(`the production topology stopped:\n${stack.recentOutput()}`);
    const file = join(dir, 'portal-ready.json');
    return existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as PortalReady) : undefined;
  }, 400_000, 'portal-ready.json');
}, 900_000);

afterAll(async () => {
  await stack?.stop(20_000);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the production topology: a Temporal cluster on PostgreSQL, two of each service, nginx in front', () => {
  it('runs the cluster apart: the PostgreSQL store, two hosts in each of the frontend, history and matching rings, 64 shards', { timeout: 120_000 }, async () => {
    expect(ready).toMatchObject({ topology: 'production', booking: ready.web, temporalFrontends: [expect.any(String), expect.any(String)] });
    expect(ready.instances.filter((name) => /^booking/.test(name))).toHaveLength(2);
    const { stdout: described } = await run(ready.temporalCli, ['operator', 'cluster', 'describe', '--detail', '--address', ready.temporalAddress, '--output', 'json']);
    expect(JSON.parse(described)).toMatchObject({ persistenceStore: 'postgres12', visibilityStore: 'postgres12', historyShardCount: 64 });
    // Each frontend answers on its own, not only through nginx.
    for (const frontend of ready.temporalFrontends) {
      const { stdout } = await run(ready.temporalCli, ['operator', 'cluster', 'health', '--address', frontend]);
      expect(stdout).toMatch(/SERVING/);
    }
    const rings = await twoHostsInEachRing(async () => (await run(tdbg, ['--address', ready.temporalAddress, 'membership', 'list-gossip'])).stdout);
    expect(rings.find((ring) => ring.role === 'worker')?.member_count).toBe(1);
  });

  it('invite → book → move → cancel through nginx, both booking instances serving, every answer naming its instance', { timeout: 240_000 }, async () => {
    const jar: { value?: string } = {};
    const hr = createApiClient(ready.web, jar);
    await hr.mutation('hr.auth.signIn', { email: 'admin@example.test', password: 'dev-admin-password' });
    const interviewer = await alwaysAvailableInterviewer(hr, 'Topology Interviewer', 24, `topology.${Date.now()}@example.test`);
    const rest = createRestClient(ready.web);
    const { servedBy, seen } = servedByRecorder();
    const cookie = jar.value ?? '';
    const key = seen(await rest<{ key: string }>('post', '/api-keys', { cookie, body: { name: 'Topology ATS', scopes: ['read', 'write'] } }));
    expect(key.status).toBe(201);
    const bearer = key.body.key;

    const invited = seen(await rest<{ interviewId: string; candidateUrl: string }>('post', '/invitations', {
      bearer,
      body: { candidate: { name: 'Nia Nginx', email: `topology.${Date.now()}@example.test`, timezone: 'Europe/London' }, position: 'Platform Engineer', kind: 'technical', interviewerIds: [interviewer.id] },
    }));
    expect(invited.status).toBe(201);
    const token = invited.body.candidateUrl.slice(invited.body.candidateUrl.lastIndexOf('/') + 1);
    const { interviewId } = invited.body;

    const slots = seen(await rest<{ slots: { start: string }[] }>('get', '/candidate/slots', { bearer: token }));
    // Past the notice's edge (the second listed), then a day later, clear of the first booking.
    const first = slots.body.slots[1];
    const second = first && slots.body.slots.find((slot) => Date.parse(slot.start) >= Date.parse(first.start) + 86_400_000);
    if (!first || !second) throw new Error('too few free times');
    const booked = seen(await rest<{ status: string }>('post', '/candidate/booking', { bearer: token, body: { start: first.start, timezone: 'Europe/London' } }));
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body.status).toBe('SCHEDULED');
    const moved = seen(await rest<{ slot: { start: string } }>('patch', '/candidate/booking', { bearer: token, body: { start: second.start, timezone: 'Europe/London' } }));
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.slot.start).toBe(second.start);
    const cancelled = seen(await rest<{ status: string }>('post', `/interviews/${interviewId}/cancel`, { bearer, body: { reason: 'The position was filled' } }));
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const feed = await eventually(async () => {
      const one = seen(await rest<{ status: string }>('get', `/interviews/${interviewId}`, { bearer }));
      return one.body.status === 'CANCELLED' ? one.body : undefined;
    }, 60_000, 'the cancellation in the interview');
    expect(feed.status).toBe('CANCELLED');
    // Round robin over a handful of calls: both instances served some.
    for (let k = 0; k < 4; k += 1) seen(await rest('get', `/interviews/${interviewId}`, { bearer }));
    expect([...servedBy].sort()).toEqual(['booking-1', 'booking-2']);

    // The web app's own files come from nginx, with the security headers the web image sends.
    const page = await fetch(`${ready.web}/hr`);
    expect(page.status).toBe(200);
    expect(page.headers.get('x-served-by')).toBe('nginx');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
