import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { compileErrors, validate } from '@readme/openapi-parser';
import { Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { testTemporalAddress } from '@portal/devstack/testing';
import { LIFECYCLE_STATE_QUERY } from '@portal/shared/lifecycle';
import { freePort } from '@portal/devstack/free-port';
import { repoRoot } from '@portal/devstack/paths';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from './support/api-client';
import { alwaysAvailableInterviewer, eventually } from './support/fixtures';
import { startPortal, type PortalUnderTest } from './support/portal-under-test';
import { createRestClient, type ProblemAnswer, type RestClient } from './support/rest-client';
import { createWalker, operationsOf } from './support/rest-walk';
import { portalTemporalClient } from './support/temporal-client';

const run = Date.now();
const RATE_LIMIT = 150;
/** Calls one key may have under way at once (the default, named here for the bursts below). */
const CONCURRENT = 8;
const HOUR = 3_600_000;

let portal: PortalUnderTest;
let rest: RestClient;
let connection: mongoose.Connection;
let cookie: string;
let interviewerId: string;
let document: Parameters<typeof operationsOf>[0];
const keys = { write: '', otherWrite: '', read: '', writeOnly: '', revoked: '', limited: '', crowd: '' };
let candidateToken: string;

interface Invitation {
  interviewId: string;
  candidateUrl: string;
  expiresAt: string;
}

async function createKey(name: string, scopes: string[]): Promise<{ id: string; key: string }> {
  const answer = await rest<{ id: string; key: string }>('post', '/api-keys', { cookie, body: { name, scopes } });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

function invitationFor(email: string, position = 'Backend Engineer') {
  return { candidate: { name: 'Ada Lovelace', email, timezone: 'Europe/London', locale: 'en-GB' }, position, kind: 'technical', interviewerIds: [interviewerId] };
}

const tokenOf = (candidateUrl: string) => candidateUrl.slice(candidateUrl.lastIndexOf('/') + 1);

/** An interviewer's fields as the console saves them. */
function walkInterviewer(name: string) {
  return {
    name,
    email: `${name.toLowerCase().replace(/\W+/g, '.')}.${run}@example.test`,
    timezone: 'Europe/Paris',
    weekly: [{ weekday: 1, ranges: [{ start: '09:00', end: '17:00' }] }],
    overrides: [],
    timeOff: [],
    bufferBeforeMinutes: 5,
    bufferAfterMinutes: 5,
    maxPerDay: 4,
    active: true,
  };
}

async function interviewsOf(email: string): Promise<number> {
  return (await connection.db?.collection('interviews').countDocuments({ candidateEmail: email })) ?? -1;
}

async function invite(email: string, headers: Record<string, string> = {}, bearer = keys.write) {
  return rest<Invitation & ProblemAnswer>('post', '/invitations', { bearer, body: invitationFor(email), headers });
}

beforeAll(async () => {
  portal = await startPortal(import.meta.url, {
    MIN_NOTICE_MINUTES: '0',
    CHANGE_CUTOFF_MINUTES: '0',
    API_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
    API_CONCURRENT_CALLS_PER_KEY: String(CONCURRENT),
    // The example receiver listens on loopback.
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
  });
  rest = createRestClient(portal.bookingUrl);
  connection = await mongoose.createConnection(portal.mongoUrl).asPromise();
  const jar: { value?: string } = {};
  const hr = createApiClient(portal.bookingUrl, jar);
  await hr.mutation('hr.auth.signIn', { email: 'admin@example.test', password: 'dev-admin-password' });
  cookie = jar.value ?? '';
  interviewerId = (await alwaysAvailableInterviewer(hr, 'Rest Interviewer')).id;
  keys.write = (await createKey(`ATS ${run}`, ['read', 'write'])).key;
  keys.otherWrite = (await createKey(`Second ATS ${run}`, ['read', 'write'])).key;
  keys.read = (await createKey(`Reporting ${run}`, ['read'])).key;
  keys.writeOnly = (await createKey(`Write only ${run}`, ['write'])).key;
  keys.limited = (await createKey(`Burst ${run}`, ['read'])).key;
  keys.crowd = (await createKey(`Crowd ${run}`, ['read'])).key;
  const revoked = await createKey(`Retired ${run}`, ['read', 'write']);
  expect((await rest('delete', `/api-keys/${revoked.id}`, { cookie })).status).toBe(200);
  keys.revoked = revoked.key;
  const invited = await invite(`token.holder.${run}@example.test`);
  candidateToken = tokenOf(invited.body.candidateUrl);
  document = (await rest<typeof document>('get', '/openapi.json')).body;
}, 180_000);

afterAll(async () => {
  await connection?.close();
  await portal?.stop();
});

describe('invitations with an Idempotency-Key', () => {
  it('a retry returns the first answer and creates no second interview', async () => {
    const email = `retry.${run}@example.test`;
    const idempotencyKey = randomUUID();
    const first = await invite(email, { 'Idempotency-Key': idempotencyKey });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.candidateUrl).toMatch(/\/b\/[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(Date.parse(first.body.expiresAt)).toBeGreaterThan(Date.now());
    const retry = await invite(email, { 'Idempotency-Key': idempotencyKey });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await interviewsOf(email)).toBe(1);
  });

  it('three requests with one key at the same moment give one interview and one answer', async () => {
    const email = `together.${run}@example.test`;
    const idempotencyKey = randomUUID();
    const answers = await Promise.all([1, 2, 3].map(() => invite(email, { 'Idempotency-Key': idempotencyKey })));
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.body.interviewId)).size).toBe(1);
    expect(await interviewsOf(email)).toBe(1);
  });

  it('the same key with another body is refused 422 and creates nothing', async () => {
    const idempotencyKey = randomUUID();
    expect((await invite(`original.${run}@example.test`, { 'Idempotency-Key': idempotencyKey })).status).toBe(201);
    const other = `other.${run}@example.test`;
    const reused = await invite(other, { 'Idempotency-Key': idempotencyKey });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await interviewsOf(other)).toBe(0);
  });

  it('keys are scoped per API key: another key with the same Idempotency-Key is a new request', async () => {
    const email = `scoped.${run}@example.test`;
    const idempotencyKey = randomUUID();
    expect((await invite(email, { 'Idempotency-Key': idempotencyKey })).status).toBe(201);
    const elsewhere = await invite(email, { 'Idempotency-Key': idempotencyKey }, keys.otherWrite);
    // Not a replay: the invitation runs and meets the one-active-interview rule.
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.error.code).toBe('ALREADY_EXISTS');
  });

  it('the candidate’s language is matched to one the portal speaks and kept; another is refused', async () => {
    const email = `sprache.${run}@example.test`;
    const body = { ...invitationFor(email), candidate: { ...invitationFor(email).candidate, locale: 'de-CH' } };
    const created = await rest<Invitation>('post', '/invitations', { bearer: keys.write, body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const read = await rest<{ candidate: { locale: string } }>('get', `/interviews/${created.body.interviewId}`, { bearer: keys.read });
    expect(read.body.candidate.locale).toBe('de');
    const other = `klingon.${run}@example.test`;
    const refused = await rest<ProblemAnswer>('post', '/invitations', {
      bearer: keys.write,
      body: { ...invitationFor(other), candidate: { ...invitationFor(other).candidate, locale: 'tlh' } },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'BAD_INPUT', field: 'candidate.locale' });
    expect(await interviewsOf(other)).toBe(0);
  });

  it('a refused field is named by its path in the request', async () => {
    const answer = await rest<ProblemAnswer>('post', '/invitations', { bearer: keys.write, body: { ...invitationFor('x@example.test'), candidate: { name: 'Ada', email: 'not an address' } } });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'BAD_INPUT', field: 'candidate.email' });
  });
});

describe('credentials', () => {
  it('every route refuses a missing credential, a revoked key, a candidate token on key routes, a key on other routes, and a key without the scope', async () => {
    const refusals: string[] = [];
    const expectRefused = async (label: string, method: string, path: string, bearer: string | undefined, status: number) => {
      const answer = await rest<ProblemAnswer>(method, path, { ...(bearer === undefined ? {} : { bearer }), body: method === 'get' ? undefined : {} });
      if (answer.status !== status || typeof answer.body.error?.code !== 'string') refusals.push(`${label} ${method} ${path}: ${answer.status}`);
    };
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThanOrEqual(25);
    for (const op of operations) {
      const path = op.path.replace(/\{\w+\}/g, 'x');
      const scheme = Object.keys(op.security[0] ?? {})[0];
      await expectRefused('no credential', op.method, path, undefined, 401);
      if (scheme === 'apiKey') {
        await expectRefused('revoked key', op.method, path, keys.revoked, 401);
        await expectRefused('candidate token', op.method, path, candidateToken, 401);
        if (op['x-scopes']?.includes('write')) await expectRefused('read-only key', op.method, path, keys.read, 403);
        if (op['x-scopes']?.includes('read')) await expectRefused('write-only key', op.method, path, keys.writeOnly, 403);
      } else {
        await expectRefused('API key', op.method, path, keys.write, 401);
      }
    }
    expect(refusals).toEqual([]);
  });

  it('an API key is refused on the web app’s tRPC API', async () => {
    const response = await fetch(`${portal.bookingUrl}/trpc/hr.interviewers.list`, { headers: { authorization: `Bearer ${keys.write}` } });
    expect(response.status).toBe(401);
  });

  it('each keyed answer carries the key’s rate limit, and the call past it gets 429 with Retry-After', async () => {
    const first = await rest('get', `/interviews/${randomUUID()}`, { bearer: keys.limited });
    expect(first.status).toBe(404);
    expect(first.headers.get('ratelimit-limit')).toBe(String(RATE_LIMIT));
    expect(first.headers.get('ratelimit-policy')).toBe(`${RATE_LIMIT};w=60`);
    expect(Number(first.headers.get('ratelimit-remaining'))).toBe(RATE_LIMIT - 1);
    for (let sent = 1; sent < RATE_LIMIT; sent += CONCURRENT) {
      await Promise.all(Array.from({ length: Math.min(CONCURRENT, RATE_LIMIT - sent) }, () => rest('get', `/interviews/${randomUUID()}`, { bearer: keys.limited })));
    }
    const past = await rest<ProblemAnswer>('get', `/interviews/${randomUUID()}`, { bearer: keys.limited });
    expect(past.status).toBe(429);
    expect(past.body.error.code).toBe('RATE_LIMITED');
    expect(Number(past.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(past.headers.get('ratelimit-remaining')).toBe('0');
    // Another key has its own window.
    expect((await rest('get', `/interviews/${randomUUID()}`, { bearer: keys.read })).status).toBe(404);
  });

  it('a key’s calls past its concurrency get 429 at once and cost no point of its minute, while another key’s are served', async () => {
    const crowd = await Promise.all(Array.from({ length: 40 }, () => rest<ProblemAnswer>('get', '/interviews?limit=100', { bearer: keys.crowd })));
    const [served, refused] = [crowd.filter((answer) => answer.status === 200), crowd.filter((answer) => answer.status === 429)];
    expect(served.length + refused.length).toBe(crowd.length);
    expect(served.length).toBeGreaterThanOrEqual(CONCURRENT);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) {
      expect(answer.body.error).toEqual({ code: 'RATE_LIMITED', message: `This API key has ${CONCURRENT} calls under way; send the next when one of them has answered.` });
      expect(answer.headers.get('retry-after')).toBe('1');
    }
    const [next, other] = await Promise.all([
      rest('get', `/interviews/${randomUUID()}`, { bearer: keys.crowd }),
      rest('get', `/interviews/${randomUUID()}`, { bearer: keys.read }),
    ]);
    expect(next.status).toBe(404);
    // Only the calls served took a point: the refused ones were turned away before the key's minute.
    expect(Number(next.headers.get('ratelimit-remaining'))).toBe(RATE_LIMIT - served.length - 1);
    expect(other.status).toBe(404);
  });
});

describe('headless booking with the candidate token', () => {
  it('reads the interview and slots, books, moves and cancels, and the ATS sees each change', async () => {
    const invited = await invite(`headless.${run}@example.test`);
    const token = tokenOf(invited.body.candidateUrl);
    const bearer = { bearer: token };
    const view = await rest<{ status: string; interviewId: string }>('get', '/candidate/interview', bearer);
    expect(view.body).toMatchObject({ status: 'INVITED', interviewId: invited.body.interviewId });
    const from = new Date(Date.now() + 2 * HOUR).toISOString();
    const to = new Date(Date.now() + 72 * HOUR).toISOString();
    const { slots } = (await rest<{ slots: { start: string }[] }>('get', `/candidate/slots?from=${from}&to=${to}`, bearer)).body;
    expect(slots.length).toBeGreaterThan(8);
    expect(slots.every((slot) => slot.start >= from && slot.start < to)).toBe(true);
    const [first, , , , moved] = slots.map((slot) => slot.start);
    const booked = await rest<{ status: string; slot: { start: string } }>('post', '/candidate/booking', { ...bearer, body: { start: first, timezone: 'Europe/Berlin' } });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body).toMatchObject({ status: 'SCHEDULED', slot: { start: first } });
    const again = await rest<ProblemAnswer>('post', '/candidate/booking', { ...bearer, body: { start: moved, timezone: 'Europe/Berlin' } });
    expect(again.status).toBe(409);
    const move = await rest<{ slot: { start: string }; rescheduleCount: number }>('patch', '/candidate/booking', { ...bearer, body: { start: moved, timezone: 'Europe/Berlin' } });
    expect(move.status, JSON.stringify(move.body)).toBe(200);
    expect(move.body).toMatchObject({ slot: { start: moved }, rescheduleCount: 1 });
    const seen = await rest<{ status: string; slot: { start: string }; candidate: { timezone: string } }>('get', `/interviews/${invited.body.interviewId}`, { bearer: keys.read });
    expect(seen.body).toMatchObject({ status: 'SCHEDULED', slot: { start: moved }, candidate: { timezone: 'Europe/Berlin' } });
    const cancelled = await rest<{ status: string; cancelReason: string }>('delete', '/candidate/booking', { ...bearer, body: { reason: 'Accepted another offer' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', cancelReason: 'Accepted another offer' });
    const after = await rest<ProblemAnswer>('patch', '/candidate/booking', { ...bearer, body: { start: first, timezone: 'Europe/Berlin' } });
    expect(after.status).toBe(409);
  });

  it('a malformed or foreign token is refused 401 and names nothing of the link', async () => {
    const answer = await rest<ProblemAnswer>('get', '/candidate/interview', { bearer: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' });
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('LINK_INVALID');
  });
});

describe('the interview change feed', () => {
  it('pages every interview once, oldest change first, with an opaque cursor that picks up later changes', async () => {
    const seen: { id: string; updatedAt: string }[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page += 1) {
      const query: string = cursor === null ? '?limit=2' : `?limit=2&cursor=${cursor}`;
      const answer = await rest<{ items: { id: string; updatedAt: string }[]; nextCursor: string | null; hasMore: boolean }>('get', `/interviews${query}`, { bearer: keys.read });
      expect(answer.status).toBe(200);
      seen.push(...answer.body.items);
      cursor = answer.body.nextCursor;
      if (!answer.body.hasMore) break;
    }
    const stored = (await connection.db?.collection('interviews').find({}, { projection: { _id: 1 } }).toArray()) ?? [];
    expect(new Set(seen.map((item) => item.id)).size).toBe(seen.length);
    expect(seen.map((item) => item.id).sort()).toEqual(stored.map((doc) => String(doc._id)).sort());
    const times = seen.map((item) => item.updatedAt);
    expect([...times].sort()).toEqual(times);
    const since = new Date().toISOString();
    const later = await invite(`later.${run}@example.test`);
    const next = await rest<{ items: { id: string }[] }>('get', `/interviews?cursor=${cursor}`, { bearer: keys.read });
    expect(next.body.items.map((item) => item.id)).toContain(later.body.interviewId);
    const byTime = await rest<{ items: { id: string; status: string }[] }>('get', `/interviews?status=INVITED&updatedSince=${encodeURIComponent(since)}`, { bearer: keys.read });
    expect(byTime.body.items.map((item) => item.id)).toEqual([later.body.interviewId]);
  });

  it('a cursor it never gave out is refused, naming the cursor', async () => {
    const answer = await rest<ProblemAnswer>('get', '/interviews?cursor=bm90LWEtY3Vyc29y', { bearer: keys.read });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'BAD_INPUT', field: 'cursor' });
  });
});

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    expect((document as unknown as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('has a reference page served from the portal itself', async () => {
    const page = await rest<string>('get', '/docs');
    expect(page.status).toBe(200);
    expect(page.body).toContain('/api/v1/docs/swagger-ui-bundle.js');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const bundle = await fetch(`${portal.bookingUrl}/api/v1/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
  });

  it('every operation in it answers as it describes', async () => {
    const walker = await createWalker(rest, document);
    const { answered } = walker;
    const W = { bearer: keys.write };
    const R = { bearer: keys.read };

    const a = await answered<Invitation>('createInvitation', '/invitations', { ...W, body: invitationFor(`walk.a.${run}@example.test`) }, 201);
    const A = { bearer: tokenOf(a.candidateUrl) };
    await answered('getCandidateInterview', '/candidate/interview', A, 200);
    // A single interview's link: no loop, so its itineraries and session times are refused as such.
    expect(await answered('getCandidateLoop', '/candidate/loop', A, 200)).toBeNull();
    await answered('listCandidateItineraries', '/candidate/itineraries?day=2030-01-07&timezone=Europe/Berlin', A, 400);
    await answered('listSessionTimes', `/candidate/session-times?sessionId=${a.interviewId}&timezone=Europe/Berlin`, A, 400);
    const from = new Date(Date.now() + 2 * HOUR).toISOString();
    const { slots } = await answered<{ slots: { start: string }[] }>('listCandidateSlots', `/candidate/slots?from=${from}`, A, 200);
    const [s0, , , , s1, , , , s2] = slots.map((slot) => slot.start);
    await answered('book', '/candidate/booking', { ...A, body: { start: s0, timezone: 'Europe/Berlin' } }, 201);
    await answered('moveBooking', '/candidate/booking', { ...A, body: { start: s1, timezone: 'Europe/Berlin' } }, 200);
    const waiting = await answered<{ waitlist: { before: string | null } | null; hold: unknown }>('joinWaitlist', '/candidate/waitlist', { ...A, body: { before: '2030-01-07' } }, 200);
    expect(waiting).toMatchObject({ waitlist: { before: '2030-01-07' }, hold: null });
    await answered('acceptHold', `/candidate/holds/hold_${a.interviewId.replace(/[^A-Za-z0-9_-]/g, '')}_x/accept`, A, 404);
    await answered('declineHold', `/candidate/holds/hold_${a.interviewId.replace(/[^A-Za-z0-9_-]/g, '')}_x/decline`, A, 404);
    expect(await answered<{ waitlist: unknown }>('leaveWaitlist', '/candidate/waitlist', A, 200)).toMatchObject({ waitlist: null });
    await answered('getInterview', `/interviews/${a.interviewId}`, R, 200);
    await answered('listInterviews', '/interviews?limit=3', R, 200);
    await answered('rescheduleInterview', `/interviews/${a.interviewId}/reschedule`, { ...W, body: { start: s2, reason: 'Asked by the ATS' } }, 200);
    await answered('listScorecards', `/interviews/${a.interviewId}/scorecards`, R, 200);
    await answered('setInterviewOutcome', `/interviews/${a.interviewId}/outcome`, { ...W, body: { outcome: 'PASSED' } }, 409);
    await answered('approveRetake', `/interviews/${a.interviewId}/retake`, W, 409);
    await answered('cancelBooking', '/candidate/booking', { ...A, body: { reason: 'Found another role' } }, 200);
    const application = await answered<{ interviews: unknown[] }>('listCandidateInterviews', '/candidate/interviews', A, 200);
    expect(application.interviews).toMatchObject([{ interviewId: a.interviewId, current: true, status: 'CANCELLED', link: null }]);
    const b = await answered<Invitation>('createInvitation', '/invitations', { ...W, body: invitationFor(`walk.b.${run}@example.test`) }, 201);
    const windows = [{ start: new Date(Date.now() + 50 * HOUR).toISOString(), end: new Date(Date.now() + 53 * HOUR).toISOString() }];
    const sent = await answered<{ availability: { windows: unknown[] } | null }>('submitAvailability', '/candidate/availability', { bearer: tokenOf(b.candidateUrl), body: { windows, timezone: 'Europe/Berlin' } }, 200);
    expect(sent.availability?.windows).toHaveLength(1);
    await answered('cancelInterview', `/interviews/${b.interviewId}/cancel`, { ...W, body: { reason: 'Position filled' } }, 200);
    await answered('getInterview', `/interviews/${randomUUID()}`, R, 404);
    await answered('exportCandidate', '/candidates/export', { ...R, body: { email: `walk.a.${run}@example.test` } }, 200);
    await answered('retentionReport', '/retention/report', R, 200);
    await answered('eraseCandidate', '/candidates/erasure', { ...W, body: { email: `walk.b.${run}@example.test`, notify: false } }, 200);
    await answered('eraseCandidate', '/candidates/erasure', { ...W, body: { email: 'not an address' } }, 400);

    await answered('listInterviewers', '/interviewers', R, 200);
    const interviewer = {
      name: 'Walk Interviewer',
      email: `walk.${run}@example.test`,
      timezone: 'Europe/Paris',
      weekly: [{ weekday: 1, ranges: [{ start: '09:00', end: '17:00' }] }],
      overrides: [],
      timeOff: [{ start: '2030-01-01T00:00:00Z', end: '2030-01-08T00:00:00Z' }],
      bufferBeforeMinutes: 5,
      bufferAfterMinutes: 5,
      maxPerDay: 4,
      active: true,
    };
    const created = await answered<{ id: string }>('createInterviewer', '/interviewers', { ...W, body: interviewer }, 201);
    await answered('getInterviewer', `/interviewers/${created.id}`, R, 200);
    await answered('replaceInterviewer', `/interviewers/${created.id}`, { ...W, body: { ...interviewer, maxPerDay: 3 } }, 200);
    await answered('getInterviewer', '/interviewers/nobody-here', R, 404);
    await answered('upsertInterviewer', '/interviewers', { ...W, body: { ...interviewer, id: `ats-${run}` } }, 200);
    expect((await answered<{ name: string }>('getInterviewer', `/interviewers/ats-${run}`, R, 200)).name).toBe('Walk Interviewer');

    const kindId = `walk-round-${run}`;
    await answered('listInterviewKinds', '/interview-kinds', R, 200);
    await answered('createInterviewKind', '/interview-kinds', { ...W, body: { id: kindId, titles: { en: 'Walk round' } } }, 201);
    await answered('createInterviewKind', '/interview-kinds', { ...W, body: { id: kindId, titles: { en: 'Walk round again' } } }, 409);
    await answered('getInterviewKind', `/interview-kinds/${kindId}`, R, 200);
    await answered('getInterviewKind', '/interview-kinds/nobody-here', R, 404);
    await answered('changeInterviewKind', `/interview-kinds/${kindId}`, { ...W, body: { durationMinutes: 45 } }, 200);
    await answered('changeInterviewKind', '/interview-kinds/nobody-here', { ...W, body: { archived: true } }, 404);

    const endpoint = await answered<{ id: string }>('createWebhookEndpoint', '/webhook-endpoints', { ...W, body: { url: 'https://ats.example.test/hooks/portal', events: ['interview.booked'] } }, 201);
    await answered('listWebhookEndpoints', '/webhook-endpoints', W, 200);
    await answered('getWebhookEndpoint', `/webhook-endpoints/${endpoint.id}`, W, 200);
    await answered('testWebhookEndpoint', `/webhook-endpoints/${endpoint.id}/test`, W, [201, 409]);
    await answered('listWebhookDeliveries', `/webhook-endpoints/${endpoint.id}/deliveries`, W, 200);
    await answered('redeliverWebhook', `/webhook-deliveries/dlv_${endpoint.id}_evt_none/redeliver`, W, 404);
    await answered('updateWebhookEndpoint', `/webhook-endpoints/${endpoint.id}`, { ...W, body: { enabled: false } }, 200);
    await answered('createWebhookEndpoint', '/webhook-endpoints', { ...W, body: { url: 'http://10.0.0.1/hook', events: ['interview.booked'] } }, 400);
    await answered('deleteWebhookEndpoint', `/webhook-endpoints/${endpoint.id}`, W, 200);

    const key = await answered<{ id: string }>('createApiKey', '/api-keys', { cookie, body: { name: `Walk ${run}`, scopes: ['read'] } }, 201);
    await answered('listApiKeys', '/api-keys', { cookie }, 200);
    await answered('revokeApiKey', `/api-keys/${key.id}`, { cookie }, 200);

    // Teams: the owner's console session (the first admin is the deployment's owner).
    const team = `walk-${run}`;
    await answered('createTeam', '/teams', { cookie, body: { id: team, name: 'Walk team', branding: { colour: '#224466' } } }, 201);
    await answered('createTeam', '/teams', { cookie, body: { id: team, name: 'Walk team' } }, 409);
    await answered('listTeams', '/teams', { cookie }, 200);
    await answered('getTeam', `/teams/${team}`, { cookie }, 200);
    await answered('getTeam', `/teams/missing-${run}`, { cookie }, 404);
    await answered('updateTeam', `/teams/${team}`, { cookie, body: { name: 'Walk team', branding: { logoUrl: 'https://cdn.example.test/walk.png' } } }, 200);

    expect([...walker.walked].sort()).toEqual([...walker.operations.keys()].sort());
  });

  it('an unknown route and a body that is not JSON get the error shape', async () => {
    const unknown = await rest<ProblemAnswer>('get', '/nothing-here', { bearer: keys.read });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    const response = await fetch(`${portal.bookingUrl}/api/v1/invitations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.write}`, 'content-type': 'application/json' },
      body: '{"candidate":',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ProblemAnswer).error.code).toBe('BAD_INPUT');
  });
});

/** An operation as the document gives it, with what this file provokes refusals through. */
type Documented = ReturnType<typeof operationsOf>[number] & { requestBody?: unknown; parameters?: { in: string; name: string }[] };

/** A well-formed id nothing has, per resource: the route's own NOT_FOUND, past its id check. */
function unknownIdFor(path: string): string {
  if (path.startsWith('/interviews/')) return randomUUID();
  if (path.startsWith('/interviewers/')) return `nobody-${run}`;
  if (path.startsWith('/webhook-endpoints/')) return `whe_${'Q'.repeat(20)}`;
  if (path.startsWith('/webhook-deliveries/')) return `dlv_nothing_${run}`;
  if (path.startsWith('/api-keys/')) return `key_${'a'.repeat(20)}`;
  return 'x';
}

describe('every status a route answers is in the document', () => {
  it('each route of the table, provoked to refuse (bad ids, unknown ids, bad queries, empty, unreadable and oversized bodies, a closed interview), answers only statuses its operation documents', async () => {
    const fresh = await invite(`refusals.${run}@example.test`);
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(201);
    const credentialOf = (op: Documented) => {
      const scheme = Object.keys(op.security[0] ?? {})[0];
      return scheme === 'apiKey' ? { bearer: keys.write } : scheme === 'candidateToken' ? { bearer: tokenOf(fresh.body.candidateUrl) } : { cookie };
    };
    const undocumented: string[] = [];
    const answered = new Map<string, Set<number>>();
    const provoke = async (op: Documented, path: string, call: { body?: unknown; raw?: string; headers?: Record<string, string> }) => {
      const who = credentialOf(op);
      const headers: Record<string, string> = { ...call.headers };
      if ('bearer' in who) headers.authorization = `Bearer ${who.bearer}`;
      else headers.cookie = who.cookie;
      const text = call.raw ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
      if (text !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${portal.bookingUrl}/api/v1${path}`, { method: op.method.toUpperCase(), headers, body: text });
      const body = await response.text();
      answered.set(op.operationId, (answered.get(op.operationId) ?? new Set()).add(response.status));
      if (!(String(response.status) in op.responses)) undocumented.push(`${op.operationId} ${op.method.toUpperCase()} ${path.slice(0, 80)}: ${response.status} ${body.slice(0, 160)}`);
    };
    const operations = operationsOf(document) as Documented[];
    const walk = async (ops: Documented[]) => {
      for (const op of ops) {
        const hasId = /\{\w+\}/.test(op.path);
        const known = op.path.replace(/\{\w+\}/g, unknownIdFor(op.path));
        const paths = hasId ? [op.path.replace(/\{\w+\}/g, 'not%20an%20id'), known] : [known];
        const takesBody = op.requestBody !== undefined;
        for (const path of paths) await provoke(op, path, takesBody ? { body: {} } : {});
        for (const parameter of (op.parameters ?? []).filter((p) => p.in === 'query')) {
          await provoke(op, `${known}?${parameter.name}=not%00valid`, takesBody ? { body: {} } : {});
        }
        if (takesBody) {
          await provoke(op, known, { raw: '{"unfinished":' });
          await provoke(op, known, { body: { padding: 'x'.repeat(200_000) } });
        }
      }
    };
    await walk(operations);
    // The refusals only a valid request meets.
    const byId = new Map(operations.map((op) => [op.operationId, op]));
    const op = (id: string) => byId.get(id) as Documented;
    await provoke(op('createInvitation'), '/invitations', { body: { ...invitationFor(`refusals.${run}@example.test`) } });
    await provoke(op('createInvitation'), '/invitations', {
      body: { candidate: { name: 'Loop Less', email: `no.template.${run}@example.test` }, position: 'Backend Engineer', loop: { templateId: 'no-such-template' } },
    });
    await provoke(op('createInvitation'), '/invitations', { body: invitationFor(`bad.key.${run}@example.test`), headers: { 'Idempotency-Key': 'not a key' } });
    await provoke(op('replaceInterviewer'), `/interviewers/nobody-${run}`, { body: walkInterviewer('Nobody') });
    // The candidate's interview, cancelled: every candidate route again, now refused for its state.
    await provoke(op('cancelBooking'), '/candidate/booking', { body: { reason: 'Found another role' } });
    await walk(operations.filter((candidate) => candidate.path.startsWith('/candidate/')));
    await provoke(op('book'), '/candidate/booking', { body: { start: new Date(Date.now() + 3 * HOUR).toISOString(), timezone: 'Europe/Berlin' } });

    expect(undocumented).toEqual([]);
    // The walk met every operation, and met refusals: a 404 on invitations for an unknown template, a 413 for a large body.
    expect([...answered.keys()].sort()).toEqual(operations.map((o) => o.operationId).sort());
    expect([...(answered.get('createInvitation') ?? [])]).toEqual(expect.arrayContaining([400, 404, 413]));
    expect([...(answered.get('replaceInterviewer') ?? [])]).toEqual(expect.arrayContaining([400, 404, 413]));
  }, 180_000);

  it('PUT /interviewers/{id} with an unknown id is 404 and creates nothing; PUT /interviewers with the id in the body still creates', async () => {
    const id = `ats-unknown-${run}`;
    const refused = await rest<ProblemAnswer>('put', `/interviewers/${id}`, { bearer: keys.write, body: walkInterviewer('Not Created') });
    expect({ status: refused.status, code: refused.body.error?.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect((await rest('get', `/interviewers/${id}`, { bearer: keys.read })).status).toBe(404);
    expect(await connection.db?.collection('interviewers').countDocuments({ _id: id as never })).toBe(0);
    const created = await rest<{ id: string }>('put', '/interviewers', { bearer: keys.write, body: { ...walkInterviewer('Created By Id'), id } });
    expect(created.status).toBe(200);
    const replaced = await rest<{ maxPerDay: number }>('put', `/interviewers/${id}`, { bearer: keys.write, body: { ...walkInterviewer('Created By Id'), maxPerDay: 2 } });
    expect({ status: replaced.status, maxPerDay: replaced.body.maxPerDay }).toEqual({ status: 200, maxPerDay: 2 });
  });

  it('a webhook URL with a line break or a tab is refused 400 naming url, and nothing is stored', async () => {
    const count = async () => (await connection.db?.collection('webhook_endpoints').countDocuments({})) ?? -1;
    const before = await count();
    for (const url of ['https://ats.example.test/ho\nok', 'https://ats.example.test/ho\r\nok', 'https://ats.exa\tmple.test/hook']) {
      const refused = await rest<ProblemAnswer>('post', '/webhook-endpoints', { bearer: keys.write, body: { url, events: ['interview.booked'] } });
      expect({ status: refused.status, code: refused.body.error?.code, field: refused.body.error?.field }).toEqual({ status: 400, code: 'BAD_INPUT', field: 'url' });
    }
    expect(await count()).toBe(before);
  });
});

describe('when the candidate’s link stops working', () => {
  it('the invitation answer, the interview and the candidate view say the invitation’s expiry until booked, then the link’s own', async () => {
    const temporal = await Connection.connect({ address: testTemporalAddress() });
    try {
      const invited = await invite(`expiry.${run}@example.test`);
      expect(invited.status, JSON.stringify(invited.body)).toBe(201);
      const token = tokenOf(invited.body.candidateUrl);
      const state = await portalTemporalClient(temporal).workflow.getHandle(`interview-${invited.body.interviewId}`).query<{ invitationExpiresAt: string }>(LIFECYCLE_STATE_QUERY);
      // The lifecycle's invitation-expiry timer is what ends an unbooked link.
      const invitationExpiry = Date.parse(state.invitationExpiresAt);
      const tokenExpiry = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { exp: number }).exp * 1000;
      expect(tokenExpiry).toBeGreaterThan(invitationExpiry);
      expect(Date.parse(invited.body.expiresAt)).toBe(invitationExpiry);
      const record = await rest<{ linkExpiresAt: string }>('get', `/interviews/${invited.body.interviewId}`, { bearer: keys.read });
      expect(Date.parse(record.body.linkExpiresAt)).toBe(invitationExpiry);
      const view = await rest<{ linkExpiresAt: string; slot: unknown }>('get', '/candidate/interview', { bearer: token });
      expect(Date.parse(view.body.linkExpiresAt)).toBe(invitationExpiry);

      // Booked, the link keeps working past the invitation's expiry, until its own.
      const { slots } = (await rest<{ slots: { start: string }[] }>('get', `/candidate/slots?from=${new Date(Date.now() + 2 * HOUR).toISOString()}`, { bearer: token })).body;
      const booked = await rest<{ linkExpiresAt: string }>('post', '/candidate/booking', { bearer: token, body: { start: slots.at(-1)?.start, timezone: 'Europe/Berlin' } });
      expect(booked.status, JSON.stringify(booked.body)).toBe(201);
      expect(Math.floor(Date.parse(booked.body.linkExpiresAt) / 1000) * 1000).toBe(tokenExpiry);
      const after = await rest<{ linkExpiresAt: string }>('get', `/interviews/${invited.body.interviewId}`, { bearer: keys.read });
      expect(Math.floor(Date.parse(after.body.linkExpiresAt) / 1000) * 1000).toBe(tokenExpiry);
    } finally {
      await temporal.close();
    }
  });
});

describe('the worked example', () => {
  let receiver: ChildProcess | undefined;
  afterAll(() => void receiver?.kill());

  it('examples/webhook-receiver.mjs verifies the invitation webhook and prints it once', async () => {
    const port = await freePort();
    const endpoint = await rest<{ id: string; secret: string }>('post', '/webhook-endpoints', {
      bearer: keys.write,
      body: { url: `http://127.0.0.1:${port}/`, events: ['interview.invited', 'interview.booked'] },
    });
    expect(endpoint.status).toBe(201);
    expect(endpoint.body.secret).toMatch(/^whsec_/);
    receiver = spawn(process.execPath, [join(repoRoot, 'examples', 'webhook-receiver.mjs')], {
      env: { ...process.env, WEBHOOK_SECRET: endpoint.body.secret, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let printed = '';
    receiver.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    await eventually(async () => (printed.includes('listening') ? true : undefined), 10_000, 'the receiver to listen');
    const invited = await invite(`example.${run}@example.test`);
    const line = `interview.invited ${invited.body.interviewId} INVITED`;
    await eventually(async () => (printed.includes(line) ? true : undefined), 60_000, 'the signed invitation webhook');
    // A forged delivery is refused.
    const forged = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      body: '{"type":"interview.cancelled"}',
      headers: { 'webhook-id': 'msg_forged', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,Zm9yZ2Vk' },
    });
    expect(forged.status).toBe(400);
    await rest('delete', `/webhook-endpoints/${endpoint.body.id}`, { bearer: keys.write });
    expect(printed.split(line).length - 1).toBe(1);
  }, 90_000);
});
