import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { describe, expect, it, vi } from 'vitest';
import { emailIdempotencyKey, smsIdempotencyKey, type SendEmailInput, type SendEmailResult, type SendSmsInput } from '@portal/shared/email';
import { allWithRetries, batchWorker } from '../testing/batch-testing';
import { sendPriority } from '../sends/send-priority';

const FROM = '+15005550006';
const quietSdk = { logger: new DefaultLogger('ERROR', () => undefined) };
const worker = batchWorker('sms-batches', { texting: { accountSid: `AC${'b'.repeat(32)}`, from: FROM } });
const { lines, largestBatch, slotStart } = worker;

/** Each test's candidates have numbers of their own: `group` tells the tests apart, `i` the candidates. */
const phoneOf = (group: number, i: number) => `+49151${group}${String(i).padStart(5, '0')}`;

/** `count` interviews opted in to texts for the same start, each with its text reminder held for the same moment (just come). */
async function textRemindersDueTogether(prefix: string, group: number, count: number, dueInMs = -100): Promise<SendSmsInput[]> {
  const booked = await worker.bookedTogether(prefix, count, (i) => ({ candidatePhone: phoneOf(group, i), smsOptIn: true }));
  return booked.map(({ facts, offset }) => ({
    kind: 'reminder', idempotencyKey: smsIdempotencyKey(facts.interviewId, 'reminder', facts.start, offset), facts, audit: '15min reminder sent', sendAt: new Date(Date.now() + dueInMs).toISOString(),
  }));
}

function attempt(input: SendSmsInput, n = 1): Promise<SendEmailResult> {
  return new MockActivityEnvironment({ attempt: n }, quietSdk).run(worker.activities.sendSms, input);
}

const textsTo = (to: string) => worker.sink.sms.list({ to });

describe('text reminders due at one moment', () => {
  it('go to Twilio together: each number gets its text once, its log row SENT under its sid with its audit line', async () => {
    const inputs = await textRemindersDueTogether('sms_together', 1, 6);

    const results = await Promise.all(inputs.map((input) => attempt(input)));

    expect(results.map((r) => r.status)).toEqual(Array(6).fill('SENT'));
    expect(largestBatch()).toBe(6);
    for (const [i, input] of inputs.entries()) {
      const texts = textsTo(phoneOf(1, i));
      expect(texts).toHaveLength(1);
      expect(texts[0]).toMatchObject({ sid: results[i]?.messageId, from: FROM });
      expect(texts[0]?.body).toMatch(/in 15 minutes/);
      expect(await worker.database.messages.findById(input.idempotencyKey).lean()).toMatchObject({
        channel: 'sms', status: 'SENT', messageId: results[i]?.messageId, audit: '15min reminder sent', attempts: 1,
      });
    }
  });

  it('sent together and then retried together (a worker that died before telling Temporal) send nothing twice', async () => {
    const inputs = await textRemindersDueTogether('sms_again', 2, 4);
    const first = await Promise.all(inputs.map((input) => attempt(input)));

    const again = await Promise.all(inputs.map((input) => attempt(input, 2)));

    expect(again).toEqual(first.map((r) => ({ status: 'DUPLICATE_SKIPPED', messageId: r.messageId })));
    expect(worker.sink.sms.list()).toHaveLength(4);
    for (const input of inputs) expect(await worker.database.messages.findById(input.idempotencyKey).lean()).toMatchObject({ status: 'SENT', attempts: 1 });
  });

  it('one refused by Twilio in passing (a 500) is retried alone and arrives once; the others are not sent again', async () => {
    const inputs = await textRemindersDueTogether('sms_one_500', 3, 5);
    await fetch(`${worker.sink.url}/api/fail`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ count: 1, status: 500, to: phoneOf(3, 3) }) });

    const results = await allWithRetries(inputs, attempt);

    expect(results.map((r) => r.status)).toEqual(Array(5).fill('SENT'));
    for (const [i, input] of inputs.entries()) {
      expect(textsTo(phoneOf(3, i))).toHaveLength(1);
      expect(await worker.database.messages.findById(input.idempotencyKey).lean()).toMatchObject({ status: 'SENT', attempts: i === 3 ? 2 : 1 });
    }
  });

  it('leave out a number that replied STOP and an interview that moved, recording the STOP once, and send the others', async () => {
    const inputs = await textRemindersDueTogether('sms_stop_moved', 4, 4);
    await worker.database.smsOptOuts.create({ _id: phoneOf(4, 1), at: new Date(), word: 'STOP' });
    const moved = new Date(slotStart.getTime() + 2 * 60 * 60_000);
    await worker.database.interviews.updateOne({ _id: 'sms_stop_moved_2' }, { $set: { 'slot.start': moved, 'slot.end': new Date(moved.getTime() + 60 * 60_000) } });

    const results = await Promise.all(inputs.map((input) => attempt(input)));
    const again = await attempt(inputs[1] as SendSmsInput, 2);

    expect(results.map((r) => r.status)).toEqual(['SENT', 'OPTED_OUT', 'NO_LONGER_DUE', 'SENT']);
    expect(again).toEqual({ status: 'OPTED_OUT' });
    expect(textsTo(phoneOf(4, 1))).toHaveLength(0);
    expect(textsTo(phoneOf(4, 2))).toHaveLength(0);
    expect(await worker.database.messages.findById(inputs[1]?.idempotencyKey).lean()).toMatchObject({ status: 'OPTED_OUT', audit: '15min reminder not sent: the number replied STOP' });
    expect(await worker.database.messages.findById(inputs[2]?.idempotencyKey).lean()).toBeNull();
    expect(worker.sink.sms.list()).toHaveLength(2);
  });

  it('leave out a number whose STOP reached Twilio but not yet the portal: Twilio refuses it, and its row says OPTED_OUT once', async () => {
    const inputs = await textRemindersDueTogether('sms_stop_late', 5, 3);
    // The reply reaches Twilio (the sink), whose webhook call to the portal has not landed: no opt-out in the database.
    const reply = await fetch(`${worker.sink.url}/sms/inbound`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ from: phoneOf(5, 0), to: FROM, body: 'STOP', url: 'http://127.0.0.1:9/webhooks/twilio/inbound' }),
    });
    expect(reply.status).toBe(200);

    const results = await allWithRetries(inputs, attempt);

    expect(results.map((r) => r.status)).toEqual(['OPTED_OUT', 'SENT', 'SENT']);
    expect(textsTo(phoneOf(5, 0))).toHaveLength(0);
    expect(await worker.database.messages.findById(inputs[0]?.idempotencyKey).lean()).toMatchObject({ status: 'OPTED_OUT', audit: '15min reminder not sent: the number replied STOP' });
    expect(await attempt(inputs[0] as SendSmsInput, 2)).toEqual({ status: 'OPTED_OUT' });
    expect(worker.sink.sms.list()).toHaveLength(2);
  });

  it('handed over ahead, ask the STOP list then: a STOP since is refused by Twilio, a START since is texted', async () => {
    const inputs = await textRemindersDueTogether('sms_ahead', 6, 3, 4_000);
    await worker.database.smsOptOuts.create({ _id: phoneOf(6, 1), at: new Date(), word: 'STOP' });
    const reply = (i: number, body: string) =>
      fetch(`${worker.sink.url}/sms/inbound`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ from: phoneOf(6, i), to: FROM, body, url: 'http://127.0.0.1:9/webhooks/twilio/inbound' }),
      });

    const results = Promise.all(inputs.map((input) => attempt(input)));
    // While they are held: number 0 replies STOP (the portal hears of it too), number 1 replies START.
    await expect.poll(() => lines.filter((line) => line.msg === 'STOP list asked ahead').length).toBe(3);
    await reply(0, 'STOP');
    await worker.database.smsOptOuts.create({ _id: phoneOf(6, 0), at: new Date(), word: 'STOP' });
    await reply(1, 'START');
    await worker.database.smsOptOuts.deleteOne({ _id: phoneOf(6, 1) });

    expect((await results).map((r) => r.status)).toEqual(['OPTED_OUT', 'SENT', 'SENT']);
    expect(textsTo(phoneOf(6, 0))).toHaveLength(0);
    expect(textsTo(phoneOf(6, 1))).toHaveLength(1);
    expect(await worker.database.messages.findById(inputs[0]?.idempotencyKey).lean()).toMatchObject({ status: 'OPTED_OUT', audit: '15min reminder not sent: the number replied STOP' });
  });

  it('due with their emails, read each interview once for both, and go to Twilio once the emails have gone to Postmark', async () => {
    const texts = await textRemindersDueTogether('sms_with_email', 7, 4);
    const emails: SendEmailInput[] = texts.map(({ facts, sendAt }) => ({
      kind: 'reminder', facts, sendAt, audit: '15min reminder sent',
      idempotencyKey: emailIdempotencyKey(facts.interviewId, 'reminder', facts.start, String(15 * 60_000)),
    }));
    // The database answers each read a second after it was asked, as a loaded one can: the email
    // and text batches of the moment join the reads on their way however late a busy machine starts
    // them, and one read per interview is the design's answer, not a race the test happens to win.
    const read = worker.database.interviews.findById.bind(worker.database.interviews);
    const findById = vi.spyOn(worker.database.interviews, 'findById').mockImplementation(((...args: Parameters<typeof read>) => {
      const query = read(...args);
      const exec = query.exec.bind(query);
      return Object.assign(query, { exec: () => new Promise((resolve) => setTimeout(resolve, 1_000)).then(exec) });
    }) as typeof read);

    const results = await Promise.all([
      ...emails.map((input): Promise<SendEmailResult> => new MockActivityEnvironment({ attempt: 1 }, quietSdk).run(worker.activities.sendEmail, input)),
      ...texts.map((input) => attempt(input)),
    ]);
    const reads = findById.mock.calls.length;
    findById.mockRestore();

    expect(results.map((r) => r.status)).toEqual(Array(8).fill('SENT'));
    expect(reads).toBe(4);
    const ids = new Set(texts.map((input) => input.facts.interviewId));
    const emailTimes = worker.sink.store.list().filter((m) => ids.has(m.Metadata.interviewId ?? '')).map((m) => Date.parse(m.SubmittedAt));
    const textTimes = texts.map((_, i) => Date.parse(textsTo(phoneOf(7, i))[0]?.date_created ?? ''));
    expect(emailTimes).toHaveLength(4);
    expect(Math.max(...emailTimes)).toBeLessThanOrEqual(Math.min(...textTimes));
  });

  it('handed over while another moment still sends, start their hold at once and ask the STOP list behind those sends', async () => {
    // A worker whose moment goes on and on (1,000 texts): nothing recorded or asked ahead goes before it ends.
    const busy = sendPriority(60_000);
    const busyWorker = worker.activitiesWith(busy);
    let endMoment = () => {};
    const otherMoment = busy.urgent(() => new Promise<void>((resolve) => (endMoment = resolve)));
    const inputs = await textRemindersDueTogether('sms_beside', 8, 2, 10_000);
    let heartbeats = 0;
    const results = Promise.all(
      inputs.map((input): Promise<SendEmailResult> => {
        const env = new MockActivityEnvironment({ attempt: 1, heartbeatTimeoutMs: 30_000 }, quietSdk);
        env.on('heartbeat', () => (heartbeats += 1));
        return env.run(busyWorker.sendSms, input);
      }),
    );
    // Each hold heartbeats from its start: Temporal hears from the send though the STOP list is not asked yet.
    await expect.poll(() => heartbeats, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    expect(lines.filter((line) => line.msg === 'STOP list asked ahead')).toHaveLength(0);
    endMoment();
    await otherMoment;
    await expect.poll(() => lines.filter((line) => line.msg === 'STOP list asked ahead').length).toBe(2);
    expect((await results).map((r) => r.status)).toEqual(['SENT', 'SENT']);
    for (const i of [0, 1]) expect(textsTo(phoneOf(8, i))).toHaveLength(1);
  });
});
