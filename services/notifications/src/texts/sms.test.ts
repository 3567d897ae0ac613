import express from 'express';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleFacts } from '@portal/shared/testing/email-facts';
import { startSink, type RunningSink } from '../sink/sink';
import { replyMeaning } from './sms-replies';
import { composeSms } from '../templates/sms';
import { createTwilioClient } from './twilio-client';

const SID = `AC${'a'.repeat(32)}`;
const TOKEN = 'sink-test-auth-token';

describe('replies', () => {
  it("Twilio's opt-out and opt-in words, in any case and spacing, and nothing else", () => {
    for (const word of ['STOP', ' stop ', 'Unsubscribe', 'stop all', 'QUIT!', 'cancel']) expect(replyMeaning(word)).toBe('opt-out');
    for (const word of ['START', 'yes', 'Unstop']) expect(replyMeaning(word)).toBe('opt-in');
    for (const word of ['please stop texting', 'STOPP', 'help', '']) expect(replyMeaning(word)).toBe('other');
  });
});

describe('composing a text', () => {
  const facts = sampleFacts({ start: '2026-03-03T13:00:00Z', end: '2026-03-03T14:00:00Z', candidateTimezone: 'Europe/Berlin', reminderOffsetMinutes: 60 });
  it('the confirmation names the time in the candidate zone and how to stop', () => {
    const body = composeSms({ kind: 'confirmation', idempotencyKey: 'k', facts }, { locale: 'en', kind: 'technical' });
    expect(body).toContain('14:00');
    expect(body).toContain('Europe/Berlin');
    expect(body).toContain(facts.link);
    expect(body).toMatch(/Reply STOP/);
  });
  it('a held time names when, until when it is theirs, and the page to answer on; a time in the windows says so', () => {
    const hold = { start: '2026-03-02T09:00:00Z', end: '2026-03-02T10:00:00Z', expiresAt: '2026-03-01T12:15:00Z' };
    const earlier = composeSms({ kind: 'hold_offer', idempotencyKey: 'k', facts: { ...facts, hold } }, { locale: 'en', kind: 'technical' });
    expect(earlier).toMatch(/^An earlier time/);
    expect(earlier).toContain('10:00');
    expect(earlier).toContain('13:15');
    expect(earlier).toContain(facts.link);
    const inWindows = composeSms({ kind: 'hold_offer', idempotencyKey: 'k', facts: { ...facts, hold: { ...hold, purpose: 'window' } } }, { locale: 'de', kind: 'technical' });
    expect(inWindows).toMatch(/^Ein Termin in Ihren Zeitfenstern/);
    expect(inWindows).toContain(facts.link);
  });
  it("a reminder is in the interview's language", () => {
    const body = composeSms({ kind: 'reminder', idempotencyKey: 'k', facts }, { locale: 'ja', kind: 'technical' });
    expect(body).toMatch(/^リマインダー/);
    expect(body).not.toMatch(/Reminder/);
  });
});

describe("the sink's Twilio API, through the official client", () => {
  let sink: RunningSink;
  let receiver: ReturnType<ReturnType<typeof express>['listen']>;
  let callbackUrl: string;
  const reports: { status: string; valid: boolean }[] = [];

  beforeAll(async () => {
    sink = await startSink({ twilioAuthToken: TOKEN });
    const app = express();
    app.post('/status', express.urlencoded({ extended: false }), (req, res) => {
      const params = req.body as Record<string, string>;
      reports.push({ status: params.MessageStatus ?? '', valid: twilio.validateRequest(TOKEN, req.get('x-twilio-signature') ?? '', callbackUrl, params) });
      res.status(204).end();
    });
    receiver = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => receiver.once('listening', resolve));
    callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/status`;
  });
  afterAll(async () => {
    receiver?.close();
    await sink?.close();
  });

  it("accepts a text in Twilio's shape, lists it at /sms, and reports delivery with a valid signature", async () => {
    const client = createTwilioClient({ accountSid: SID, authToken: TOKEN, apiBaseUrl: sink.url, timeoutMs: 5_000 });
    const sent = await client.messages.create({ to: '+4915123456789', from: '+15005550006', body: 'Hello', statusCallback: callbackUrl });
    expect(sent.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(sent.status).toBe('queued');
    const listed = (await (await fetch(`${sink.url}/sms?to=+4915123456789`)).json()) as { messages: { sid: string; body: string }[] };
    expect(listed.messages).toEqual([expect.objectContaining({ sid: sent.sid, body: 'Hello' })]);
    await expect.poll(() => reports.map((r) => r.status)).toEqual(['sent', 'delivered']);
    expect(reports.every((r) => r.valid)).toBe(true);
    const earlier = await client.messages.list({ to: '+4915123456789', limit: 5 });
    expect(earlier.map((m) => m.sid)).toEqual([sent.sid]);
  });

  it('refuses a wrong auth token and a bad number with Twilio error codes', async () => {
    const wrong = createTwilioClient({ accountSid: SID, authToken: 'not-the-token', apiBaseUrl: sink.url, timeoutMs: 5_000 });
    await expect(wrong.messages.create({ to: '+4915123456789', from: '+15005550006', body: 'x' })).rejects.toMatchObject({ status: 401, code: 20003 });
    const client = createTwilioClient({ accountSid: SID, authToken: TOKEN, apiBaseUrl: sink.url, timeoutMs: 5_000 });
    await expect(client.messages.create({ to: '12345', from: '+15005550006', body: 'x' })).rejects.toMatchObject({ status: 400, code: 21211 });
  });

  it('refuses texts to a number that replied STOP to that sender, with 21610, until it replies START', async () => {
    const client = createTwilioClient({ accountSid: SID, authToken: TOKEN, apiBaseUrl: sink.url, timeoutMs: 5_000 });
    const reply = (body: string) =>
      fetch(`${sink.url}/sms/inbound`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        // Nobody listens there: Twilio keeps the opt-out whatever the portal's webhook answers.
        body: JSON.stringify({ from: '+4915199990000', to: '+15005550006', body, url: 'http://127.0.0.1:9/inbound' }),
      });
    await reply(' stop ');
    await expect(client.messages.create({ to: '+4915199990000', from: '+15005550006', body: 'x' })).rejects.toMatchObject({ status: 400, code: 21610 });
    // Another sender, or another number, is not barred.
    await expect(client.messages.create({ to: '+4915199990000', from: '+15005550007', body: 'x' })).resolves.toMatchObject({ status: 'queued' });
    await expect(client.messages.create({ to: '+4915199990001', from: '+15005550006', body: 'x' })).resolves.toMatchObject({ status: 'queued' });
    await reply('START');
    await expect(client.messages.create({ to: '+4915199990000', from: '+15005550006', body: 'x' })).resolves.toMatchObject({ status: 'queued' });
  });
});
