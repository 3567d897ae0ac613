import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microsoftStandIn, type MicrosoftStandIn } from '../../testing/microsoft-stand-in';
import { MicrosoftCalendarProblem, microsoftCalendarClient, microsoftTokenSource } from './microsoft-calendar';

let ms: MicrosoftStandIn;
beforeAll(async () => {
  ms = await microsoftStandIn();
});
afterAll(() => ms.close());

const from = new Date('2031-03-06T08:00:00Z');
const to = new Date('2031-03-06T18:00:00Z');

async function problemOf(work: Promise<unknown>): Promise<MicrosoftCalendarProblem> {
  const error: unknown = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MicrosoftCalendarProblem);
  return error as MicrosoftCalendarProblem;
}

describe('Microsoft 365 calendar: faults as typed problems', () => {
  it('answers 429 with Retry-After as RATE_LIMITED carrying the wait, asking once, and the next request goes through', async () => {
    const lee = ms.uniqueEmail('lee');
    const client = ms.appOnly();
    await ms.control('POST', '/faults', { status: 429, count: 1, retryAfterSeconds: 7, mailbox: lee });
    const problem = await problemOf(client.putEvent(lee, { iCalUID: 'f-1@interview-portal', summary: 'Interview', start: from, end: to }));
    expect(problem).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 7_000, retryable: true });
    expect(problem.message).toContain('HTTP 429 ApplicationThrottled');
    expect((await ms.calls()).filter((c) => c.path.startsWith(`/users/${encodeURIComponent(lee)}`) && c.status === 429)).toHaveLength(1);
    expect((await client.putEvent(lee, { iCalUID: 'f-1@interview-portal', summary: 'Interview', start: from, end: to })).result).toBe('created');
  });

  it('answers a service that is down as UNREACHABLE, retryable, for the API and the token endpoint alike', async () => {
    const max = ms.uniqueEmail('max');
    await ms.control('POST', '/faults', { status: 503, count: 1, mailbox: max });
    expect(await problemOf(ms.appOnly().busy([max], from, to))).toMatchObject({ code: 'UNREACHABLE', retryable: true });
    await ms.control('POST', '/outage', { down: true });
    try {
      expect(await problemOf(ms.appOnly().busy([max], from, to))).toMatchObject({ code: 'UNREACHABLE' });
    } finally {
      await ms.control('POST', '/outage', { down: false });
    }
    expect((await ms.appOnly().busy([max], from, to)).get(max)).toEqual({ ok: true, busy: [] });
  });

  it('reads a calendar on the interviewer’s own grant, and answers AUTH (invalid_grant) once they revoke it', async () => {
    const olga = ms.uniqueEmail('olga');
    const client = await ms.ownGrant(olga);
    expect((await client.busy([olga], from, to)).get(olga)).toEqual({ ok: true, busy: [] });
    await ms.control('POST', '/revocations', { email: olga });
    const problem = await problemOf(client.busy([olga], from, to));
    expect(problem).toMatchObject({ code: 'AUTH', retryable: false });
    expect(problem.message).toContain('invalid_grant');
    expect(await problemOf((await ms.ownGrant(olga, '0.never-issued')).busy([olga], from, to))).toMatchObject({ code: 'AUTH' });
  });

  it('answers AUTH (invalid_client) when the organisation’s app secret is removed', async () => {
    const pia = ms.uniqueEmail('pia');
    const client = microsoftCalendarClient({ ...ms.endpoints, auth: microsoftTokenSource({ kind: 'app', ...ms.app, clientSecret: 'wrong' }, ms.auth) });
    const problem = await problemOf(client.busy([pia], from, to));
    expect(problem).toMatchObject({ code: 'AUTH' });
    expect(problem.message).toContain('invalid_client');
  });

  it('answers NOT_FOUND for a mailbox outside the organisation, and FORBIDDEN for another user’s events on a user’s grant', async () => {
    expect(await problemOf(ms.appOnly().putEvent('quinn@other-company.test', { iCalUID: 'x@p', summary: 'I', start: from, end: to }))).toMatchObject({ code: 'NOT_FOUND' });
    const rosa = ms.uniqueEmail('rosa');
    expect(await problemOf((await ms.ownGrant(rosa)).readEvents(ms.uniqueEmail('sam'), { syncToken: null, from, to }))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('answers UNREACHABLE when nothing listens at the address, never the driver’s own message', async () => {
    const dead = { graphUrl: 'https://127.0.0.1:9', plainHttpHost: '127.0.0.1:9', timeoutMs: 1_000 };
    const auth = microsoftTokenSource({ kind: 'app', ...ms.app }, { authorityHost: 'https://127.0.0.1:9', plainHttpHost: '127.0.0.1:9', timeoutMs: 1_000 });
    const problem = await problemOf(microsoftCalendarClient({ ...dead, auth }).busy(['a@contoso.test'], from, to));
    expect(problem.code).toBe('UNREACHABLE');
    expect(problem.message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
  });

  it('answers TIMEOUT when Graph takes longer than the deadline', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const auth = microsoftTokenSource({ kind: 'app', ...ms.app }, ms.auth);
      const problem = await problemOf(microsoftCalendarClient({ graphUrl: `https://${host}`, plainHttpHost: host, timeoutMs: 300, auth }).busy(['olive@contoso.test'], from, to));
      expect(problem).toMatchObject({ code: 'TIMEOUT', retryable: true });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
