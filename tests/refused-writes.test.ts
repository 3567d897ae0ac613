import { Connection, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTemporalAddress } from '@portal/devstack/testing';
import { LIFECYCLE_UPDATES, type CancelRequest, type SlotRequest } from '@portal/shared/lifecycle';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import { ApiError } from './support/api-client';
import { alwaysAvailableInterviewer, inviteAndReadLink, signInAsAdmin } from './support/fixtures';
import type { PortalUnderTest } from './support/portal-under-test';
import { sharedPortal } from './support/shared-portal';
import { recordHistory } from './support/record-history';
import { portalTemporalClient } from './support/temporal-client';

interface View {
  status: string;
  slot: { start: string } | null;
  rescheduleCount: number;
}
interface Detail {
  status: string;
  events: { actor: string; type: string; detail: string }[];
}
interface Row {
  interviewId: string;
  status: string;
}

let portal: PortalUnderTest;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
let interviewerId: string;
let connection: Connection;
let temporal: Client;
const run = Date.now();
const HOUR = 3_600_000;
const HR_USER = 'admin@example.test';

beforeAll(async () => {
  portal = await sharedPortal();
  hr = await signInAsAdmin(portal.api);
  interviewerId = (await alwaysAvailableInterviewer(hr, `Refusal Interviewer ${run}`)).id;
  connection = await Connection.connect({ address: testTemporalAddress() });
  temporal = portalTemporalClient(connection);
});

afterAll(async () => {
  await connection?.close();
  await portal?.stop();
});

const refusal = (promise: Promise<unknown>) => promise.then(() => 'accepted', (error: unknown) => (error instanceof ApiError ? error.domainCode : String(error)));

/** Free starts an hour or more ahead, on whole quarter-hours, for the interview's moves. */
async function startsAhead(interviewId: string, count: number): Promise<string[]> {
  const { slots } = await hr.query<{ slots: { start: string }[] }>('hr.interviews.slots', { interviewId });
  const starts = slots.map((s) => s.start).filter((start) => Date.parse(start) > Date.now() + HOUR && new Date(start).getUTCMinutes() % 15 === 0);
  const spaced = starts.filter((_, i) => i % 8 === 0).slice(0, count);
  if (spaced.length < count) throw new Error(`only ${spaced.length} starts ahead`);
  return spaced;
}

async function bookedInterview(name: string) {
  const { interviewId, token } = await inviteAndReadLink(hr, portal.sinkUrl, { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}.${run}@example.test` }, [interviewerId]);
  const [start = '', ...others] = await startsAhead(interviewId, 7);
  await portal.api.mutation('candidate.book', { token, start });
  return { interviewId, token, start, others };
}

/** A change sent to the lifecycle as booking sends it, past booking's input schemas; its answer and how long it took. */
async function updateDirectly(interviewId: string, name: string, request: CancelRequest | SlotRequest) {
  const started = performance.now();
  const answer = await temporal.workflow
    .getHandle(interviewWorkflowId(interviewId))
    .executeUpdate(name, { args: [request] })
    .then(
      () => 'accepted',
      (error: unknown) => error,
    );
  return { answer, ms: Math.round(performance.now() - started) };
}

const failureType = (answer: unknown) => (answer instanceof WorkflowUpdateFailedError ? (answer.cause as { type?: string } | undefined)?.type : String(answer));

/** The interview's row in HR's list of that status, newest first: the shared portal's other files add a few rows at most. */
async function listed(status: string, interviewId: string): Promise<Row | undefined> {
  const { items } = await hr.query<{ items: Row[] }>('hr.interviews.list', { status, pageSize: 100 });
  return items.find((item) => item.interviewId === interviewId);
}

describe('a change the database cannot store', () => {
  it('a cancel whose reason holds a NUL is answered STORE_REFUSED at once, changes nothing, and the next cancel goes through', { timeout: 120_000 }, async () => {
    const { interviewId, token, start } = await bookedInterview('Nul Canceller');

    const refused = await updateDirectly(interviewId, LIFECYCLE_UPDATES.cancel, { reason: 'why\u0000not', actor: 'candidate' });
    console.log(`cancel with a NUL in its reason refused in ${refused.ms} ms`);
    expect(failureType(refused.answer)).toBe('STORE_REFUSED');
    // Before, it was never answered: the write was retried for good. A bound, not a benchmark.
    expect(refused.ms).toBeLessThan(10_000);
    expect(await portal.api.query<View>('candidate.view', { token })).toMatchObject({ status: 'SCHEDULED', slot: { start } });
    expect(await listed('CANCELLED', interviewId)).toBeUndefined();
    expect(await listed('SCHEDULED', interviewId)).toMatchObject({ status: 'SCHEDULED' });

    // Through the API the same reason is a 400, whether the edge or the lifecycle refuses it.
    const sent = performance.now();
    const throughApi = await portal.api.mutation('candidate.cancel', { token, reason: 'why\u0000not' }).then(
      () => null,
      (error: unknown) => error,
    );
    console.log(`candidate.cancel with a NUL in its reason answered 400 in ${Math.round(performance.now() - sent)} ms`);
    expect(throughApi).toBeInstanceOf(ApiError);
    expect((throughApi as ApiError).httpStatus).toBe(400);
    expect((throughApi as ApiError).message).not.toMatch(/SQLSTATE|\.go:/);

    await portal.api.mutation('candidate.cancel', { token, reason: 'found another job' });
    expect((await portal.api.query<View>('candidate.view', { token })).status).toBe('CANCELLED');
    expect(await listed('CANCELLED', interviewId)).toMatchObject({ status: 'CANCELLED' });
    expect(await listed('SCHEDULED', interviewId)).toBeUndefined();
    const detail = await hr.query<Detail>('hr.interviews.get', { interviewId });
    expect(detail.events.filter((e) => e.type === 'CANCEL').map((e) => e.detail)).toEqual(['cancelled: found another job']);
    await recordHistory(interviewId, 'refused-cancel');
  });

  it("HR's move with a NUL in its reason is refused, gives the new time back, and HR's cancel then goes through", { timeout: 120_000 }, async () => {
    const { interviewId, token, start, others } = await bookedInterview('Nul Mover');
    const [target = ''] = others;

    const refused = await updateDirectly(interviewId, LIFECYCLE_UPDATES.reschedule, { start: target, actor: HR_USER, reason: 'sick\u0000' });
    console.log(`HR reschedule with a NUL in its reason refused in ${refused.ms} ms`);
    expect(failureType(refused.answer)).toBe('STORE_REFUSED');
    expect(await portal.api.query<View>('candidate.view', { token })).toMatchObject({ status: 'SCHEDULED', slot: { start } });
    const { slots } = await hr.query<{ slots: { start: string }[] }>('hr.interviews.slots', { interviewId });
    expect(slots.map((s) => s.start)).toContain(target);

    await hr.mutation('hr.interviews.cancel', { interviewId, reason: 'Position filled' });
    expect(await listed('CANCELLED', interviewId)).toMatchObject({ status: 'CANCELLED' });
    const detail = await hr.query<Detail>('hr.interviews.get', { interviewId });
    expect(detail.events.map((e) => e.type)).toEqual(['INVITE', 'BOOK', 'CANCEL']);
  });
});

describe("HR's moves", () => {
  it("neither spend the candidate's reschedule allowance nor are refused by it, and the timeline names who moved it", { timeout: 180_000 }, async () => {
    const { interviewId, token, others } = await bookedInterview('Moved Around');
    const [hrFirst = '', hrSecond = '', own1 = '', own2 = '', own3 = '', hrLast = ''] = others;
    await hr.mutation('hr.interviews.reschedule', { interviewId, start: hrFirst, reason: 'Interviewer called in sick' });
    await hr.mutation('hr.interviews.reschedule', { interviewId, start: hrSecond, reason: 'Room unavailable' });
    expect((await portal.api.query<View>('candidate.view', { token })).rescheduleCount).toBe(0);

    // The technical kind allows the candidate three moves of their own, whatever HR did.
    for (const start of [own1, own2, own3]) await portal.api.mutation('candidate.reschedule', { token, start });
    expect((await portal.api.query<View>('candidate.view', { token })).rescheduleCount).toBe(3);
    expect(await refusal(portal.api.mutation('candidate.reschedule', { token, start: hrLast }))).toBe('RESCHEDULE_LIMIT');

    await hr.mutation('hr.interviews.reschedule', { interviewId, start: hrLast, reason: 'Panel changed' });
    expect(await portal.api.query<View>('candidate.view', { token })).toMatchObject({ slot: { start: hrLast }, rescheduleCount: 3 });

    const detail = await hr.query<Detail>('hr.interviews.get', { interviewId });
    expect(detail.events.filter((e) => e.type === 'RESCHEDULE').map((e) => e.actor)).toEqual([HR_USER, HR_USER, 'candidate', 'candidate', 'candidate', HR_USER]);
    await recordHistory(interviewId, 'hr-moves');
  });
});
