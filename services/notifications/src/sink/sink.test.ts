import { ServerClient } from 'postmark';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPostmarkClient } from '../email/postmark-client';
import { startSink, type RunningSink } from './sink';

let sink: RunningSink;
let client: ServerClient;

const TOKEN = 'sink-test-token';
const message = { From: 'Interviews <interviews@example.test>', To: 'ada@example.test', Subject: 'Hello', TextBody: 'Hi' };

function post(path: string, body: unknown, headers: Record<string, string> = { 'X-Postmark-Server-Token': TOKEN }) {
  return fetch(`${sink.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

beforeAll(async () => {
  sink = await startSink({ token: TOKEN });
  client = createPostmarkClient({ token: TOKEN, apiUrl: sink.url, timeoutSeconds: 5 });
});
afterAll(() => sink.close());
beforeEach(async () => {
  await fetch(`${sink.url}/api/messages`, { method: 'DELETE' });
});

describe('Postmark sink', () => {
  it('accepts a message sent by the real postmark client and answers like Postmark', async () => {
    const sent = await client.sendEmail({ ...message, Tag: 'confirmation', Metadata: { interviewId: 'iv_1' } });
    expect(sent).toMatchObject({ To: 'ada@example.test', ErrorCode: 0, Message: 'OK' });
    expect(sent.MessageID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    const listed = (await (await fetch(`${sink.url}/api/messages?to=ADA@example.test&subject=hell`)).json()) as { messages: { MessageID: string; Tag: string; Metadata: Record<string, string> }[] };
    expect(listed.messages).toHaveLength(1);
    expect(listed.messages[0]).toMatchObject({ MessageID: sent.MessageID, Tag: 'confirmation', Metadata: { interviewId: 'iv_1' } });
  });

  it('answers 401 with ErrorCode 10 without a server token, or with the wrong one', async () => {
    const missing = await post('/email', message, {});
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ ErrorCode: 10 });
    expect((await post('/email', message, { 'X-Postmark-Server-Token': 'nope' })).status).toBe(401);
  });

  it('refuses an invalid recipient with 422 and ErrorCode 300, which postmark.js raises as an input error', async () => {
    const response = await post('/email', { ...message, To: 'not-an-address' });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ ErrorCode: 300 });
    await expect(client.sendEmail({ ...message, To: 'still wrong' })).rejects.toMatchObject({ statusCode: 422, code: 300 });
  });

  it('refuses an inactive recipient with 422 and ErrorCode 406', async () => {
    const error = await client.sendEmail({ ...message, To: 'inactive.bob@example.test' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 422, code: 406, name: 'InactiveRecipientsError' });
    expect((error as { recipients: string[] }).recipients).toEqual(['inactive.bob@example.test']);
  });

  it('refuses a message with neither text nor HTML body, and malformed JSON', async () => {
    expect(await (await post('/email', { ...message, TextBody: undefined })).json()).toMatchObject({ ErrorCode: 300 });
    const bad = await fetch(`${sink.url}/email`, { method: 'POST', headers: { 'X-Postmark-Server-Token': TOKEN, 'Content-Type': 'application/json' }, body: '{' });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ ErrorCode: 402 });
  });

  it('fails exactly the next N sends with the injected status, then accepts again', async () => {
    const injected = await post('/api/fail', { count: 2, status: 500 }, {});
    expect(await injected.json()).toEqual({ pending: 2 });
    await expect(client.sendEmail(message)).rejects.toMatchObject({ statusCode: 500 });
    await expect(client.sendEmail(message)).rejects.toMatchObject({ statusCode: 500 });
    await expect(client.sendEmail(message)).resolves.toMatchObject({ ErrorCode: 0 });
    const listed = (await (await fetch(`${sink.url}/api/messages`)).json()) as { messages: unknown[] };
    expect(listed.messages).toHaveLength(1);
  });

  it('aims an injected failure at one recipient, leaving everyone else\'s sends alone', async () => {
    await post('/api/fail', { count: 1, status: 503, to: 'Flaky.Ann@example.test' }, {});
    await expect(client.sendEmail(message)).resolves.toMatchObject({ ErrorCode: 0 });
    await expect(client.sendEmail({ ...message, To: 'flaky.ann@example.test' })).rejects.toMatchObject({ statusCode: 503 });
    await expect(client.sendEmail({ ...message, To: 'flaky.ann@example.test' })).resolves.toMatchObject({ ErrorCode: 0 });
  });

  it('finds sent messages by one metadata field through the real postmark client, newest first, token required', async () => {
    const first = await client.sendEmail({ ...message, Metadata: { sendKey: 'k1' } });
    await client.sendEmail({ ...message, To: 'Grace <grace@example.test>', Metadata: { sendKey: 'k2' } });
    const again = await client.sendEmail({ ...message, Subject: 'Again', Metadata: { sendKey: 'k1' } });

    const found = await client.getOutboundMessages({ count: 10, offset: 0, metadata_sendKey: 'k1' } as never);
    expect(found.TotalCount).toBe(2);
    expect(found.Messages.map((m) => m.MessageID)).toEqual([again.MessageID, first.MessageID]);
    expect(found.Messages[0]).toMatchObject({ Subject: 'Again', Recipients: ['ada@example.test'], Metadata: { sendKey: 'k1' }, Status: 'Sent' });
    const byRecipient = await client.getOutboundMessages({ count: 10, offset: 0, recipient: 'GRACE@example.test' });
    expect(byRecipient.Messages.map((m) => m.To)).toEqual([[{ Email: 'grace@example.test', Name: 'Grace' }]]);
    expect((await client.getOutboundMessages({ count: 1, offset: 0, metadata_sendKey: 'none' } as never)).Messages).toEqual([]);

    expect((await fetch(`${sink.url}/messages/outbound?count=1&offset=0`)).status).toBe(401);
    const noCount = await fetch(`${sink.url}/messages/outbound?offset=0`, { headers: { 'X-Postmark-Server-Token': TOKEN } });
    expect(noCount.status).toBe(422);
  });

  it('keeps a stalled send and answers it late, so the client times out on a message that went out', async () => {
    await post('/api/stall', { count: 1, ms: 2_000 });
    const impatient = createPostmarkClient({ token: TOKEN, apiUrl: sink.url, timeoutSeconds: 1 });
    await expect(impatient.sendEmail(message)).rejects.toThrow();
    expect(sink.store.list()).toHaveLength(1);
    await expect(impatient.sendEmail(message)).resolves.toMatchObject({ ErrorCode: 0 });
  });

  it('answers a batch with one result per message, refusals included', async () => {
    const results = await client.sendEmailBatch([message, { ...message, To: 'broken' }]);
    expect(results.map((r) => r.ErrorCode)).toEqual([0, 300]);
  });

  it('lists the outbox newest first and escapes what it shows', async () => {
    await client.sendEmail({ ...message, Subject: 'older-one' });
    const second = await client.sendEmail({ ...message, Subject: '<script>newer-one</script>', HtmlBody: '<p>Hi <a href="https://x.test">go</a></p>' });
    const outbox = await (await fetch(`${sink.url}/`)).text();
    expect(outbox.indexOf('newer-one')).toBeLessThan(outbox.indexOf('older-one'));
    expect(outbox).not.toContain('<script>newer-one');
    const page = await (await fetch(`${sink.url}/messages/${second.MessageID}`)).text();
    expect(page).toContain('sandbox="allow-popups allow-popups-to-escape-sandbox"');
    expect(page).toContain('srcdoc="&lt;base target=&quot;_blank&quot;&gt;&lt;p&gt;Hi &lt;a href=&quot;https://x.test&quot;&gt;go');
  });

  it('answers a bad request with its status and a sentence in JSON, never a stack trace', async () => {
    const cases: [string, RequestInit, number][] = [
      ['/messages/%E0%A4%A', {}, 400],
      ['/messages/%E0%A4%A/attachments/0', {}, 400],
      ['/api/messages/%ZZ', {}, 400],
      ['/api/fail', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"count":' }, 400],
      ['/no/such/page', {}, 404],
    ];
    for (const [path, init, status] of cases) {
      const response = await fetch(`${sink.url}${path}`, init);
      const body = await response.text();
      expect([path, response.status, response.headers.get('content-type')]).toEqual([path, status, expect.stringContaining('application/json')]);
      expect(body).not.toMatch(/\bat .*:\d+|node_modules|URIError/);
      expect((JSON.parse(body) as { error: string }).error.length).toBeGreaterThan(5);
    }
  });

  it('keeps only the most recent messages once full', async () => {
    const small = await startSink({ capacity: 2 });
    try {
      const smallClient = createPostmarkClient({ token: 'any', apiUrl: small.url, timeoutSeconds: 5 });
      for (const Subject of ['a', 'b', 'c']) await smallClient.sendEmail({ ...message, Subject });
      expect(small.store.list().map((m) => m.Subject)).toEqual(['c', 'b']);
    } finally {
      await small.close();
    }
  });
});
