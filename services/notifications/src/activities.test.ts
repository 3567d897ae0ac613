import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emailIdempotencyKey, type SendEmailInput, type SendEmailResult } from '@portal/shared/email';
import { createActivities } from './activities';
import { composeEmail } from './email/compose-email';
import type { Database } from '@portal/db';
import { openTestDatabase, sampleInterview } from '@portal/db/testing';
import { createPostmarkClient } from './email/postmark-client';
import { startSink, type RunningSink } from './sink/sink';
import { sampleFacts } from '@portal/shared/testing/email-facts';

const TOKEN = 'activities-test-token';
const FROM = 'Interviews <interviews@example.test>';
const log = pino({ level: 'silent' });
// The SDK's own "activity failed" lines would bury the test output; the assertions say what failed.
const quietSdk = { logger: new DefaultLogger('ERROR', () => undefined) };

let sink: RunningSink;
let database: Database;
let messages: Database['messages'];
let activities: ReturnType<typeof createActivities>;

function confirmation(interviewId: string, candidateEmail = 'ada@example.test'): SendEmailInput {
  const facts = sampleFacts({ interviewId, candidateEmail, calendarSequence: 1 });
  return { kind: 'confirmation', idempotencyKey: emailIdempotencyKey(interviewId, 'confirmation', facts.start), facts };
}

function attempt(input: SendEmailInput, n = 1): Promise<SendEmailResult> {
  return new MockActivityEnvironment({ attempt: n }, quietSdk).run(activities.sendEmail, input);
}

/** Runs the activity the way Temporal's retry policy would: again after every thrown error. */
async function runWithRetries(input: SendEmailInput, maxAttempts = 10) {
  const errors: unknown[] = [];
  for (let n = 1; n <= maxAttempts; n += 1) {
    try {
      return { result: await attempt(input, n), errors };
    } catch (error) {
      if (error instanceof ApplicationFailure && error.nonRetryable) throw error;
      errors.push(error);
    }
  }
  throw new Error(`still failing after ${maxAttempts} attempts`);
}

async function failNext(count: number, status: number) {
  await fetch(`${sink.url}/api/fail`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ count, status }) });
}

beforeAll(async () => {
  database = await openTestDatabase('notifications_activities');
  messages = database.messages;
  sink = await startSink({ token: TOKEN });
  const postmark = createPostmarkClient({ token: TOKEN, apiUrl: sink.url, timeoutSeconds: 5 });
  activities = createActivities({ messages, interviews: database.interviews, sendTakeovers: database.sendTakeovers, postmark, from: FROM, log });
});
afterAll(async () => {
  await sink?.close();
  await database?.close();
});
beforeEach(() => sink.store.clear());

describe('sendEmail', () => {
  it('retried through three 500s from Postmark, delivers exactly one message', async () => {
    await failNext(3, 500);
    const input = confirmation('iv_retry');
    const { result, errors } = await runWithRetries(input);

    expect(errors).toHaveLength(3);
    expect(String(errors[0])).toMatch(/HTTP 500/);
    expect(result.status).toBe('SENT');
    const delivered = sink.store.list({ interviewId: 'iv_retry' });
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ MessageID: result.messageId, Tag: 'confirmation', Metadata: { interviewId: 'iv_retry', kind: 'confirmation' } });
    expect(delivered[0]?.Attachments[0]?.ContentType).toBe('text/calendar; charset=utf-8; method=REQUEST');
    const entry = await messages.findById(input.idempotencyKey).lean();
    expect(entry).toMatchObject({ status: 'SENT', attempts: 4, messageId: result.messageId, interviewId: 'iv_retry' });
    expect(entry?.error).toBeUndefined();
  });

  it('called twice with one idempotency key, sends once and reports the first MessageID', async () => {
    const input = confirmation('iv_twice');
    const first = await attempt(input);
    const second = await attempt(input, 2);
    expect(first.status).toBe('SENT');
    expect(second).toEqual({ status: 'DUPLICATE_SKIPPED', messageId: first.messageId });
    expect(sink.store.list({ interviewId: 'iv_twice' })).toHaveLength(1);
  });

  it('two attempts racing on one key send once: the loser backs off and then finds it sent', async () => {
    const input = confirmation('iv_race');
    const outcomes = await Promise.allSettled([attempt(input), attempt(input)]);
    const sent = outcomes.filter((o) => o.status === 'fulfilled' && o.value.status === 'SENT');
    expect(sent).toHaveLength(1);
    const { result } = await runWithRetries(input);
    expect(result.status).toBe('DUPLICATE_SKIPPED');
    expect(sink.store.list({ interviewId: 'iv_race' })).toHaveLength(1);
  });

  it('takes over a message whose sending attempt died long ago', async () => {
    const input = confirmation('iv_crashed');
    const longAgo = new Date(Date.now() - 10 * 60_000);
    await messages.collection.insertOne({
      _id: input.idempotencyKey as never,
      interviewId: 'iv_crashed', kind: 'confirmation', to: 'ada@example.test', subject: 'x',
      status: 'SENDING', attempts: 1, events: [], createdAt: longAgo, updatedAt: longAgo,
    });
    await expect(attempt(input, 2)).resolves.toMatchObject({ status: 'SENT' });
    expect(await messages.findById(input.idempotencyKey).lean()).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(sink.store.list({ interviewId: 'iv_crashed' })).toHaveLength(1);
  });

  it('a retry after Postmark accepted the message but its reply was lost records that message and sends none', async () => {
    // The sink keeps the message and answers after the client gave up: a timeout on a message that went out.
    const impatient = createActivities({
      messages,
      interviews: database.interviews,
      sendTakeovers: database.sendTakeovers,
      postmark: createPostmarkClient({ token: TOKEN, apiUrl: sink.url, timeoutSeconds: 1 }),
      from: FROM,
      log,
    });
    sink.store.stallNext(1, { ms: 2_500 });
    const input = confirmation('iv_lost_reply');
    const lost = await new MockActivityEnvironment({ attempt: 1 }, quietSdk).run(impatient.sendEmail, input).catch((e: unknown) => e);
    expect(String(lost)).toMatch(/Postmark send failed/);
    const retried = await attempt(input, 2);

    const delivered = sink.store.list({ interviewId: 'iv_lost_reply' });
    expect(delivered).toHaveLength(1);
    expect(retried).toEqual({ status: 'SENT', messageId: delivered[0]?.MessageID });
    expect(await messages.findById(input.idempotencyKey).lean()).toMatchObject({ status: 'SENT', messageId: delivered[0]?.MessageID, attempts: 2 });
  });

  it('taking over from an attempt that died after sending records the message Postmark holds, sending none', async () => {
    const input = confirmation('iv_died_after_send');
    // What the dead attempt had sent, and Postmark had accepted, before its row could say so.
    const postmark = createPostmarkClient({ token: TOKEN, apiUrl: sink.url, timeoutSeconds: 5 });
    const held = await postmark.sendEmail(composeEmail(input, { from: FROM, hrContact: 'hr@example.test' }));
    const longAgo = new Date(Date.now() - 10 * 60_000);
    await messages.collection.insertOne({
      _id: input.idempotencyKey as never,
      interviewId: 'iv_died_after_send', kind: 'confirmation', to: 'ada@example.test', subject: 'x',
      status: 'SENDING', attempts: 1, events: [], createdAt: longAgo, updatedAt: longAgo,
    });

    await expect(attempt(input, 2)).resolves.toEqual({ status: 'SENT', messageId: held.MessageID });
    expect(sink.store.list({ interviewId: 'iv_died_after_send' })).toHaveLength(1);
    expect(await messages.findById(input.idempotencyKey).lean()).toMatchObject({ status: 'SENT', messageId: held.MessageID });
  });

  it('a reminder retried after its worker died mid-send is sent once, its audit line on its one log row', async () => {
    const facts = sampleFacts({ interviewId: 'iv_reminder_crash', calendarSequence: 1, reminderOffsetMinutes: 60 });
    const idempotencyKey = emailIdempotencyKey('iv_reminder_crash', 'reminder', facts.start, String(60 * 60_000));
    const input: SendEmailInput = { kind: 'reminder', idempotencyKey, facts, audit: '1h reminder sent' };
    const longAgo = new Date(Date.now() - 10 * 60_000);
    // The dead attempt's claim: written before its send, which never happened.
    await messages.collection.insertOne({
      _id: idempotencyKey as never,
      interviewId: 'iv_reminder_crash', kind: 'reminder', to: 'ada@example.test', subject: 'x', audit: '1h reminder sent',
      status: 'SENDING', attempts: 1, events: [], createdAt: longAgo, updatedAt: longAgo,
    });

    const retried = await attempt(input, 2);
    const again = await attempt(input, 3);

    expect(retried.status).toBe('SENT');
    expect(again).toEqual({ status: 'DUPLICATE_SKIPPED', messageId: retried.messageId });
    expect(sink.store.list({ interviewId: 'iv_reminder_crash' })).toHaveLength(1);
    const rows = await messages.find({ interviewId: 'iv_reminder_crash' }).lean();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'SENT', messageId: retried.messageId, audit: '1h reminder sent', attempts: 2 });
  });

  it('keeps the audit line of a first-time send on the log row the send claimed', async () => {
    const facts = sampleFacts({ interviewId: 'iv_reminder_audit', calendarSequence: 1, reminderOffsetMinutes: 15 });
    const idempotencyKey = emailIdempotencyKey('iv_reminder_audit', 'reminder', facts.start, String(15 * 60_000));
    const result = await attempt({ kind: 'reminder', idempotencyKey, facts, audit: '15min reminder sent' });

    expect(result.status).toBe('SENT');
    expect(await messages.findById(idempotencyKey).lean()).toMatchObject({ status: 'SENT', audit: '15min reminder sent', attempts: 1 });
  });

  it('records an invalid address as FAILED with the Postmark ErrorCode instead of throwing, and never retries it', async () => {
    const input = confirmation('iv_invalid', 'not-an-address');
    await expect(attempt(input)).resolves.toEqual({ status: 'FAILED', errorCode: 300 });
    expect(await messages.findById(input.idempotencyKey).lean()).toMatchObject({ status: 'FAILED', errorCode: 300, attempts: 1 });

    await expect(attempt(input, 2)).resolves.toEqual({ status: 'FAILED', errorCode: 300 });
    expect(await messages.findById(input.idempotencyKey).lean()).toMatchObject({ attempts: 1 });
    expect(sink.store.list()).toHaveLength(0);
  });

  it('records an inactive recipient as FAILED with ErrorCode 406', async () => {
    await expect(attempt(confirmation('iv_inactive', 'inactive@example.test'))).resolves.toEqual({ status: 'FAILED', errorCode: 406 });
  });

  it('throws on a rate limit so Temporal retries, leaving the row RETRYING with the error', async () => {
    await failNext(1, 429);
    const input = confirmation('iv_429');
    await expect(attempt(input)).rejects.toThrow(/HTTP 429/);
    expect(await messages.findById(input.idempotencyKey).lean()).toMatchObject({ status: 'RETRYING', attempts: 1 });
  });

  it('throws a retryable error when Postmark cannot be reached', async () => {
    const offline = await startSink();
    const postmark = createPostmarkClient({ token: TOKEN, apiUrl: offline.url, timeoutSeconds: 2 });
    await offline.close();
    const unreachable = createActivities({ messages, interviews: database.interviews, sendTakeovers: database.sendTakeovers, postmark, from: FROM, log });
    const input = confirmation('iv_offline');
    const error = await new MockActivityEnvironment({}, quietSdk).run(unreachable.sendEmail, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ApplicationFailure);
    expect(await messages.findById(input.idempotencyKey).lean()).toMatchObject({ status: 'RETRYING' });
  });

  it('refuses facts a template cannot use with a non-retryable BAD_INPUT failure, writing nothing', async () => {
    const input = { ...confirmation('iv_bad'), facts: sampleFacts({ interviewId: 'iv_bad', start: undefined }) };
    const error = await attempt(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'BAD_INPUT', nonRetryable: true });
    expect(await messages.countDocuments({ interviewId: 'iv_bad' })).toBe(0);
  });
});

describe('sendEmail with a reminder handed over ahead of its moment', () => {
  const slotStart = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000);

  /** An interview booked for `start`, as its lifecycle's writes leave the document. */
  async function bookedInterview(interviewId: string, start: Date, status: 'SCHEDULED' | 'CANCELLED' = 'SCHEDULED') {
    const end = new Date(start.getTime() + 60 * 60_000);
    await database.interviews.create({ ...sampleInterview(interviewId), status, slot: { start, end, interviewerId: 'grace', interviewerIds: ['grace'], claimId: `claim_${interviewId}` } });
  }

  function heldReminder(interviewId: string, sendAt: Date): SendEmailInput {
    const facts = sampleFacts({ interviewId, start: slotStart.toISOString(), end: new Date(slotStart.getTime() + 60 * 60_000).toISOString(), reminderOffsetMinutes: 15 });
    const idempotencyKey = emailIdempotencyKey(interviewId, 'reminder', facts.start, String(15 * 60_000));
    return { kind: 'reminder', idempotencyKey, facts, audit: '15min reminder sent', sendAt: sendAt.toISOString() };
  }

  it('holds it until its moment and then sends it once', async () => {
    await bookedInterview('iv_held', slotStart);
    const sendAt = new Date(Date.now() + 1_500);
    const result = await attempt(heldReminder('iv_held', sendAt));
    expect(result.status).toBe('SENT');
    const delivered = sink.store.list({ interviewId: 'iv_held' });
    expect(delivered).toHaveLength(1);
    expect(Date.parse(delivered[0]?.SubmittedAt ?? '')).toBeGreaterThanOrEqual(sendAt.getTime());
  });

  it('sends nothing and logs nothing when the interview moved while the reminder was held', async () => {
    await bookedInterview('iv_held_moved', new Date(slotStart.getTime() + 60 * 60_000));
    const input = heldReminder('iv_held_moved', new Date(Date.now() + 500));
    expect(await attempt(input)).toEqual({ status: 'NO_LONGER_DUE' });
    expect(sink.store.list({ interviewId: 'iv_held_moved' })).toHaveLength(0);
    expect(await messages.findById(input.idempotencyKey).lean()).toBeNull();
  });

  it('speaks the language stored on the interview when it composes, alone or in a held batch', async () => {
    await database.interviews.create({ ...sampleInterview('iv_lang'), locale: 'ja', localeSource: 'candidate' });
    expect((await attempt(confirmation('iv_lang'))).status).toBe('SENT');
    expect(sink.store.list({ interviewId: 'iv_lang' })[0]?.Subject).toMatch(/^予約確定：/);

    // Two reminders waking at one moment go in one batch, each in its own interview's language.
    await bookedInterview('iv_lang_de', slotStart);
    await bookedInterview('iv_lang_en', slotStart);
    await database.interviews.updateOne({ _id: 'iv_lang_de' }, { $set: { locale: 'de', localeSource: 'hr' } });
    const sendAt = new Date(Date.now() + 800);
    await Promise.all([attempt(heldReminder('iv_lang_de', sendAt)), attempt(heldReminder('iv_lang_en', sendAt))]);
    expect(sink.store.list({ interviewId: 'iv_lang_de' })[0]?.Subject).toBe('Erinnerung: Ihr Technik-Interview beginnt in 15 Minuten');
    expect(sink.store.list({ interviewId: 'iv_lang_en' })[0]?.Subject).toBe('Reminder: your Technical interview starts in 15 minutes');
  });

  it('sends nothing when the interview was cancelled while the reminder was held', async () => {
    await bookedInterview('iv_held_cancelled', slotStart, 'CANCELLED');
    expect(await attempt(heldReminder('iv_held_cancelled', new Date(Date.now() + 500)))).toEqual({ status: 'NO_LONGER_DUE' });
    expect(sink.store.list({ interviewId: 'iv_held_cancelled' })).toHaveLength(0);
  });
});
