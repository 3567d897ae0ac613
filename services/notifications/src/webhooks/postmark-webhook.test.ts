import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHttpApp } from '../http-app';
import type { Database } from '@portal/db';
import type { MessageStatus } from '@portal/db/documents';
import { openTestDatabase } from '@portal/db/testing';
import { postmarkWebhook } from './postmark-webhook';

const USER = 'postmark';
const PASSWORD = 'webhook-test-password';
const AUTH = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;

let database: Database;
let messages: Database['messages'];
let undeliverable: Database['undeliverable'];
let server: Server;
let baseUrl: string;
let ready = true;

async function sentMessage(interviewId: string, messageId: string, status: MessageStatus = 'SENT') {
  await messages.create({ _id: `${interviewId}|confirmation|-|-`, interviewId, kind: 'confirmation', to: `${interviewId}@example.test`, subject: 's', status, attempts: 1, messageId });
}

/** `null` sends no Authorization header at all. */
function hook(body: unknown, authorization: string | null = AUTH) {
  return fetch(`${baseUrl}/webhooks/postmark`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
    body: JSON.stringify(body),
  });
}

const bounce = (MessageID: string, Email: string, Type: string, Inactive = false) => ({
  RecordType: 'Bounce', ID: 42, Type, TypeCode: 1, Name: Type, MessageID, Email, Inactive, CanActivate: true,
  Description: 'The server was unable to deliver your message', Details: 'smtp;550 5.1.1 user unknown', BouncedAt: '2026-03-01T10:00:00Z',
  Metadata: {}, MessageStream: 'outbound',
});

beforeAll(async () => {
  database = await openTestDatabase('notifications_webhooks');
  ({ messages, undeliverable } = database);
  const { postmarkRecords } = database;
  const log = pino({ level: 'silent' });
  const app = createHttpApp({
    readiness: async () => ({ ready, checks: { database: ready, worker: ready } }),
    webhooks: postmarkWebhook({ messages, undeliverable, postmarkRecords, user: USER, password: PASSWORD, log }),
    log,
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await database?.close();
});

describe('Postmark webhook', () => {
  it('answers 401 without basic auth or with a wrong password, and changes nothing', async () => {
    await sentMessage('iv_auth', 'mid-auth');
    const anonymous = await hook({ RecordType: 'Delivery', MessageID: 'mid-auth' }, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic/);
    const wrong = await hook({ RecordType: 'Delivery', MessageID: 'mid-auth' }, `Basic ${Buffer.from(`${USER}:nope`).toString('base64')}`);
    expect(wrong.status).toBe(401);
    expect(await messages.findOne({ messageId: 'mid-auth' }).lean()).toMatchObject({ status: 'SENT' });
  });

  it('marks a delivered message DELIVERED and keeps the event', async () => {
    await sentMessage('iv_delivered', 'mid-delivered');
    const response = await hook({ RecordType: 'Delivery', MessageID: 'mid-delivered', Recipient: 'iv_delivered@example.test', DeliveredAt: '2026-03-01T10:00:00Z', Details: 'Test delivery webhook details' });
    expect(await response.json()).toEqual({ ok: true, matched: true });
    const entry = await messages.findOne({ messageId: 'mid-delivered' }).lean();
    expect(entry?.status).toBe('DELIVERED');
    expect(entry?.events).toEqual([{ type: 'Delivery', at: new Date('2026-03-01T10:00:00Z'), details: 'Test delivery webhook details' }]);
  });

  it('refuses a control character in what it matches on, naming the field, and changes nothing', async () => {
    await sentMessage('iv_nul', 'mid-nul');
    const response = await hook({ RecordType: 'Delivery', MessageID: 'mid-\u0000nul' });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('MessageID');
    const email = await hook(bounce('mid-nul', 'iv_nul\u0000@example.test', 'HardBounce'));
    expect(email.status).toBe(400);
    expect(await messages.findOne({ messageId: 'mid-nul' }).lean()).toMatchObject({ status: 'SENT', events: [] });
    expect(await undeliverable.countDocuments({ _id: /^iv_nul/ })).toBe(0);
  });

  it('keeps a record whose mail-server text holds control characters, with them cleaned out', async () => {
    await sentMessage('iv_dirty', 'mid-dirty');
    const response = await hook({ RecordType: 'Delivery', MessageID: 'mid-dirty', Details: 'smtp;250\u0000 ok\u0007' });
    expect(await response.json()).toEqual({ ok: true, matched: true });
    const entry = await messages.findOne({ messageId: 'mid-dirty' }).lean();
    expect(entry?.status).toBe('DELIVERED');
    expect(entry?.events?.[0]?.details).toBe('smtp;250 ok');
  });

  it('marks a hard bounce BOUNCED and the address undeliverable for HR', async () => {
    await sentMessage('iv_bounced', 'mid-bounced');
    expect((await hook(bounce('mid-bounced', 'Gone.Person@Example.test', 'HardBounce', true))).status).toBe(200);
    expect(await messages.findOne({ messageId: 'mid-bounced' }).lean()).toMatchObject({ status: 'BOUNCED' });
    expect(await undeliverable.findById('gone.person@example.test').lean()).toMatchObject({
      reason: 'HardBounce', interviewId: 'iv_bounced', messageId: 'mid-bounced', at: new Date('2026-03-01T10:00:00Z'),
    });
  });

  it('does not let a late delivery report hide an earlier bounce', async () => {
    await sentMessage('iv_late', 'mid-late', 'BOUNCED');
    await hook({ RecordType: 'Delivery', MessageID: 'mid-late' });
    const entry = await messages.findOne({ messageId: 'mid-late' }).lean();
    expect(entry?.status).toBe('BOUNCED');
    expect(entry?.events.map((e) => e.type)).toEqual(['Delivery']);
  });

  it('records a soft bounce without marking the address', async () => {
    await sentMessage('iv_soft', 'mid-soft');
    await hook(bounce('mid-soft', 'full.mailbox@example.test', 'SoftBounce'));
    expect(await messages.findOne({ messageId: 'mid-soft' }).lean()).toMatchObject({ status: 'BOUNCED' });
    expect(await undeliverable.findById('full.mailbox@example.test').lean()).toBeNull();
  });

  it('leaves the status alone for an out-of-office reply', async () => {
    await sentMessage('iv_ooo', 'mid-ooo');
    await hook(bounce('mid-ooo', 'away@example.test', 'AutoResponder'));
    expect(await messages.findOne({ messageId: 'mid-ooo' }).lean()).toMatchObject({ status: 'SENT' });
  });

  it('marks a spam complaint and the address', async () => {
    await sentMessage('iv_spam', 'mid-spam');
    await hook({ ...bounce('mid-spam', 'angry@example.test', 'SpamComplaint', true), RecordType: 'SpamComplaint' });
    expect(await messages.findOne({ messageId: 'mid-spam' }).lean()).toMatchObject({ status: 'SPAM_COMPLAINT' });
    expect(await undeliverable.findById('angry@example.test').lean()).toMatchObject({ reason: 'SpamComplaint' });
  });

  it('acknowledges events it does not track or messages it does not know, so Postmark stops retrying', async () => {
    expect(await (await hook({ RecordType: 'Open', MessageID: 'x' })).json()).toEqual({ ignored: 'Open' });
    expect(await (await hook({ RecordType: 'Delivery', MessageID: 'unknown' })).json()).toEqual({ ok: true, matched: false });
  });

  it('applies a replayed delivery once: one event, answered as a replay', async () => {
    await sentMessage('iv_replay_delivery', 'mid-replay-delivery');
    const record = { RecordType: 'Delivery', MessageID: 'mid-replay-delivery', Recipient: 'iv_replay_delivery@example.test', DeliveredAt: '2026-03-01T10:00:00Z', Details: 'smtp;250 ok' };
    expect(await (await hook(record)).json()).toEqual({ ok: true, matched: true });
    expect(await (await hook(record)).json()).toEqual({ ok: true, replayed: true });
    const entry = await messages.findOne({ messageId: 'mid-replay-delivery' }).lean();
    expect(entry?.status).toBe('DELIVERED');
    expect(entry?.events.map((e) => e.type)).toEqual(['Delivery']);
  });

  it('applies copies of one bounce arriving at once exactly once, and a second bounce of the message as its own record', async () => {
    await sentMessage('iv_replay_bounce', 'mid-replay-bounce');
    const record = { ...bounce('mid-replay-bounce', 'Replayed.Bounce@example.test', 'HardBounce', true), ID: 4_200_001 };
    const answers = await Promise.all(Array.from({ length: 6 }, () => hook(record).then((response) => response.json() as Promise<Record<string, unknown>>)));
    expect(answers.filter((answer) => 'matched' in answer)).toEqual([{ ok: true, matched: true }]);
    expect(answers.filter((answer) => 'replayed' in answer)).toHaveLength(5);
    await hook({ ...record, ID: 4_200_002, Type: 'SoftBounce', Inactive: false });
    const entry = await messages.findOne({ messageId: 'mid-replay-bounce' }).lean();
    expect(entry?.events.map((e) => e.type)).toEqual(['Bounce', 'Bounce']);
    expect(await undeliverable.countDocuments({ _id: 'replayed.bounce@example.test' })).toBe(1);
  });

  it('a record whose write failed is applied by Postmark\'s retry', async () => {
    await sentMessage('iv_retry', 'mid-retry');
    const record = { RecordType: 'Delivery', MessageID: 'mid-retry' };
    const write = vi.spyOn(messages, 'updateOne').mockRejectedValueOnce(new Error('database went away'));
    try {
      expect((await hook(record)).status).toBe(500);
    } finally {
      write.mockRestore();
    }
    expect(await (await hook(record)).json()).toEqual({ ok: true, matched: true });
    expect((await messages.findOne({ messageId: 'mid-retry' }).lean())?.events.map((e) => e.type)).toEqual(['Delivery']);
  });

  it('applies a record that came before its message once the message is known', async () => {
    const record = { RecordType: 'Delivery', MessageID: 'mid-early' };
    expect(await (await hook(record)).json()).toEqual({ ok: true, matched: false });
    await sentMessage('iv_early', 'mid-early');
    expect(await (await hook(record)).json()).toEqual({ ok: true, matched: true });
    expect((await messages.findOne({ messageId: 'mid-early' }).lean())?.events.map((e) => e.type)).toEqual(['Delivery']);
  });

  it('answers 400 to a bounce without its record id', async () => {
    const { ID: _id, ...withoutId } = bounce('mid-no-id', 'no.id@example.test', 'HardBounce');
    expect((await hook(withoutId)).status).toBe(400);
  });

  it('answers 400 to a malformed record', async () => {
    expect((await hook({ RecordType: 'Bounce', MessageID: 'x' })).status).toBe(400);
  });
});

describe('health endpoints', () => {
  it('/healthz is 200 while up; /readyz follows readiness', async () => {
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${baseUrl}/readyz`)).status).toBe(200);
    ready = false;
    const notReady = await fetch(`${baseUrl}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ ready: false, checks: { database: false, worker: false } });
    ready = true;
  });
});
