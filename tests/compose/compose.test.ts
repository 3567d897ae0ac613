import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startComposeRehearsal, type ComposeRehearsal } from '@portal/devstack/compose-rehearsal';
import { createApiClient } from '../support/api-client';
import { alwaysAvailableInterviewer, eventually } from '../support/fixtures';
import { twoHostsInEachRing, servedByRecorder } from '../support/cluster-checks';
import { createRestClient } from '../support/rest-client';

/**
 * docker-compose.yml as an operator runs it (docs/deploy.md#docker-compose), with the images built
 * on this machine: `pnpm test:compose` (docs/adr/0070). Not in the default suite: the rehearsal
 * starts 20 containers on the machine's two cores.
 */
let rehearsal: ComposeRehearsal;

beforeAll(async () => {
  rehearsal = await startComposeRehearsal({ project: 'portal-compose-test', log: (line) => console.log(`[compose] ${line}`) });
}, 1_200_000);

afterAll(async () => {
  await rehearsal?.stop();
}, 240_000);

describe('docker-compose.yml on this machine\'s images', () => {
  it('brings every service up: the long-running ones healthy or running, the two setup jobs done', async () => {
    const services = await rehearsal.services();
    console.log(services.map((s) => `  ${s.Service.padEnd(20)} ${s.State}${s.Health ? ` (${s.Health})` : ''}${s.State === 'exited' ? ` exit ${s.ExitCode}` : ''}`).join('\n'));
    const byName = new Map(services.map((service) => [service.Service, service]));
    for (const job of ['temporal-schema', 'temporal-prepare']) expect(byName.get(job), job).toMatchObject({ State: 'exited', ExitCode: 0 });
    const longRunning = services.filter((service) => !['temporal-schema', 'temporal-prepare'].includes(service.Service));
    expect(longRunning.map((service) => service.Service).sort()).toEqual([
      'booking-1', 'booking-2', 'ferretdb', 'notifications-1', 'notifications-2', 'postgres', 'temporal',
      'temporal-frontend-1', 'temporal-frontend-2', 'temporal-history-1', 'temporal-history-2', 'temporal-matching-1', 'temporal-matching-2',
      'temporal-ui', 'temporal-worker-1', 'web', 'workflows-1', 'workflows-2',
    ]);
    for (const service of longRunning) {
      expect(service.State, service.Service).toBe('running');
      if (service.Health) expect(service.Health, service.Service).toBe('healthy');
    }
  });

  it('runs the Temporal cluster apart on PostgreSQL: two hosts in each of the frontend, history and matching rings, 64 shards', { timeout: 180_000 }, async () => {
    const tool = (entrypoint: string, args: string[]) => rehearsal.compose(['run', '--rm', '--no-deps', '--entrypoint', entrypoint, 'temporal-prepare', ...args]);
    const described = JSON.parse(await tool('temporal', ['operator', 'cluster', 'describe', '--detail', '--output', 'json'])) as Record<string, unknown>;
    expect(described).toMatchObject({ persistenceStore: 'postgres12', visibilityStore: 'postgres12', historyShardCount: 64 });
    const rings = await twoHostsInEachRing(() => tool('tdbg', ['--address', 'temporal:7233', 'membership', 'list-gossip']));
    expect(rings.find((ring) => ring.role === 'worker')?.member_count).toBe(1);
  });

  it('invites and books through nginx, both booking instances serving, and the invitation reaches Postmark (the sink) once', { timeout: 240_000 }, async () => {
    const jar: { value?: string } = {};
    const hr = createApiClient(rehearsal.web, jar);
    await hr.mutation('hr.auth.signIn', { email: 'admin@example.test', password: rehearsal.secrets.HR_ADMIN_PASSWORD });
    const interviewer = await alwaysAvailableInterviewer(hr, 'Compose Interviewer', 24, 'compose.interviewer@example.test');
    const rest = createRestClient(rehearsal.web);
    const { servedBy, seen } = servedByRecorder();
    const key = seen(await rest<{ key: string }>('post', '/api-keys', { cookie: jar.value ?? '', body: { name: 'Compose ATS', scopes: ['read', 'write'] } }));
    expect(key.status).toBe(201);
    const bearer = key.body.key;
    const email = 'cora.compose@example.test';
    const invited = seen(await rest<{ interviewId: string; candidateUrl: string }>('post', '/invitations', {
      bearer,
      body: { candidate: { name: 'Cora Compose', email, timezone: 'Europe/London' }, position: 'Platform Engineer', kind: 'technical', interviewerIds: [interviewer.id] },
    }));
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    expect(invited.body.candidateUrl).toMatch(/^http:\/\/localhost:\d+\//);
    const token = invited.body.candidateUrl.slice(invited.body.candidateUrl.lastIndexOf('/') + 1);

    const slots = seen(await rest<{ slots: { start: string }[] }>('get', '/candidate/slots', { bearer: token }));
    const time = slots.body.slots[1];
    if (!time) throw new Error('too few free times');
    const booked = seen(await rest<{ status: string }>('post', '/candidate/booking', { bearer: token, body: { start: time.start, timezone: 'Europe/London' } }));
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body.status).toBe('SCHEDULED');
    const shown = await eventually(async () => {
      const one = seen(await rest<{ status: string; slot?: { start: string } }>('get', `/interviews/${invited.body.interviewId}`, { bearer }));
      return one.body.status === 'SCHEDULED' ? one.body : undefined;
    }, 60_000, 'the booking in the interview');
    expect(shown.slot?.start).toBe(time.start);
    for (let k = 0; k < 4; k += 1) seen(await rest('get', `/interviews/${invited.body.interviewId}`, { bearer }));
    expect([...servedBy].sort()).toEqual(['booking-1', 'booking-2']);

    // The notifications service sent through Postmark's API with the run's own server token: the
    // invitation and the confirmation, each once.
    const sent = await eventually(async () => {
      const messages = rehearsal.sink.store.list({ to: email });
      return messages.length >= 2 ? messages : undefined;
    }, 120_000, 'the invitation and the confirmation at the sink');
    const subjects = sent.map((message) => message.Subject);
    expect(new Set(subjects).size, subjects.join(' | ')).toBe(subjects.length);

    const page = await fetch(`${rehearsal.web}/hr`);
    expect(page.status).toBe(200);
    expect(page.headers.get('x-served-by')).toBe('nginx');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
