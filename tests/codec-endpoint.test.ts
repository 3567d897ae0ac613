import { connect } from 'node:net';
import { Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTemporalAddress } from '@portal/devstack/testing';
import { alwaysAvailableInterviewer, bookAhead, inviteAndReadLink, signInAsAdmin } from './support/fixtures';
import { payloadsIn } from './support/history-payloads';
import { startPortal, type PortalUnderTest } from './support/portal-under-test';
import { portalTemporalClient } from './support/temporal-client';

const UI_ORIGIN = 'http://127.0.0.1:18233';
/** The body limit services/booking/src/privacy/codec-route.ts sets. */
const LIMIT_KB = 256;
const candidate = { name: 'Codec Endpoint', email: `codec.endpoint.${Date.now()}@example.test` };
type WirePayload = { metadata: Record<string, string>; data: string };

let portal: PortalUnderTest;
let hrCookie: string;
let candidateToken: string;
let encrypted: WirePayload;
let interviewerId: string;

const toWire = (p: { metadata?: Record<string, Uint8Array> | null; data?: Uint8Array | null }): WirePayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

async function signInCookie(): Promise<string> {
  const response = await fetch(`${portal.bookingUrl}/trpc/hr.auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.test', password: 'dev-admin-password' }),
  });
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

function codec(direction: 'encode' | 'decode', payloads: WirePayload[], headers: Record<string, string> = {}) {
  return fetch(`${portal.bookingUrl}/codec/${direction}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: UI_ORIGIN, 'x-namespace': 'default', ...headers },
    body: JSON.stringify({ payloads }),
  });
}

beforeAll(async () => {
  portal = await startPortal(import.meta.url, { TEMPORAL_UI_URL: UI_ORIGIN, INVITATION_EXPIRY_MINUTES: '60' });
  const hr = await signInAsAdmin(portal.api);
  const interviewer = await alwaysAvailableInterviewer(hr, 'Codec Endpoint Interviewer');
  interviewerId = interviewer.id;
  const invited = await inviteAndReadLink(hr, portal.sinkUrl, candidate, [interviewer.id]);
  candidateToken = invited.token;
  hrCookie = await signInCookie();
  const temporal = await Connection.connect({ address: testTemporalAddress() });
  const history = await portalTemporalClient(temporal).workflow.getHandle(`interview-${invited.interviewId}`).fetchHistory();
  await temporal.close();
  const input = payloadsIn(history).find(({ path }) => path.includes('workflowExecutionStartedEventAttributes.input'));
  if (!input) throw new Error('no workflow input in the history');
  encrypted = toWire(input.payload);
});

afterAll(async () => {
  await portal?.stop();
});

describe('codec endpoint for the Temporal UI', () => {
  it('decodes a history payload for a signed-in HR user, and encodes what it decoded back', async () => {
    const response = await codec('decode', [encrypted], { cookie: hrCookie });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    const { payloads } = (await response.json()) as { payloads: WirePayload[] };
    expect(Buffer.from(payloads[0]?.data ?? '', 'base64').toString()).toContain(candidate.email);
    const reEncoded = (await (await codec('encode', payloads, { cookie: hrCookie })).json()) as { payloads: WirePayload[] };
    expect(Buffer.from(reEncoded.payloads[0]?.metadata.encoding ?? '', 'base64').toString()).toBe('binary/encrypted');
  });

  it('answers 401 and decodes nothing without a session, with a candidate token, or with a forged cookie', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: `Bearer ${candidateToken}` },
      { cookie: `portal_hr_session=${candidateToken}` },
      { cookie: 'portal_hr_session=forged-session-id' },
    ];
    for (const headers of attempts) {
      const response = await codec('decode', [encrypted], headers);
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(await response.text()).not.toContain(Buffer.from(candidate.email).toString('base64').slice(0, 12));
    }
  });

  it('refuses an altered payload and malformed input with 400, not 500', async () => {
    const altered = { ...encrypted, data: Buffer.from(Buffer.from(encrypted.data, 'base64').map((b, i) => (i === 40 ? b ^ 1 : b))).toString('base64') };
    expect((await codec('decode', [altered], { cookie: hrCookie })).status).toBe(400);
    const malformed = await fetch(`${portal.bookingUrl}/codec/decode`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: hrCookie }, body: '{"payloads":"x"}' });
    expect(malformed.status).toBe(400);
  });

  it("answers the CORS preflight for the Temporal UI's origin only", async () => {
    const preflight = (origin: string) =>
      fetch(`${portal.bookingUrl}/codec/decode`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' },
      });
    const ui = await preflight(UI_ORIGIN);
    expect(ui.status).toBe(204);
    expect(ui.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(ui.headers.get('access-control-allow-credentials')).toBe('true');
    expect(ui.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-namespace');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses an unauthenticated body with 401 before reading it, and closes the connection', async () => {
    const { port } = new URL(portal.bookingUrl);
    const declared = 8 * 1024 * 1024;
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((done, fail) => socket.once('connect', done).once('error', fail));
    socket.write(
      `POST /codec/decode HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nOrigin: ${UI_ORIGIN}\r\nContent-Length: ${declared}\r\n\r\n`,
    );
    socket.write(`{"payloads":[{"metadata":{},"data":"${'A'.repeat(16 * 1024)}`);
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    const closed = await new Promise<boolean>((done) => {
      socket.once('close', () => done(true));
      setTimeout(() => done(false), 20_000);
    });
    socket.destroy();
    // 16 KB of the 8 MB were sent, and the rest never will be: the answer came without the body.
    expect(closed).toBe(true);
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(answer.toLowerCase()).toContain('connection: close');
  });

  it(`refuses a signed-in body over ${LIMIT_KB} KB with 413`, async () => {
    const oversized = { metadata: {}, data: Buffer.alloc(300 * 1024).toString('base64') };
    const response = await codec('decode', [oversized], { cookie: hrCookie });
    expect(response.status).toBe(413);
  });

  it(`the largest request the Temporal UI makes for a full lifecycle fits ${LIMIT_KB} KB many times over`, { timeout: 120_000 }, async () => {
    // The longest text every field takes, a booking and a cancel with the longest reason.
    const hr = await signInAsAdmin(portal.api);
    const long = { name: 'N'.repeat(120), email: `${'l'.repeat(40)}.${Date.now()}@example.test` };
    const invited = await inviteAndReadLink(hr, portal.sinkUrl, long, [interviewerId], 'P'.repeat(120));
    await bookAhead(portal.api, invited.token, { min: 2 * 3_600_000, max: 30 * 86_400_000 });
    await portal.api.mutation('candidate.cancel', { token: invited.token, reason: 'r'.repeat(500) });
    const temporal = await Connection.connect({ address: testTemporalAddress() });
    const history = await portalTemporalClient(temporal).workflow.getHandle(`interview-${invited.interviewId}`).fetchHistory();
    await temporal.close();
    // The UI asks for one payload list at a time (an event's input, result, details, a memo field).
    const requests = new Map<string, WirePayload[]>();
    for (const { path, payload } of payloadsIn(history)) {
      const list = path.replace(/\.payloads\.\d+$/, '.payloads');
      requests.set(list, [...(requests.get(list) ?? []), toWire(payload)]);
    }
    const sizes = [...requests].map(([list, payloads]) => ({ list, bytes: Buffer.byteLength(JSON.stringify({ payloads })) }));
    const largest = sizes.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    console.log(`codec requests for one lifecycle: ${sizes.length}, largest ${largest.bytes} bytes (${largest.list})`);
    expect(largest.bytes * 16).toBeLessThan(LIMIT_KB * 1024);
  });
});
