import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from './support/api-client';
import { alwaysAvailableInterviewer, eventually, linkToken, signInAsAdmin, sinkMessages, invitationTo } from './support/fixtures';
import { SECOND_INTERVIEWS, startPortal, type PortalUnderTest } from './support/portal-under-test';

/**
 * Notice per kind and per invitation, through the whole portal. The portal runs 20-second
 * interviews on 15-second slots (SECOND_INTERVIEWS, a coarser step for the kinds' horizons of two
 * and three days), so an interview booked half a minute ahead ends within a minute of its
 * invitation. The portal has no clock a test can move: an interview booked twelve minutes ahead
 * is carried to its scorecards only in the opt-in real-time case below.
 */
let portal: PortalUnderTest;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
const run = Date.now();
const MINUTE = 60_000;

interface Slots {
  slots: { start: string }[];
  minNoticeMinutes: number;
  horizonDays: number;
}
interface View {
  status: string;
  joinable: boolean;
  changeCutoffMinutes: number;
}

beforeAll(async () => {
  portal = await startPortal(import.meta.url, { ...SECOND_INTERVIEWS, SLOT_STEP_MINUTES: String(15 / 60) });
  hr = await signInAsAdmin(portal.api);
});

afterAll(async () => {
  await portal?.stop();
});

const refusal = (promise: Promise<unknown>) =>
  promise.then(() => 'accepted', (error: unknown) => (error instanceof ApiError ? (error.domainCode ?? error.code) : String(error)));

async function panelOfTwo(label: string) {
  const names = [`${label} One ${run}`, `${label} Two ${run}`];
  const pool = await Promise.all(names.map((name) => alwaysAvailableInterviewer(hr, name)));
  const emails = names.map((name) => `${name.toLowerCase().replace(/\W+/g, '.')}@example.test`);
  return { ids: pool.map((p) => p.id), emails };
}

async function invitePanel(label: string, ids: string[], notice?: Record<string, number>) {
  const email = `${label.toLowerCase()}.${run}@example.test`;
  const { interviewId } = await hr.mutation<{ interviewId: string }>('hr.interviews.invite', {
    candidateName: `${label} Candidate`,
    candidateEmail: email,
    candidateTimezone: 'Europe/London',
    position: `Notice ${label}`,
    kind: 'panel',
    interviewerIds: ids,
    ...(notice ? { notice } : {}),
  });
  return { interviewId, token: linkToken(await invitationTo(portal.sinkUrl, email, interviewId)) };
}

/** Join when the room opens, wait for COMPLETED, then both panel members submit; a second submission is refused. */
async function throughToScorecards(interviewId: string, token: string, emails: string[], waitMs: number) {
  await eventually(async () => ((await portal.api.query<View>('candidate.view', { token })).joinable ? true : undefined), waitMs, 'the room to open');
  await portal.api.mutation('candidate.join', { token });
  await eventually(
    async () => ((await portal.api.query<View>('candidate.view', { token })).status === 'COMPLETED' ? true : undefined),
    3 * MINUTE,
    'COMPLETED',
  );
  const tokens = await Promise.all(
    emails.map(async (to) => {
      const request = await eventually(
        async () => (await sinkMessages(portal.sinkUrl, { to })).find((m) => m.Metadata.kind === 'feedback_request' && m.Metadata.interviewId === interviewId),
        60_000,
        `feedback request to ${to}`,
      );
      return linkToken(request, 'f');
    }),
  );
  const card = { rating: 3, recommendation: 'YES', notes: 'Clear and calm.' };
  expect(await Promise.all(tokens.map((feedbackToken) => refusal(portal.api.mutation('feedback.submit', { token: feedbackToken, ...card }))))).toEqual([
    'accepted',
    'accepted',
  ]);
  expect(await refusal(portal.api.mutation('feedback.submit', { token: tokens[0], ...card, rating: 1 }))).toBe('ALREADY_SUBMITTED');
  const detail = await hr.query<{ status: string; scorecards: unknown[]; feedbackMissing: string[] }>('hr.interviews.get', { interviewId });
  expect(detail).toMatchObject({ status: 'COMPLETED', feedbackMissing: [] });
  expect(detail.scorecards).toHaveLength(2);
}

describe('notice set per interview kind and per invitation', () => {
  it("a panel kind with ten minutes' notice offers and books a time twelve minutes ahead, keeps its rules when the kind changes, and an invitation's own notice wins", { timeout: 360_000 }, async () => {
    const { ids, emails } = await panelOfTwo('Notice');
    const shortHorizon = await hr
      .mutation('hr.kinds.update', { kind: 'panel', minNoticeMinutes: 2 * 1440, horizonDays: 2, changeCutoffMinutes: 0 })
      .catch((error: unknown) => error);
    expect(shortHorizon).toBeInstanceOf(ApiError);
    expect(shortHorizon).toMatchObject({ domainCode: 'BAD_INPUT', zodError: { fieldErrors: { horizonDays: [expect.stringContaining('horizon')] } } });
    await hr.mutation('hr.kinds.update', { kind: 'panel', minNoticeMinutes: 10, horizonDays: 2, changeCutoffMinutes: 5 });
    const kinds = await hr.query<{ kind: string; minNoticeMinutes: number; updatedBy: string | null }[]>('hr.kinds.list');
    expect(kinds.find((k) => k.kind === 'panel')).toMatchObject({ minNoticeMinutes: 10, updatedBy: 'admin@example.test' });

    const tenMinutes = await invitePanel('Ten', ids);
    const offered = await portal.api.query<Slots>('candidate.slots', { token: tenMinutes.token });
    const asked = Date.now();
    const first = Date.parse(offered.slots[0]?.start ?? '');
    expect(offered).toMatchObject({ minNoticeMinutes: 10, horizonDays: 2 });
    expect(first - asked).toBeGreaterThanOrEqual(10 * MINUTE - 5_000);
    expect(first - asked).toBeLessThan(11 * MINUTE + 5_000);
    const hrOffered = await hr.query<Slots>('hr.interviews.slots', { interviewId: tenMinutes.interviewId });
    // HR sees the same times under the same notice; its first may be one step later if a step went by between the two asks.
    const hrFirst = hrOffered.slots[0]?.start ?? '';
    expect(offered.slots.map((s) => s.start)).toContain(hrFirst);
    expect(Date.parse(hrFirst) - Date.now()).toBeGreaterThanOrEqual(10 * MINUTE - 5_000);
    expect(Date.parse(hrFirst) - first).toBeLessThanOrEqual(Date.now() - asked + MINUTE);

    const tooSoon = offered.slots[0] && new Date(Date.parse(offered.slots[0].start) - 5 * MINUTE).toISOString();
    expect(await refusal(portal.api.mutation('candidate.book', { token: tenMinutes.token, start: tooSoon }))).toBe('SLOT_UNAVAILABLE');
    const twelve = offered.slots.find((s) => Date.parse(s.start) - Date.now() >= 12 * MINUTE - 30_000);
    expect(twelve && Date.parse(twelve.start) - Date.now()).toBeLessThan(13 * MINUTE);
    const booked = await portal.api.mutation<View>('candidate.book', { token: tenMinutes.token, start: twelve?.start });
    expect(booked).toMatchObject({ status: 'SCHEDULED', changeCutoffMinutes: 5 });

    // HR changes the kind: the interview already invited keeps the rules it was invited under.
    await hr.mutation('hr.kinds.update', { kind: 'panel', minNoticeMinutes: 60, horizonDays: 3, changeCutoffMinutes: 30 });
    expect(await portal.api.query<Slots>('candidate.slots', { token: tenMinutes.token })).toMatchObject({ minNoticeMinutes: 10, horizonDays: 2 });
    expect(await portal.api.query<View>('candidate.view', { token: tenMinutes.token })).toMatchObject({ changeCutoffMinutes: 5 });
    expect(await hr.query('hr.interviews.get', { interviewId: tenMinutes.interviewId })).toMatchObject({
      notice: { minNoticeMinutes: 10, horizonDays: 2, changeCutoffMinutes: 5 },
    });

    // An invitation's own values are checked with the kind's: a notice past the kind's horizon is refused, nothing invited.
    const pastHorizon = await hr
      .mutation('hr.interviews.invite', {
        candidateName: 'Past Horizon',
        candidateEmail: `past.horizon.${run}@example.test`,
        candidateTimezone: 'UTC',
        position: 'Notice Past',
        kind: 'panel',
        interviewerIds: ids,
        notice: { minNoticeMinutes: 5 * 1440 },
      })
      .catch((error: unknown) => error);
    expect(pastHorizon).toMatchObject({ domainCode: 'BAD_INPUT', message: expect.stringContaining('horizon') });
    expect((await hr.query<{ items: unknown[] }>('hr.interviews.list', { search: `past.horizon.${run}@example.test` })).items).toHaveLength(0);

    // An invitation's own notice wins over the kind's hour: booked a minute ahead, carried to both scorecards.
    // Both invited first, so only the refusal stands between choosing the time and booking it.
    const [own, fromTheKind] = await Promise.all([invitePanel('Own', ids, { minNoticeMinutes: 0, changeCutoffMinutes: 0 }), invitePanel('Kind', ids)]);
    const ownSlots = await portal.api.query<Slots>('candidate.slots', { token: own.token });
    expect(ownSlots).toMatchObject({ minNoticeMinutes: 0, horizonDays: 3 });
    const soon = ownSlots.slots.find((s) => Date.parse(s.start) - Date.now() > 15_000);
    expect(soon && Date.parse(soon.start) - Date.now()).toBeLessThan(2 * MINUTE);
    expect(await refusal(portal.api.mutation('candidate.book', { token: fromTheKind.token, start: soon?.start }))).toBe('SLOT_UNAVAILABLE');
    await portal.api.mutation('candidate.book', { token: own.token, start: soon?.start });
    await throughToScorecards(own.interviewId, own.token, emails, 3 * MINUTE);
  });

  // The must-show case as written, in real time (about fourteen minutes): NOTICE_REAL_TIME=1 to run it.
  it.runIf(process.env.NOTICE_REAL_TIME === '1')(
    "a ten-minute-notice interview booked twelve minutes ahead runs to both scorecards",
    { timeout: 20 * MINUTE },
    async () => {
      const { ids, emails } = await panelOfTwo('Real');
      await hr.mutation('hr.kinds.update', { kind: 'panel', minNoticeMinutes: 10, horizonDays: 2, changeCutoffMinutes: 5 });
      const invited = await invitePanel('Real', ids);
      const { slots } = await portal.api.query<Slots>('candidate.slots', { token: invited.token });
      const twelve = slots.find((s) => Date.parse(s.start) - Date.now() >= 12 * MINUTE - 30_000);
      await portal.api.mutation('candidate.book', { token: invited.token, start: twelve?.start });
      await throughToScorecards(invited.interviewId, invited.token, emails, 15 * MINUTE);
    },
  );
});
