import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerDigest, answerNote, connectionNote } from './webhook-answer-note';
import { postWebhook } from './webhook-request';

/** An ATS that quotes the candidate back in its error, as real ones do. */
const QUOTE = 'no applicant named Ada Lovelace <ada.lovelace@example.test> in requisition 42';
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (request.url === '/empty') return void response.writeHead(503).end();
      response.writeHead(422, { 'content-type': 'text/plain' }).end(QUOTE);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ({ port } = server.address() as AddressInfo);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const post = (path: string) => postWebhook({ url: `http://127.0.0.1:${port}${path}`, headers: {}, body: '{}', timeoutMs: 2_000, allowedHosts: new Set(['127.0.0.1']) });

describe("what the delivery log keeps of a receiver's answer", () => {
  it('its status, length and a digest keyed by the endpoint secret: none of its words', async () => {
    const note = answerNote(await post('/quote'), SECRET);
    expect(note).toBe(`answered 422 (${Buffer.byteLength(QUOTE)}-byte body, digest ${answerDigest(SECRET, Buffer.from(QUOTE))})`);
    for (const word of ['Ada', 'Lovelace', 'ada.lovelace@example.test', 'applicant', 'requisition']) expect(note).not.toContain(word);
    // Fixed length, and a guess cannot be checked without the secret.
    expect(answerDigest(SECRET, Buffer.from(QUOTE))).toMatch(/^[0-9a-f]{16}$/);
    expect(answerDigest('whsec_other', Buffer.from(QUOTE))).not.toBe(answerDigest(SECRET, Buffer.from(QUOTE)));
    expect(answerNote(await post('/empty'), SECRET)).toBe('answered 503');
  });

  it('a failed connection by its code alone, never the message the peer may have shaped', () => {
    const tls = Object.assign(new Error(`certificate subject ${QUOTE}`), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    expect(connectionNote(tls)).toBe('connection failed (ERR_TLS_CERT_ALTNAME_INVALID)');
    expect(connectionNote(new Error(QUOTE))).toBe('connection failed');
    expect(connectionNote(Object.assign(new Error('x'), { code: QUOTE }))).toBe('connection failed');
  });
});
