import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { emailIdempotencyKey, type SendEmailInput, type SendEmailResult } from '@portal/shared/email';
import { allWithRetries, batchWorker } from '../testing/batch-testing';

const quietSdk = { logger: new DefaultLogger('ERROR', () => undefined) };
const worker = batchWorker('held-batches');
const { largestBatch, slotStart } = worker;

/** `count` interviews booked for the same start, each with its reminder held for the same moment (just come). */
async function remindersDueTogether(prefix: string, count: number, candidateEmail = (i: number) => `${prefix}.${i}@example.test`): Promise<SendEmailInput[]> {
  const booked = await worker.bookedTogether(prefix, count, undefined, (i) => ({ candidateEmail: candidateEmail(i) }));
  return booked.map(({ facts, offset }) => ({
    kind: 'reminder', idempotencyKey: emailIdempotencyKey(facts.interviewId, 'reminder', facts.start, offset), facts, audit: '15min reminder sent', sendAt: new Date(Date.now() - 100).toISOString(),
  }));
}

function attempt(input: SendEmailInput, n = 1): Promise<SendEmailResult> {
  return new MockActivityEnvironment({ attempt: n }, quietSdk).run(worker.activities.sendEmail, input);
}

describe('held reminders due at one moment', () => {
  it('go to Postmark together: each arrives once, with its log row SENT under its message id and its audit line', async () => {
    const inputs = await remindersDueTogether('iv_together', 6);

    const results = await Promise.all(inputs.map((input) => attempt(input)));

    expect(results.map((r) => r.status)).toEqual(Array(6).fill('SENT'));
    expect(largestBatch()).toBe(6);
    for (const [i, input] of inputs.entries()) {
      const delivered = worker.sink.store.list({ interviewId: input.facts.interviewId });
      expect(delivered).toHaveLength(1);
      expect(delivered[0]?.To).toBe(`iv_together.${i}@example.test`);
      expect(await worker.database.messages.findById(input.idempotencyKey).lean()).toMatchObject({
        status: 'SENT', messageId: results[i]?.messageId, audit: '15min reminder sent', attempts: 1,
      });
    }
  });

  it('leave out an interview that moved while its reminder was held, and send the others', async () => {
    const inputs = await remindersDueTogether('iv_one_moved', 4);
    const moved = new Date(slotStart.getTime() + 2 * 60 * 60_000);
    await worker.database.interviews.updateOne({ _id: 'iv_one_moved_2' }, { $set: { 'slot.start': moved, 'slot.end': new Date(moved.getTime() + 60 * 60_000) } });

    const results = await Promise.all(inputs.map((input) => attempt(input)));

    expect(results.map((r) => r.status)).toEqual(['SENT', 'SENT', 'NO_LONGER_DUE', 'SENT']);
    expect(worker.sink.store.list({ interviewId: 'iv_one_moved_2' })).toHaveLength(0);
    expect(await worker.database.messages.findById(inputs[2]?.idempotencyKey).lean()).toBeNull();
    expect(worker.sink.store.list().filter((m) => m.Metadata.interviewId?.startsWith('iv_one_moved'))).toHaveLength(3);
  });

  it('record an inactive recipient among them as FAILED with ErrorCode 406, never retried, and send the others', async () => {
    const inputs = await remindersDueTogether('iv_one_inactive', 3, (i) => (i === 1 ? 'inactive@example.test' : `ok.${i}@example.test`));

    const results = await Promise.all(inputs.map((input) => attempt(input)));

    expect(results[1]).toEqual({ status: 'FAILED', errorCode: 406 });
    expect(results.filter((r) => r.status === 'SENT')).toHaveLength(2);
    expect(await worker.database.messages.findById(inputs[1]?.idempotencyKey).lean()).toMatchObject({ status: 'FAILED', errorCode: 406, attempts: 1 });
    expect(await attempt(inputs[1] as SendEmailInput, 2)).toEqual({ status: 'FAILED', errorCode: 406 });
    expect(worker.sink.store.list({ to: 'inactive@example.test' })).toHaveLength(0);
  });

  it('refused by Postmark as a whole batch (a 500), are each retried alone and each arrives once', async () => {
    const inputs = await remindersDueTogether('iv_batch_500', 5);
    await fetch(`${worker.sink.url}/api/fail`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ count: 1, status: 500 }) });

    const results = await allWithRetries(inputs, attempt);

    expect(results.map((r) => r.status)).toEqual(Array(5).fill('SENT'));
    for (const input of inputs) {
      expect(worker.sink.store.list({ interviewId: input.facts.interviewId })).toHaveLength(1);
      expect(await worker.database.messages.findById(input.idempotencyKey).lean()).toMatchObject({ status: 'SENT', attempts: 2 });
    }
  });

  it('sent together and then retried together (a worker that died before telling Temporal) are not sent again', async () => {
    const inputs = await remindersDueTogether('iv_batch_again', 4);
    const first = await Promise.all(inputs.map((input) => attempt(input)));

    const again = await Promise.all(inputs.map((input) => attempt(input, 2)));

    expect(again).toEqual(first.map((r) => ({ status: 'DUPLICATE_SKIPPED', messageId: r.messageId })));
    expect(worker.sink.store.list().filter((m) => m.Metadata.interviewId?.startsWith('iv_batch_again'))).toHaveLength(4);
  });
});
