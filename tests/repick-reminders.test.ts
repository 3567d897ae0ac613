import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { alwaysAvailableInterviewer, ASYNC_WAIT_MS, bookAhead, eventually, inviteAndReadLink, signInAsAdmin, sinkMessages } from './support/fixtures';
import { SECOND_INTERVIEWS, startPortal, type PortalUnderTest } from './support/portal-under-test';
import { declineTheDesign, declineToken, inviteTwoSessionLoop } from './support/two-session-loop';

/**
 * Issue 47, item 1 (docs/adr/0032): while the candidate is asked to choose a new time (a member
 * declined and nobody could take the place), no join reminder goes out for the held time: its
 * moment sends the new-time offer again, and at the held time the interview ends as the offer said
 * (the time was kept until then). A new time chosen meanwhile gets its join reminders back. A
 * loop's session (its own lifecycle) does the same while the loop's other sessions remind as ever.
 */
/** How long before a start its join reminders fall due: only their order against the decline matters here. */
const REMINDER_MS = 10_000;

/**
 * The decline has to open the re-pick before the reminder's moment: the booking, the member's
 * invitation, the decline and the candidate's offer, two sends of the portal's own between them. On
 * a quiet machine that takes seconds, on a loaded one a single send has taken over 30 s
 * (docs/testing.md). So the time booked ahead is counted from this run's own first send (the
 * candidate's invitation, `sentInMs`): four of it, and never less than `floorMs`.
 */
function leadFor(sentInMs: number, floorMs: number): { min: number; max: number } {
  const min = REMINDER_MS + Math.max(floorMs, 4 * sentInMs);
  return { min, max: min + 15_000 };
}

async function timed<T>(step: () => Promise<T>): Promise<[T, number]> {
  const from = Date.now();
  return [await step(), Date.now() - from];
}

let portal: PortalUnderTest;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
const run = Date.now();

beforeAll(async () => {
  portal = await startPortal(import.meta.url, {
    ...SECOND_INTERVIEWS,
    REMINDER_OFFSETS_MINUTES: String(REMINDER_MS / 60_000),
    INTERVIEWER_REMINDER_MINUTES: String(REMINDER_MS / 60_000),
    // Handed over at their moment: the decline comes before any reminder is on its way.
    REMINDER_LEAD_SECONDS: '0',
    INVITATION_EXPIRY_MINUTES: '60',
    // Longer than the time left: the held time is kept until its start.
    REPICK_WINDOW_MINUTES: '60',
  });
  hr = await signInAsAdmin(portal.api);
});

afterAll(async () => {
  await portal?.stop();
});

const mails = async (to: string, kind: string) => (await sinkMessages(portal.sinkUrl, { to })).filter((m) => m.Metadata.kind === kind);

interface Detail {
  status: string;
  slot: { start: string } | null;
  events: { detail: string }[];
}
const detailOf = (interviewId: string) => hr.query<Detail>('hr.interviews.get', { interviewId });

/** A candidate booked with the only interviewer of their pool, who then declines: nobody can take the place. */
async function declinedWithNobodyFree(label: string) {
  const name = `Repick ${label} ${run}`;
  const { id } = await alwaysAvailableInterviewer(hr, name);
  const memberEmail = `${name.toLowerCase().replace(/\W+/g, '.')}@example.test`;
  const candidateEmail = `repick.${label.toLowerCase()}.${run}@example.test`;
  const [{ interviewId, token }, sentInMs] = await timed(() => inviteAndReadLink(hr, portal.sinkUrl, { name: `Repick ${label}`, email: candidateEmail }, [id]));
  const start = await bookAhead(portal.api, token, leadFor(sentInMs, 30_000));
  const invitation = await eventually(async () => (await mails(memberEmail, 'interviewer_invitation'))[0], ASYNC_WAIT_MS, 'the interviewer invitation');
  await portal.api.mutation('interviewerAnswer.answer', { token: declineToken(invitation), answer: 'decline', reason: 'Ill' });
  await eventually(async () => (await mails(candidateEmail, 'repick_offer'))[0], ASYNC_WAIT_MS, 'the re-pick offer');
  return { interviewId, token, start, memberEmail, candidateEmail };
}

describe.concurrent('a pending re-pick holds the join reminders', () => {
  it('the reminder asks for a new time instead, nobody gets a join reminder, and the held time ends as offered', { timeout: 300_000 }, async ({ expect }) => {
    const booked = await declinedWithNobodyFree('Held');
    // Past the reminder's moment and the held time's start.
    await sleep(Math.max(0, booked.start + 3_000 - Date.now()));
    const ended = await eventually(async () => {
      const detail = await detailOf(booked.interviewId);
      return detail.status === 'CANCELLED' ? detail : undefined;
    }, ASYNC_WAIT_MS, 'the held time to end');
    expect(ended.events.some((e) => /no new time was chosen/.test(e.detail))).toBe(true);
    await eventually(async () => (await mails(booked.candidateEmail, 'cancelled'))[0], ASYNC_WAIT_MS, 'the cancellation');
    // A stray send would show within a few seconds.
    await sleep(2_000);
    expect(await mails(booked.candidateEmail, 'reminder')).toEqual([]);
    expect(await mails(booked.memberEmail, 'interviewer_reminder')).toEqual([]);
    // The offer, then at the reminder's moment the offer again (a link to choose, no join link).
    const offers = await mails(booked.candidateEmail, 'repick_offer');
    expect(offers).toHaveLength(2);
    expect(ended.events.some((e) => /choose a new time: the new-time offer sent again/.test(e.detail))).toBe(true);
  });

  it('a new time chosen during the re-pick gets its join reminder', { timeout: 300_000 }, async ({ expect }) => {
    const booked = await declinedWithNobodyFree('Moved');
    const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token: booked.token });
    const now = Date.now();
    // Far enough ahead that its reminder is still to come once the move is done.
    const start = slots.map((s) => Date.parse(s.start)).find((s) => s !== booked.start && s - now >= REMINDER_MS + 20_000 && s - now <= REMINDER_MS + 50_000);
    if (start === undefined) throw new Error('no new time 30–60 s ahead');
    await portal.api.mutation('candidate.reschedule', { token: booked.token, start: new Date(start).toISOString() });
    await eventually(async () => (await mails(booked.candidateEmail, 'reminder'))[0], ASYNC_WAIT_MS + REMINDER_MS, 'the new time’s reminder');
    // The reminder's audit line is its log row's, written once the send is recorded: a moment after the sink has it.
    const detail = await eventually(async () => {
      const read = await detailOf(booked.interviewId);
      // Its label names the offset ('10s reminder sent'); a join reminder's line, not the offer's.
      return read.events.some((e) => /^[^:]+ reminder sent$/.test(e.detail)) ? read : undefined;
    }, ASYNC_WAIT_MS, 'the reminder’s audit line');
    expect(detail.slot?.start).toBe(new Date(start).toISOString());
  });

  it('a loop session’s reminder asks for a new time while its re-pick is open; the other session keeps its join reminder', { timeout: 300_000 }, async ({ expect }) => {
    const loop = await loopDeclinedWithNobodyFree();
    // Past the reminder's moment and the held session's start.
    await sleep(Math.max(0, loop.heldStart + 3_000 - Date.now()));
    const ended = await eventually(async () => {
      const detail = await detailOf(loop.held);
      return detail.status === 'CANCELLED' ? detail : undefined;
    }, ASYNC_WAIT_MS, 'the held session to end');
    expect(ended.events.some((e) => /choose a new time: the new-time offer sent again/.test(e.detail))).toBe(true);
    // The session kept whole reminds as ever: its join reminder is the control that reminders do go out here.
    await eventually(async () => (await sessionMails(loop, 'reminder', loop.kept))[0], ASYNC_WAIT_MS, 'the whole session’s reminder');
    await sleep(2_000);
    expect(await sessionMails(loop, 'reminder', loop.held)).toEqual([]);
    expect(await sessionMails(loop, 'repick_offer', loop.held)).toHaveLength(2);
  });
});

const sessionMails = async (loop: { candidateEmail: string }, kind: string, interviewId: string) =>
  (await mails(loop.candidateEmail, kind)).filter((m) => m.Metadata.interviewId === interviewId);

interface Itinerary {
  itineraryId: string;
  sessions: { start: string }[];
}

/**
 * A two-session loop whose second session starts far enough ahead for its only interviewer to
 * decline before its reminder's moment (leadFor, from the loop's invitation; a loop's booking and
 * its second session's invitation take longer than a single interview's, so at least 40 s), and
 * whose first session starts late enough to keep its own reminder: nobody can take session 2's
 * place, and its re-pick is open over its reminder's moment.
 */
async function loopDeclinedWithNobodyFree() {
  const loop = await inviteTwoSessionLoop(hr, portal.sinkUrl, {
    label: 'Repick Loop', run, candidate: { name: 'Repick Loop', email: `repick.loop.${run}@example.test`, timezone: 'UTC' }, position: `Loop Engineer ${run}`, durationMinutes: 20 / 60, maxBreakMinutes: 0.5,
  });
  const heldLead = leadFor(Date.now() - loop.invitedAt, 40_000);
  const itinerary = await eventually(async () => {
    const { itineraries } = await portal.api.query<{ itineraries: Itinerary[] }>('candidate.itineraries', { token: loop.token, timezone: 'UTC' });
    const now = Date.now();
    return itineraries.find((it) => {
      const [first, second] = it.sessions.map((s) => Date.parse(s.start) - now);
      return first !== undefined && second !== undefined && first >= REMINDER_MS + 20_000 && second >= heldLead.min && second <= heldLead.max;
    });
  }, ASYNC_WAIT_MS, `an itinerary whose second session starts ${heldLead.min / 1000} s ahead or a little more`);
  await portal.api.mutation('candidate.bookItinerary', { token: loop.token, itineraryId: itinerary.itineraryId });
  const heldStart = Date.parse(itinerary.sessions[1]?.start ?? '');
  await declineTheDesign(portal.api, portal.sinkUrl, loop);
  return { candidateEmail: loop.candidateEmail, token: loop.token, kept: loop.screen, held: loop.design, heldStart };
}
