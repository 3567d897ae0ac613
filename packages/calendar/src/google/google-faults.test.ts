import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { googleStandIn, type GoogleStandIn } from '../../testing/google-stand-in';
import { GoogleCalendarProblem, googleAuthClient, googleCalendarClient } from './google-calendar';

let google: GoogleStandIn;
beforeAll(async () => {
  google = await googleStandIn();
});
afterAll(() => google.close());

const from = new Date('2031-03-06T08:00:00Z');
const to = new Date('2031-03-06T18:00:00Z');

async function problemOf(work: Promise<unknown>): Promise<GoogleCalendarProblem> {
  const error: unknown = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GoogleCalendarProblem);
  return error as GoogleCalendarProblem;
}

describe('Google calendar: faults as typed problems', () => {
  it('answers 429 with Retry-After as RATE_LIMITED carrying the wait, and the next request goes through', async () => {
    const lee = google.uniqueEmail('lee');
    const client = google.delegated(lee);
    await google.control('POST', '/faults', { status: 429, count: 1, retryAfterSeconds: 7, calendarId: lee });
    const problem = await problemOf(client.busy([lee], from, to));
    expect(problem).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 7_000, retryable: true });
    expect(problem.message).toContain('HTTP 429 rateLimitExceeded');
    expect((await client.busy([lee], from, to)).get(lee)).toEqual({ ok: true, busy: [] });
  });

  it('answers 403 rateLimitExceeded as RATE_LIMITED too, not as a refusal of access', async () => {
    const max = google.uniqueEmail('max');
    // google-auth-library answers a 403 by fetching a new token and asking once more: two in a row reach the caller.
    await google.control('POST', '/faults', { status: 403, count: 2, retryAfterSeconds: 3, calendarId: max });
    const problem = await problemOf(google.delegated(max).putEvent(max, { iCalUID: 'f-1@interview-portal', summary: 'Interview', start: from, end: to }));
    expect(problem).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 3_000 });
  });

  it('answers Google down (503) as UNREACHABLE, to be retried', async () => {
    const ned = google.uniqueEmail('ned');
    await google.control('POST', '/faults', { status: 503, count: 1, calendarId: ned });
    expect(await problemOf(google.delegated(ned).deleteEvent(ned, 'f-2@interview-portal'))).toMatchObject({ code: 'UNREACHABLE', retryable: true });
  });

  it('reads a calendar on the interviewer’s own grant, and answers AUTH once they revoke it', async () => {
    const olga = google.uniqueEmail('olga');
    const client = await google.ownGrant(olga);
    expect((await client.busy([olga], from, to)).get(olga)).toEqual({ ok: true, busy: [] });
    await google.control('POST', '/revocations', { email: olga });
    const problem = await problemOf(client.busy([olga], from, to));
    expect(problem).toMatchObject({ code: 'AUTH', retryable: false });
    expect(problem.message).toContain('invalid_grant');
    expect(await problemOf((await google.ownGrant(olga, '1//never-issued')).busy([olga], from, to))).toMatchObject({ code: 'AUTH' });
  });

  it('answers AUTH when the organisation’s delegation for the interviewer is revoked, and works again once restored', async () => {
    const pia = google.uniqueEmail('pia');
    await google.control('POST', '/revocations', { email: pia });
    expect(await problemOf(google.delegated(pia).busy([pia], from, to))).toMatchObject({ code: 'AUTH' });
    await google.control('DELETE', `/revocations/${encodeURIComponent(pia)}`);
    expect((await google.delegated(pia).busy([pia], from, to)).get(pia)).toEqual({ ok: true, busy: [] });
  });

  it('answers AUTH for a user outside the delegated domain', async () => {
    expect(await problemOf(google.delegated('quinn@other-company.test').busy(['quinn@other-company.test'], from, to))).toMatchObject({ code: 'AUTH' });
  });

  it('answers UNREACHABLE when nothing listens at the address, never the driver’s own message', async () => {
    const auth = googleAuthClient({ kind: 'user', clientId: 'c', clientSecret: 's', refreshToken: 'r' }, { tokenUrl: 'http://127.0.0.1:9/token', timeoutMs: 1_000 });
    const problem = await problemOf(googleCalendarClient({ auth, rootUrl: 'http://127.0.0.1:9/', timeoutMs: 1_000 }).busy(['a@example.test'], from, to));
    expect(problem.code).toBe('UNREACHABLE');
    expect(problem.message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
  });

  it('answers TIMEOUT when Google takes longer than the deadline', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const rootUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
    try {
      const auth = googleAuthClient({ kind: 'user', clientId: 'c', clientSecret: 's', refreshToken: 'r' }, { tokenUrl: google.standIn.tokenUrl, timeoutMs: 300 });
      auth.setCredentials({ access_token: 'ya29.any', expiry_date: Date.now() + 3_600_000 });
      const problem = await problemOf(googleCalendarClient({ auth, rootUrl, timeoutMs: 300 }).busy(['olive@example.test'], from, to));
      expect(problem).toMatchObject({ code: 'TIMEOUT', retryable: true });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
