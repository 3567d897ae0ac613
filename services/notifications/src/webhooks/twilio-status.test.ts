import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import twilioLibrary from 'twilio';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '@portal/db';
import { openTestDatabase } from '@portal/db/testing';
import { sampleFacts } from '@portal/shared/testing/email-facts';
import type { SendSmsInput } from '@portal/shared/email';
import { sendingRow } from '../sends/send-claim';
import { startSink, type RunningSink } from '../sink/sink';
import { postSigned } from '../sink/twilio-api';
import { createTwilioClient, type TwilioClient } from '../texts/twilio-client';
import { requestText } from '../texts/text-steps';
import { recordSent } from '../texts/text-status';
import { sendPriority } from '../sends/send-priority';
import { twilioWebhooks } from './twilio-webhooks';

const SID = `AC${'c'.repeat(32)}`;
const TOKEN = 'twilio-status-test-token';
const FROM = '+15005550006';
const log = pino({ level: 'silent' });

let database: Database;
let messages: Database['messages'];
let sink: RunningSink;
let server: Server;
let statusUrl: string;
let twilio: TwilioClient;
/** A worker's priority whose moment is still sending once a report's wait (50 ms) is up: a moment of 1,000 texts. */
const busy = sendPriority(50);
let busyStatusUrl: string;

beforeAll(async () => {
  database = await openTestDatabase('notifications_twilio_status');
  messages = database.messages;
  sink = await startSink({ twilioAuthToken: TOKEN });
  twilio = createTwilioClient({ accountSid: SID, authToken: TOKEN, apiBaseUrl: sink.url, timeoutMs: 5_000 });
  const app = express();
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  app.use(twilioWebhooks({ messages, smsOptOuts: database.smsOptOuts, authToken: TOKEN, publicUrl, log, priority: sendPriority() }));
  statusUrl = `${publicUrl}/webhooks/twilio/status`;
  app.use('/busy', twilioWebhooks({ messages, smsOptOuts: database.smsOptOuts, authToken: TOKEN, publicUrl, log, priority: busy }));
  busyStatusUrl = `${publicUrl}/busy/webhooks/twilio/status`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await sink?.close();
  await database?.close();
});

const textFor = (id: string): SendSmsInput => ({ kind: 'confirmation', idempotencyKey: `${id}|confirmation|sms|-`, facts: sampleFacts({ interviewId: id }) });
const sid = (n: number) => `SM${n.toString(16).padStart(32, '0')}`;
const report = (messageSid: string, status: string) => ({ MessageSid: messageSid, SmsSid: messageSid, AccountSid: SID, MessageStatus: status, SmsStatus: status });
const keyed = (key: string) => `${statusUrl}?key=${encodeURIComponent(key)}`;

async function claimed(input: SendSmsInput, to: string) {
  await messages.create(sendingRow(input, 'body', { to }));
}
const rowOf = (input: SendSmsInput) => messages.findById(input.idempotencyKey).lean();

describe('Twilio status reports', () => {
  it('a report that arrives before messages.create has answered is kept: the row ends DELIVERED with its sid', async () => {
    const input = textFor('iv_early');
    await claimed(input, '+4915100000001');
    // Twilio's answer is held back until both reports have landed: the order the sink (and Twilio) can produce under load.
    const slowAnswer: Pick<TwilioClient, 'messages'> = {
      messages: {
        ...twilio.messages,
        create: async (params: Parameters<TwilioClient['messages']['create']>[0]) => {
          const answer = await twilio.messages.create(params);
          await expect.poll(async () => (await rowOf(input))?.status, { timeout: 10_000 }).toBe('DELIVERED');
          return answer;
        },
      } as TwilioClient['messages'],
    };
    const result = await requestText({ twilio: slowAnswer, messages, from: FROM, statusCallback: statusUrl }, input, '+4915100000001', 'Hello', log);
    expect(result).toMatchObject({ status: 'SENT' });
    const row = await rowOf(input);
    expect(row).toMatchObject({ status: 'DELIVERED', messageId: result.messageId });
    expect(row?.sentAt).toBeInstanceOf(Date);
    expect(row?.events?.map((e) => e.type)).toEqual(['sms:sent', 'sms:delivered']);
  });

  it('reports in reverse order keep the furthest status, and the send path does not move it back', async () => {
    const input = textFor('iv_reverse');
    await claimed(input, '+4915100000002');
    const url = keyed(input.idempotencyKey);
    expect(await postSigned(url, report(sid(2), 'delivered'), TOKEN)).toBe(204);
    expect(await postSigned(url, report(sid(2), 'sent'), TOKEN)).toBe(204);
    expect(await postSigned(url, report(sid(2), 'queued'), TOKEN)).toBe(204);
    expect(await rowOf(input)).toMatchObject({ status: 'DELIVERED', messageId: sid(2) });
    await recordSent(messages, input.idempotencyKey, sid(2));
    expect(await rowOf(input)).toMatchObject({ status: 'DELIVERED', messageId: sid(2) });
    expect(await postSigned(url, report(sid(2), 'undelivered'), TOKEN)).toBe(204);
    expect(await rowOf(input)).toMatchObject({ status: 'BOUNCED' });
    expect(await postSigned(url, report(sid(2), 'delivered'), TOKEN)).toBe(204);
    expect(await rowOf(input)).toMatchObject({ status: 'BOUNCED' });
  });

  it("the send path's SENT racing a delivered report on many rows at once never moves one back", async () => {
    const inputs = Array.from({ length: 20 }, (_, i) => textFor(`iv_race_${i}`));
    await Promise.all(inputs.map((input, i) => claimed(input, `+49151100${String(i).padStart(5, '0')}`)));
    await Promise.all(inputs.map(async (input, i) => {
      const [status] = await Promise.all([postSigned(keyed(input.idempotencyKey), report(sid(100 + i), 'delivered'), TOKEN), recordSent(messages, input.idempotencyKey, sid(100 + i))]);
      expect(status).toBe(204);
    }));
    const rows = await messages.find({ _id: { $in: inputs.map((input) => input.idempotencyKey) } }).lean();
    const byKey = new Map(rows.map((row) => [row._id, [row.status, row.messageId]]));
    expect(inputs.map((input) => byKey.get(input.idempotencyKey))).toEqual(inputs.map((_, i) => ['DELIVERED', sid(100 + i)]));
  });

  it('a key edited in the URL is refused by the signature, and neither row changes', async () => {
    const mine = textFor('iv_mine');
    const theirs = textFor('iv_theirs');
    await claimed(mine, '+4915100000003');
    await claimed(theirs, '+4915100000004');
    const params = report(sid(3), 'delivered');
    const signature = twilioLibrary.getExpectedTwilioSignature(TOKEN, keyed(mine.idempotencyKey), params);
    const edited = await fetch(keyed(theirs.idempotencyKey), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params),
    });
    expect(edited.status).toBe(403);
    for (const input of [mine, theirs]) expect(await rowOf(input)).toMatchObject({ status: 'SENDING', events: [] });
    expect((await rowOf(theirs))?.messageId).toBeUndefined();
  });

  it('a report without a key (a text sent before keys rode on the URL) still finds its row by sid', async () => {
    const input = textFor('iv_old');
    await claimed(input, '+4915100000005');
    await messages.updateOne({ _id: input.idempotencyKey }, { $set: { status: 'SENT', messageId: sid(5) } });
    expect(await postSigned(statusUrl, report(sid(5), 'delivered'), TOKEN)).toBe(204);
    expect(await rowOf(input)).toMatchObject({ status: 'DELIVERED', messageId: sid(5) });
  });
});

describe('Twilio status reports while a moment still sends', () => {
  it("reach the message log a few at a time once their wait is up, so the moment's reads and claims never queue behind them all", async () => {
    const inputs = Array.from({ length: 24 }, (_, i) => textFor(`iv_busy_${i}`));
    await Promise.all(inputs.map((input, i) => claimed(input, `+49151200${String(i).padStart(5, '0')}`)));
    // Every write of a report is held at the store's door and counted, so what is counted is how many go at once.
    let openDoor = () => {};
    const doorOpen = new Promise<void>((resolve) => (openDoor = resolve));
    let atTheDoor = 0;
    const findOneAndUpdate = messages.findOneAndUpdate.bind(messages);
    const spy = vi.spyOn(messages, 'findOneAndUpdate').mockImplementation(((...args: Parameters<typeof findOneAndUpdate>) => {
      const query = findOneAndUpdate(...args);
      const exec = query.exec.bind(query);
      query.exec = async () => {
        atTheDoor += 1;
        await doorOpen;
        return exec();
      };
      return query;
    }) as typeof messages.findOneAndUpdate);
    let endMoment = () => {};
    const sending = busy.urgent(() => new Promise<void>((resolve) => (endMoment = resolve)));
    try {
      const answers = inputs.map((input, i) => postSigned(`${busyStatusUrl}?key=${encodeURIComponent(input.idempotencyKey)}`, report(sid(200 + i), 'delivered'), TOKEN));
      await expect.poll(() => atTheDoor, { timeout: 10_000 }).toBeGreaterThanOrEqual(8);
      // Room for any report beyond the bound to show at the door.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(atTheDoor).toBe(8);
      openDoor();
      expect(await Promise.all(answers)).toEqual(inputs.map(() => 204));
    } finally {
      openDoor();
      endMoment();
      await sending;
      spy.mockRestore();
    }
    const rows = await messages.find({ _id: { $in: inputs.map((input) => input.idempotencyKey) } }).lean();
    expect(rows.map((row) => row.status)).toEqual(inputs.map(() => 'DELIVERED'));
  });
});
