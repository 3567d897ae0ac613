import mongoose from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from './context';
import { startBooking, type BookingUnderTest } from '../../testing/booking-under-test';

/** What a client must never read: a driver's or FerretDB's words, a stack frame, a server path. */
const INTERNALS = /SQLSTATE|\.go:\d|msg_\w+|handler\.|Mongo\w*Error|mongoose|E11000|\bat \S+ \(|node_modules|\/work\//;
const FERRET_REFUSAL = '[msg_insert.go:95 handler.(*Handler).MsgInsert] ERROR: unsupported Unicode escape sequence (SQLSTATE 22P05)';

interface Answer {
  status: number;
  text: string;
  message?: string;
  data?: { code?: string; domainCode?: string | null; errorId?: string | null; zodError?: { formErrors: string[]; fieldErrors: Record<string, string[]> } | null };
}

async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  const body = JSON.parse(text) as { error?: { message?: string; data?: Answer['data'] } };
  return { status: response.status, text, message: body.error?.message, data: body.error?.data };
}

const view = (booking: BookingUnderTest) =>
  fetch(`${booking.url}/trpc/candidate.view?input=${encodeURIComponent(JSON.stringify({ token: 'x'.repeat(40) }))}`).then(answerOf);

/** The limiter is the first thing a candidate call touches: a fault put there is met by every such call. */
const limiterThrowing = (error: () => Error) => (deps: Deps): Deps => ({ ...deps, limiter: { ...deps.limiter, hit: () => Promise.reject(error()) } });

describe('what a client reads when something fails', () => {
  const lines: { level: number; errorId?: string; msg: string; err?: { message?: string; stack?: string } }[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as (typeof lines)[number]) });
  let plain: BookingUnderTest;
  let faulty: BookingUnderTest;
  let refusing: BookingUnderTest;

  beforeAll(async () => {
    plain = await startBooking('error-answers');
    faulty = await startBooking('error-answers', {}, undefined, {
      log,
      deps: limiterThrowing(() => new Error(`[msg_find.go:344 handler.handleMaxTimeMSError] ${FERRET_REFUSAL}`)),
    });
    refusing = await startBooking('error-answers', {}, undefined, {
      log,
      deps: limiterThrowing(() => new mongoose.mongo.MongoServerError({ message: FERRET_REFUSAL, errmsg: FERRET_REFUSAL, code: 1 })),
    });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([plain?.close(), faulty?.close(), refusing?.close()]);
  });

  it('a refused input reads as a sentence naming each field, and the forms still get the flattened error', async () => {
    const answer = await fetch(`${plain.url}/trpc/hr.auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'not an address', password: 'pass\u0000word' }),
    }).then(answerOf);
    expect(answer.status).toBe(400);
    expect(answer.message).toBe('email: Invalid email address; password: must not contain control characters');
    expect(answer.data?.domainCode).toBe('BAD_INPUT');
    expect(answer.data?.zodError?.fieldErrors).toEqual({ email: ['Invalid email address'], password: ['must not contain control characters'] });
  });

  it('a failure of ours answers 500 with an error id and nothing else of it; the log holds the whole error under that id', async () => {
    const answer = await view(faulty);
    expect(answer.status).toBe(500);
    expect(answer.data?.code).toBe('INTERNAL_SERVER_ERROR');
    const errorId = answer.data?.errorId ?? '';
    expect(errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.message).toBe(`Something went wrong on our side; try again later. If it keeps happening, quote error id ${errorId}.`);
    expect(answer.text).not.toMatch(INTERNALS);
    const logged = lines.find((line) => line.errorId === errorId);
    expect(logged?.err?.message).toContain('msg_find.go:344');
    expect(logged?.err?.stack).toContain('error-answers.test.ts');
  });

  it('two failures get two ids', async () => {
    const [a, b] = await Promise.all([view(faulty), view(faulty)]);
    expect(a?.data?.errorId).not.toBe(b?.data?.errorId);
  });

  it("the database refusing a value it cannot hold is BAD_REQUEST in the portal's words, the driver's only in the log", async () => {
    const answer = await view(refusing);
    expect(answer.status).toBe(400);
    expect(answer.data?.domainCode).toBe('BAD_INPUT');
    expect(answer.message).toBe('The request holds text the portal cannot store.');
    expect(answer.text).not.toMatch(INTERNALS);
    expect(lines.some((line) => line.msg === 'database refused the request' && line.err?.message === FERRET_REFUSAL)).toBe(true);
  });

  it('a control character in a calendar download link is refused as a bad link, in plain words', async () => {
    const response = await fetch(`${plain.url}/api/ics/${encodeURIComponent(`${'x'.repeat(20)}\u0000`)}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('This link is not valid.');
  });

  it('a failure in a plain route (the calendar download) answers 500 with an error id only, logged with the whole error', async () => {
    const response = await fetch(`${faulty.url}/api/ics/${'x'.repeat(40)}`);
    const text = await response.text();
    expect(response.status).toBe(500);
    const errorId = /error id ([0-9a-f-]{36})/.exec(text)?.[1];
    expect(errorId).toBeDefined();
    expect(text).not.toMatch(INTERNALS);
    expect(lines.find((line) => line.errorId === errorId)?.err?.message).toContain('msg_find.go:344');
  });

  it('with the database gone, an HR call answers SERVICE_UNAVAILABLE with a sentence, never the driver', async () => {
    const gone = await startBooking('error-answers');
    await gone.deps.db.close();
    const answer = await fetch(`${gone.url}/trpc/hr.auth.me`, { headers: { cookie: 'portal_hr_session=abcdefghijklmnop' } }).then(answerOf);
    await gone.close().catch(() => undefined);
    expect(answer.status).toBe(503);
    expect(answer.data?.domainCode).toBe('UNAVAILABLE');
    expect(answer.message).toBe('The portal cannot reach its database just now; try again in a minute.');
    expect(answer.text).not.toMatch(INTERNALS);
  }, 60_000);
});
