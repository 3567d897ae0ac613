import { createHmac } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTemporalAddress } from '@portal/devstack/testing';
import { refusedAddress } from '@portal/shared/webhook-address';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@portal/shared/webhook-events';
import { ApiError } from './support/api-client';
import { alwaysAvailableInterviewer, eventually, inviteAndReadLink, linkToken, signInAsAdmin, sinkMessages, ASYNC_WAIT_MS } from './support/fixtures';
import { SECOND_INTERVIEWS, startPortal, type PortalUnderTest } from './support/portal-under-test';
import { withDatabase } from './support/database';
import { portalTemporalClient } from './support/temporal-client';
import { startWebhookReceiver, type Answer, type ReceivedWebhook, type WebhookReceiver } from './support/webhook-receiver';

/**
 * Webhooks out (docs/adr/0022), from outside: a receiver on loopback (the allow-list names
 * 127.0.0.1) verifies every request with the Standard Webhooks reference library.
 */
const run = Date.now();
let portal: PortalUnderTest;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
let receiver: WebhookReceiver;
let interviewerId: string;
let otherInterviewerId: string;
const INTERVIEWER = `Hook Grace ${run}`;
const OTHER_INTERVIEWER = `Hook Alan ${run}`;
const emailOf = (name: string) => `${name.toLowerCase().replace(/\W+/g, '.')}@example.test`;
const interviewerEmail = emailOf(INTERVIEWER);

interface Endpoint {
  id: string;
  secret: string;
  enabled: boolean;
}

interface DeliveryRow {
  id: string;
  eventId: string;
  type: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
}

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  portal = await startPortal(import.meta.url, {
    // Interviews in seconds (docs/testing.md): the events test waits for a start and an end.
    ...SECOND_INTERVIEWS,
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    WEBHOOK_RETRY_INITIAL_SECONDS: '0.2',
    // Longer than the crash test takes to kill the worker holding a request.
    WEBHOOK_TIMEOUT_MS: '5000',
  });
  hr = await signInAsAdmin(portal.api);
  ({ id: interviewerId } = await alwaysAvailableInterviewer(hr, INTERVIEWER));
  ({ id: otherInterviewerId } = await alwaysAvailableInterviewer(hr, OTHER_INTERVIEWER));
}, 240_000);

afterAll(async () => {
  await portal?.stop();
  await receiver?.close();
});

async function endpoint(path: string, events: readonly WebhookEventType[], answers: Answer[] = [], url = receiver.url(path)): Promise<Endpoint> {
  const created = await hr.mutation<Endpoint>('hr.webhooks.create', { url, events, description: path });
  expect(created.secret).toMatch(/^whsec_/);
  receiver.expect(path, created.secret, answers);
  return created;
}

const deliveries = (id: string) => hr.query<{ items: DeliveryRow[] }>('hr.webhooks.deliveries', { id }).then((page) => page.items);
const ofInterview = (path: string, interviewId: string) => receiver.at(path).filter((r) => r.payload?.type !== 'webhook.test' && r.payload?.data && 'interviewId' in r.payload.data && r.payload.data.interviewId === interviewId);
const refusal = (promise: Promise<unknown>) => promise.then(() => 'accepted', (error: unknown) => (error instanceof ApiError ? error.domainCode : String(error)));

async function received(path: string, interviewId: string, count: number, what: string): Promise<ReceivedWebhook[]> {
  return eventually(async () => {
    const got = ofInterview(path, interviewId);
    return got.length >= count ? got : undefined;
  }, 60_000, what);
}

async function slotAfter(token: string, ms: number): Promise<string> {
  const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token });
  const slot = slots.find((s) => Date.parse(s.start) > Date.now() + ms);
  if (!slot) throw new Error('no slot ahead');
  return slot.start;
}

describe('webhooks out', () => {
  it('book, move, cancel: exactly those events, in order, once each by webhook-id, signed and versioned', { timeout: 120_000 }, async () => {
    const path = '/hooks/all';
    const all = await endpoint(path, WEBHOOK_EVENT_TYPES);
    const { interviewId, token } = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Hook Ada', email: `hook.ada.${run}@example.test` }, [interviewerId]);
    const first = await slotAfter(token, 10 * 60_000);
    await portal.api.mutation('candidate.book', { token, start: first, timezone: 'America/New_York' });
    const second = await slotAfter(token, 20 * 60_000);
    await portal.api.mutation('candidate.reschedule', { token, start: second, timezone: 'America/New_York' });
    await portal.api.mutation('candidate.cancel', { token, reason: 'Took another offer' });

    await received(path, interviewId, 4, 'four events');
    // Anything late or doubled would show by now.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const got = ofInterview(path, interviewId);
    expect(got.map((r) => r.problem)).toEqual([null, null, null, null]);
    expect(got.map((r) => r.payload?.type)).toEqual(['interview.invited', 'interview.booked', 'interview.rescheduled', 'interview.cancelled']);
    expect(new Set(got.map((r) => r.id)).size).toBe(4);
    expect(got.map((r) => r.id)).toEqual([1, 2, 3, 4].map((n) => `evt_${interviewId}_${n}`));
    const [invited, booked, moved, cancelled] = got.map((r) => r.payload);
    expect(invited).toMatchObject({ version: 1, data: { interviewId, status: 'INVITED', slot: null, panel: [], candidate: { name: 'Hook Ada', timezone: 'Europe/London' } } });
    const panel = [{ interviewerId, name: INTERVIEWER, email: interviewerEmail }];
    expect(booked).toMatchObject({ data: { status: 'SCHEDULED', slot: { start: first, timezone: 'America/New_York' }, panel } });
    expect(moved).toMatchObject({ data: { status: 'SCHEDULED', slot: { start: second }, previousSlot: { start: first }, rescheduleCount: 1 } });
    expect(cancelled).toMatchObject({ data: { status: 'CANCELLED', cancelReason: 'Took another offer' } });

    // HR's test button goes the same way, signed the same.
    await hr.mutation('hr.webhooks.test', { id: all.id });
    const test = await eventually(async () => receiver.at(path).find((r) => r.payload?.type === 'webhook.test'), ASYNC_WAIT_MS, 'the test event');
    expect(test).toMatchObject({ problem: null, payload: { version: 1, data: { endpointId: all.id } } });
  });

  it('an endpoint answering 500 three times then 200 gets the event once more with the same id; redelivery sends it again', { timeout: 120_000 }, async () => {
    const path = '/hooks/flaky';
    const flaky = await endpoint(path, ['interview.invited'], [500, 500, 500]);
    const { interviewId } = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Hook Flaky', email: `hook.flaky.${run}@example.test` }, [interviewerId]);
    const got = await received(path, interviewId, 4, 'four attempts');
    expect(new Set(got.map((r) => r.id))).toEqual(new Set([`evt_${interviewId}_1`]));
    expect(new Set(got.map((r) => r.body)).size).toBe(1);
    expect(got.map((r) => r.problem)).toEqual([null, null, null, null]);
    const [row] = await eventually(async () => {
      const rows = await deliveries(flaky.id);
      return rows[0]?.status === 'delivered' ? rows : undefined;
    }, ASYNC_WAIT_MS, 'the log to say delivered');
    expect(row).toMatchObject({ eventId: `evt_${interviewId}_1`, status: 'delivered', attempts: 4, lastStatusCode: 200, lastError: null });

    const { deliveryId } = await hr.mutation<{ deliveryId: string }>('hr.webhooks.redeliver', { deliveryId: row?.id });
    const again = await received(path, interviewId, 5, 'the redelivery');
    expect(again.at(-1)?.id).toBe(`evt_${interviewId}_1`);
    expect(again.at(-1)?.problem).toBeNull();
    await eventually(async () => ((await deliveries(flaky.id)).find((d) => d.id === deliveryId)?.status === 'delivered' ? true : undefined), ASYNC_WAIT_MS, 'the redelivery logged');
    await hr.mutation('hr.webhooks.remove', { id: flaky.id });
  });

  it('a delivery held by the receiver when the workflows worker dies is delivered after it restarts, not lost', { timeout: 180_000 }, async () => {
    const path = '/hooks/held';
    const held = await endpoint(path, ['interview.invited'], ['hold']);
    const { interviewId } = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Hook Held', email: `hook.held.${run}@example.test` }, [interviewerId]);
    await received(path, interviewId, 1, 'the held request');
    const restart = await portal.kill('workflows');
    receiver.release();
    await restart();
    const got = await received(path, interviewId, 2, 'the delivery after the restart');
    expect(new Set(got.map((r) => r.id))).toEqual(new Set([`evt_${interviewId}_1`]));
    await eventually(async () => ((await deliveries(held.id))[0]?.status === 'delivered' ? true : undefined), 60_000, 'the log to say delivered');
    await hr.mutation('hr.webhooks.remove', { id: held.id });
  });

  it('410 Gone disables the endpoint, which then gets nothing', { timeout: 120_000 }, async () => {
    const path = '/hooks/gone';
    const gone = await endpoint(path, ['interview.invited'], [410]);
    const first = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Hook Gone', email: `hook.gone.${run}@example.test` }, [interviewerId]);
    await received(path, first.interviewId, 1, 'the request answered 410');
    const after = await eventually(async () => {
      const item = await hr.query<Endpoint & { disabledReason: string | null }>('hr.webhooks.get', { id: gone.id });
      return item.enabled ? undefined : item;
    }, ASYNC_WAIT_MS, 'the endpoint disabled');
    expect(after.disabledReason).toContain('410');
    expect((await deliveries(gone.id))[0]).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: 410 });

    const second = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Hook Gone Two', email: `hook.gone2.${run}@example.test` }, [interviewerId]);
    // The endpoint subscribed to everything gets the second invitation: by then a disabled one would have too.
    await received('/hooks/all', second.interviewId, 1, 'the second invitation elsewhere');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(receiver.at(path)).toHaveLength(1);
    expect(await refusal(hr.mutation('hr.webhooks.test', { id: gone.id }))).toBe('ILLEGAL_TRANSITION');
  });

  it('refuses SSRF URLs when saved, and a name resolving to loopback when delivering', { timeout: 60_000 }, async () => {
    const ids = async () => (await hr.query<Endpoint[]>('hr.webhooks.list')).map((e) => e.id);
    const before = await ids();
    for (const url of ['http://10.0.0.1/hook', 'http://169.254.169.254/latest/meta-data', 'http://localhost:4000/hook', 'http://[::1]/hook', 'http://[::ffff:127.0.0.1]/hook', 'http://2130706434/hook', 'http://100.64.1.1/hook']) {
      expect(await refusal(hr.mutation('hr.webhooks.create', { url, events: ['interview.booked'] })), url).toBe('BAD_INPUT');
    }
    expect(await ids()).toEqual(before);

    // This machine's own name resolves to loopback here (/etc/hosts): allowed when saved, refused when sent.
    const name = hostname();
    const { address } = await lookup(name);
    expect(refusedAddress(address), `${name} must resolve to a non-public address for this test`).not.toBeNull();
    const path = '/hooks/rebound';
    const rebound = await endpoint(path, ['interview.invited'], [], receiver.url(path, name));
    const { deliveryId } = await hr.mutation<{ deliveryId: string }>('hr.webhooks.test', { id: rebound.id });
    const row = await eventually(async () => {
      const found = (await deliveries(rebound.id)).find((d) => d.id === deliveryId);
      return found?.status === 'failed' ? found : undefined;
    }, ASYNC_WAIT_MS, 'the delivery refused');
    expect(row.lastError).toContain('refused address');
    expect(receiver.at(path)).toHaveLength(0);
    await hr.mutation('hr.webhooks.remove', { id: rebound.id });
  });

  it('invited, completed, scorecard, outcome, retake and no-show events carry the versioned payload', { timeout: 240_000 }, async () => {
    const path = '/hooks/all';
    const done = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Hook Done', email: `hook.done.${run}@example.test` }, [interviewerId]);
    const absent = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Hook Absent', email: `hook.absent.${run}@example.test` }, [otherInterviewerId]);
    // One start for both (each has its own interviewer): one wait, and both windows (20 s) still open.
    const start = await slotAfter(done.token, 5_000);
    await portal.api.mutation('candidate.book', { token: done.token, start });
    await portal.api.mutation('candidate.book', { token: absent.token, start });
    await eventually(async () => (Date.now() >= Date.parse(start) ? true : undefined), 90_000, 'the start');
    await hr.mutation('hr.interviews.markAttendance', { interviewId: done.interviewId, attended: true });
    await hr.mutation('hr.interviews.markAttendance', { interviewId: absent.interviewId, attended: false });

    const request = await eventually(async () => (await sinkMessages(portal.sinkUrl, { to: interviewerEmail })).find((m) => m.Metadata.kind === 'feedback_request' && m.Metadata.interviewId === done.interviewId), ASYNC_WAIT_MS, 'the feedback request');
    await portal.api.mutation('feedback.submit', { token: linkToken(request, 'f'), rating: 3, recommendation: 'YES', notes: 'Clear.' });
    await received(path, done.interviewId, 4, 'the scorecard event');
    await hr.mutation('hr.interviews.setOutcome', { interviewId: done.interviewId, outcome: 'FAILED' });
    const { newInterviewId } = await hr.mutation<{ newInterviewId: string }>('hr.interviews.approveRetake', { interviewId: done.interviewId });

    const events = await received(path, done.interviewId, 6, 'six events');
    expect(events.map((r) => r.problem)).toEqual(events.map(() => null));
    expect(events.map((r) => r.payload?.type)).toEqual(['interview.invited', 'interview.booked', 'interview.completed', 'scorecard.submitted', 'interview.outcome_set', 'retake.created']);
    const panel = [{ interviewerId, name: INTERVIEWER, email: interviewerEmail }];
    const [, , completed, scorecard, outcome, retake] = events.map((r) => r.payload);
    expect(completed).toMatchObject({ version: 1, data: { status: 'COMPLETED', outcome: 'PENDING', slot: { start, timezone: 'Europe/London' }, panel } });
    expect(completed?.data && 'slot' in completed.data && completed.data.slot?.end).toMatch(/Z$/);
    expect(scorecard).toMatchObject({ data: { status: 'COMPLETED', scorecard: { interviewerId } } });
    expect(outcome).toMatchObject({ data: { status: 'COMPLETED', outcome: 'FAILED' } });
    expect(retake).toMatchObject({ data: { status: 'ARCHIVED', retake: { interviewId: newInterviewId } } });
    const [next] = await received(path, newInterviewId, 1, "the retake's invitation");
    expect(next?.payload).toMatchObject({ type: 'interview.invited', data: { interviewId: newInterviewId, attempt: 2, previousInterviewId: done.interviewId, status: 'INVITED' } });

    const noShow = await received(path, absent.interviewId, 3, 'the no-show');
    expect(noShow.map((r) => r.payload?.type)).toEqual(['interview.invited', 'interview.booked', 'interview.no_show']);
    expect(noShow[2]?.payload).toMatchObject({ data: { status: 'NO_SHOW', slot: { start }, panel: [{ interviewerId: otherInterviewerId, name: OTHER_INTERVIEWER, email: emailOf(OTHER_INTERVIEWER) }] } });
  });
  it("erasure sends interview.erased, ids only and signed, and what a receiver said about the candidate is kept nowhere", { timeout: 180_000 }, async () => {
    const path = '/hooks/erasure';
    const candidate = { name: `Hook Erin ${run}`, email: `hook.erin.${run}@example.test` };
    // An ATS that quotes the applicant in its error, as real ones do.
    const quote = `no applicant ${candidate.name} <${candidate.email}> in this requisition`;
    const hook = await endpoint(path, ['interview.booked', 'interview.cancelled', 'interview.erased'], [{ status: 422, body: quote }]);
    const { interviewId, token } = await inviteAndReadLink(hr, portal.sinkUrl, candidate, [interviewerId]);
    await portal.api.mutation('candidate.book', { token, start: await slotAfter(token, 30 * 60_000) });
    await received(path, interviewId, 2, 'the booking, refused once then delivered');

    const erased = await hr.mutation<{ status: string; cancelledIds: string[] }>('hr.privacy.erase', { email: candidate.email, notify: false });
    expect(erased).toMatchObject({ status: 'ERASED', cancelledIds: [interviewId] });
    await received(path, interviewId, 3, 'the erasure event');
    // Anything late (a cancellation naming the candidate) would show by now.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const got = ofInterview(path, interviewId);
    expect(got.map((r) => r.problem)).toEqual([null, null, null]);
    expect(got.map((r) => r.payload?.type)).toEqual(['interview.booked', 'interview.booked', 'interview.erased']);
    expect(got[2]?.payload).toEqual({
      type: 'interview.erased',
      version: 1,
      id: `evt_${interviewId}_3`,
      occurredAt: expect.stringMatching(/Z$/),
      data: { interviewId, previousInterviewId: null, attempt: 1, status: 'CANCELLED' },
    });
    for (const needle of [candidate.name, candidate.email, 'Europe/London']) expect(got[2]?.body).not.toContain(needle);

    // The refused attempt is its status, length and a digest the ATS can recompute with its secret.
    const words = [candidate.name, candidate.email, 'applicant', 'requisition'];
    const rows = await withDatabase(portal.mongoUrl, (db) => db.collection<{ _id: string; eventId: string; attemptLog: { statusCode: number | null; error: string | null }[] }>('webhook_deliveries').find({ endpointId: hook.id }).toArray());
    const booked = rows.find((row) => row.eventId === `evt_${interviewId}_2`);
    const digest = createHmac('sha256', hook.secret).update(quote).digest('hex').slice(0, 16);
    expect(booked?.attemptLog.map(({ statusCode, error }) => ({ statusCode, error }))).toEqual([
      { statusCode: 422, error: `answered 422 (${Buffer.byteLength(quote)}-byte body, digest ${digest})` },
      { statusCode: 200, error: null },
    ]);
    expect(words.filter((word) => JSON.stringify(rows).includes(word))).toEqual([]);

    // Temporal: the retried attempt's failure is in the endpoint workflow's history, in clear, in our words only.
    const connection = await Connection.connect({ address: testTemporalAddress() });
    try {
      const history = JSON.stringify(await portalTemporalClient(connection).workflow.getHandle(`webhook-endpoint:${hook.id}`).fetchHistory());
      expect(history).toContain(`answered 422 (${Buffer.byteLength(quote)}-byte body`);
      expect(words.filter((word) => history.includes(word))).toEqual([]);
    } finally {
      await connection.close();
    }
  });
});
