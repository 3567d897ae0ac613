import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANDIDATE_PURPOSE, DEV_TOKEN_PRIVATE_KEY, TOKEN_ALGORITHM, TOKEN_ISSUER } from '@portal/shared/tokens';
import { appRouter } from '../app-router';
import { startBooking, type BookingUnderTest } from '../../testing/booking-under-test';

const PROCEDURES = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>).map(([path, procedure]) => ({
  path,
  type: procedure._def.type,
}));

function request(booking: BookingUnderTest, path: string, type: string, headers: Record<string, string> = {}) {
  const input = encodeURIComponent(JSON.stringify({ token: 'x'.repeat(40) }));
  return type === 'query'
    ? fetch(`${booking.url}/trpc/${path}?input=${input}`, { headers })
    : fetch(`${booking.url}/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
}

function candidateToken(jti: string): string {
  return jwt.sign({ attempt: 1, purpose: CANDIDATE_PURPOSE, exp: Math.floor(Date.now() / 1000) + 3600 }, DEV_TOKEN_PRIVATE_KEY, {
    algorithm: TOKEN_ALGORITHM,
    issuer: TOKEN_ISSUER,
    subject: `no-such-interview-${jti}`,
    jwtid: jti,
  });
}

/** The 16 spellings of one token: base64url's last character of a 256-byte signature carries 4 unused bits. */
function spellingsOf(token: string): string[] {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(token.at(-1) ?? 'A');
  return Array.from({ length: 16 }, (_, low) => token.slice(0, -1) + alphabet[(last & ~15) | low]);
}

const viewWith = (booking: BookingUnderTest, token: string, headers: Record<string, string> = {}) =>
  fetch(`${booking.url}/trpc/candidate.view?input=${encodeURIComponent(JSON.stringify({ token }))}`, { headers });

describe('the booking API as any client can reach it', () => {
  let booking: BookingUnderTest;
  beforeAll(async () => {
    booking = await startBooking('http-surface');
  });
  afterAll(() => booking.close());

  it.each(['%E0%A4%A', '%', '%zz'])('a malformed session cookie (%s) is ignored by every procedure, never a 500', async (value) => {
    for (const { path, type } of PROCEDURES) {
      const response = await request(booking, path, type, { cookie: `other=1; portal_hr_session=${value}` });
      expect(response.status, path).toBeLessThan(500);
    }
  });

  it('a path express cannot decode answers 400 in JSON with no stack or server path', async () => {
    const response = await fetch(`${booking.url}/api/ics/%E0%A4%A`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ error: { code: 'BAD_REQUEST', message: 'The request could not be read.' } });
    expect(body).not.toMatch(/ at |\/work|node_modules|URIError/);
  });

  it('an unknown path answers 404 in JSON', async () => {
    const response = await fetch(`${booking.url}/no/such/page`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Nothing here.' } });
  });

  it('every route carries the security headers', async () => {
    const answers = await Promise.all([
      fetch(`${booking.url}/healthz`),
      fetch(`${booking.url}/readyz`),
      fetch(`${booking.url}/trpc/hr.auth.me`),
      fetch(`${booking.url}/api/ics/${'x'.repeat(20)}`),
      fetch(`${booking.url}/api/ics/%E0%A4%A`),
      fetch(`${booking.url}/nothing`),
    ]);
    for (const response of answers) {
      expect(response.headers.get('content-security-policy'), response.url).toMatch(/frame-ancestors 'none'/);
      expect(response.headers.get('x-content-type-options'), response.url).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), response.url).toBe('DENY');
      expect(response.headers.get('referrer-policy'), response.url).toBe('no-referrer');
      expect(response.headers.get('strict-transport-security'), response.url).toBeNull();
    }
  });

  it('an answer comes whole with its length; only one over 1 KB is compressed, query or mutation', async () => {
    const token = candidateToken(randomUUID());
    const refusal = await fetch(`${booking.url}/trpc/candidate.book`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' },
      body: JSON.stringify({ token, start: new Date().toISOString() }),
    });
    expect(refusal.headers.get('content-encoding')).toBeNull();
    expect(refusal.headers.get('transfer-encoding')).toBeNull();
    const text = await refusal.text();
    expect(Number(refusal.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect(JSON.parse(text).error.data.domainCode).toBe('LINK_INVALID');
    // A batch of ten refused views is over 1 KB.
    const inputs = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i, { token }]));
    const paths = Array(10).fill('candidate.view').join(',');
    const batch = await fetch(`${booking.url}/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(batch.headers.get('content-encoding')).toBe('gzip');
    const answers = (await batch.json()) as { error: { data: { domainCode: string } } }[];
    expect(answers.map((answer) => answer.error.data.domainCode)).toEqual(Array(10).fill('LINK_INVALID'));
  });

  it('a batch of more than 10 calls is refused whole; 10 are answered', async () => {
    const batch = (size: number) => {
      const paths = Array.from({ length: size }, () => 'hr.auth.me').join(',');
      const input = encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: size }, (_, i) => [i, null]))));
      return fetch(`${booking.url}/trpc/${paths}?batch=1&input=${input}`);
    };
    expect((await batch(10)).status).toBe(200);
    const refused = await batch(11);
    expect(refused.status).toBe(400);
  });

  it('a 10 MB body is refused as too large', async () => {
    const response = await fetch(`${booking.url}/trpc/hr.auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@example.test', password: 'x'.repeat(10 * 1024 * 1024) }),
    });
    expect(response.status).toBe(413);
  });
});

describe('rate limits as an attacker meets them', () => {
  it('a client spoofing X-Forwarded-For on every call still meets its limit when no proxy is trusted', async () => {
    const booking = await startBooking('http-surface-spoof', { RATE_LIMIT_PER_MINUTE: '5' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 10; i += 1) {
        statuses.push((await viewWith(booking, 'x'.repeat(40), { 'x-forwarded-for': `203.0.113.${i}` })).status);
      }
      expect(statuses.slice(0, 5).every((status) => status === 401)).toBe(true);
      expect(statuses.slice(5)).toEqual([429, 429, 429, 429, 429]);
    } finally {
      await booking.close();
    }
  });

  it('behind a trusted proxy each forwarded client has its own bucket, and every spelling of one token shares one', async () => {
    const booking = await startBooking('http-surface-proxy', { RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: '127.0.0.1' });
    try {
      // A different forwarded address each call: the address buckets never fill, only the token's does.
      const spellings = spellingsOf(candidateToken(randomUUID()));
      const statuses: number[] = [];
      for (const [i, token] of spellings.entries()) {
        statuses.push((await viewWith(booking, token, { 'x-forwarded-for': `198.51.100.${i}` })).status);
      }
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(new Set(statuses.slice(3))).toEqual(new Set([429]));
    } finally {
      await booking.close();
    }
  });
});
