import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from './support/api-client';
import { alwaysAvailableInterviewer, eventually, inviteAndReadLink, linkToken, signInAsAdmin, sinkMessages, ASYNC_WAIT_MS } from './support/fixtures';
import type { PortalUnderTest } from './support/portal-under-test';
import { recordHistory } from './support/record-history';
import { SHARED_SECOND_SETTINGS, sharedPortal } from './support/shared-portal';

interface View {
  status: string;
  slot: { start: string } | null;
}
interface Detail {
  status: string;
  events: { actor: string; type: string; detail: string }[];
}

let portal: PortalUnderTest;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
let interviewerId: string;
const run = Date.now();
const HOUR = 3_600_000;

beforeAll(async () => {
  // Interviews in seconds; the follow-ups after a completed interview are never met here (one is
  // cancelled, the other a no-show).
  portal = await sharedPortal(SHARED_SECOND_SETTINGS);
  hr = await signInAsAdmin(portal.api);
  interviewerId = (await alwaysAvailableInterviewer(hr, `Acting Interviewer ${run}`)).id;
});

afterAll(async () => {
  await portal?.stop();
});

const refusal = (promise: Promise<unknown>) => promise.then(() => 'accepted', (error: unknown) => (error instanceof ApiError ? error.domainCode : String(error)));

describe('HR acting on a candidate\'s behalf', () => {
  it('resends the invitation with the same link, copies it, reschedules and cancels with a reason, as the HR user', { timeout: 120_000 }, async () => {
    const email = `acting.${run}@example.test`;
    const { interviewId, token } = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Acting Candidate', email }, [interviewerId]);
    await hr.mutation('hr.interviews.resendInvitation', { interviewId });
    const invitations = await eventually(async () => {
      const found = (await sinkMessages(portal.sinkUrl, { to: email })).filter((m) => m.Metadata.kind === 'invitation');
      return found.length === 2 ? found : undefined;
    }, ASYNC_WAIT_MS, 'the second invitation');
    expect(invitations.map((m) => linkToken(m))).toEqual([token, token]);
    const { link } = await hr.query<{ link: string }>('hr.interviews.candidateLink', { interviewId });
    expect(link.endsWith(`/b/${token}`)).toBe(true);

    const { slots } = await hr.query<{ slots: { start: string }[] }>('hr.interviews.slots', { interviewId });
    const ahead = slots.filter((s) => Date.parse(s.start) > Date.now() + HOUR);
    // On 5-minute boundaries, so the move does not meet the cells the first time still holds.
    const [first, , , , , , , , , , later] = ahead.filter((s) => Date.parse(s.start) % 300_000 === 0);
    if (!first || !later) throw new Error('no slots ahead');
    await portal.api.mutation('candidate.book', { token, start: first.start });
    expect(await refusal(hr.mutation('hr.interviews.resendInvitation', { interviewId }))).toBe('ILLEGAL_TRANSITION');
    expect(await refusal(hr.mutation('hr.interviews.reschedule', { interviewId, start: later.start, reason: '' }))).toBe('BAD_INPUT');
    await hr.mutation('hr.interviews.reschedule', { interviewId, start: later.start, reason: 'Interviewer called in sick' });
    expect((await portal.api.query<View>('candidate.view', { token })).slot?.start).toBe(later.start);
    await hr.mutation('hr.interviews.cancel', { interviewId, reason: 'Position filled' });
    expect((await portal.api.query<View>('candidate.view', { token })).status).toBe('CANCELLED');
    const detail = await hr.query<Detail>('hr.interviews.get', { interviewId });
    expect(detail.events.filter((e) => e.actor === 'admin@example.test').map((e) => [e.type, e.detail])).toEqual([
      ['INVITE', 'invited for Backend Engineer'],
      ['RECORD', 'invitation sent again (1)'],
      ['RESCHEDULE', expect.stringContaining('Interviewer called in sick')],
      ['CANCEL', 'cancelled: Position filled'],
    ]);
    expect(await refusal(hr.query('hr.interviews.candidateLink', { interviewId }))).toBe('ILLEGAL_TRANSITION');
    await recordHistory(interviewId, 'hr-actions');
  });

  it('marks a started interview NO_SHOW by hand, but not one that has not started', { timeout: 150_000 }, async () => {
    const { interviewId, token } = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Absent', email: `absent.${run}@example.test` }, [interviewerId]);
    const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token });
    // Far enough ahead that the refusal below is asked before the start, however slow the booking.
    const start = slots.find((s) => Date.parse(s.start) > Date.now() + 15_000);
    if (!start) throw new Error('no slot');
    await portal.api.mutation('candidate.book', { token, start: start.start });
    expect(await refusal(hr.mutation('hr.interviews.markAttendance', { interviewId, attended: false }))).toBe('NOT_JOINABLE');
    await eventually(async () => (Date.now() >= Date.parse(start.start) ? true : undefined), 90_000, 'the start');
    await hr.mutation('hr.interviews.markAttendance', { interviewId, attended: false });
    expect((await portal.api.query<View>('candidate.view', { token })).status).toBe('NO_SHOW');
    await hr.mutation('hr.interviews.setOutcome', { interviewId, outcome: 'PASSED' });
    await recordHistory(interviewId, 'hr-marked-no-show');
  });
});
