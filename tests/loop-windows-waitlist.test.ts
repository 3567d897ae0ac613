import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { alwaysAvailableInterviewer, ASYNC_WAIT_MS, editableInterviewer, eventually, explainedWait, linkToken, signInAsAdmin, sinkMessages } from './support/fixtures';
import type { PortalUnderTest } from './support/portal-under-test';
import { sharedPortal } from './support/shared-portal';
import { createRestClient, type ProblemAnswer, type RestClient } from './support/rest-client';
import { recordHistory } from './support/record-history';

const run = Date.now();
const DAY = 24 * 3_600_000;
const HOUR = 3_600_000;

interface CandidatePage {
  status: string;
  availability: { windows: { start: string; end: string }[]; timezone: string; note: string | null; submittedAt: string } | null;
}
interface LoopView {
  status: string;
  sessions: { interviewId: string; status: string; slot: { start: string; end: string } | null }[];
}
interface Itineraries {
  itineraries: { itineraryId: string; sessions: { start: string }[] }[];
}
interface BookedPage {
  status: string;
  waitlist: { joinedAt: string; before: string | null } | null;
  hold: { id: string; start: string; end: string; expiresAt: string } | null;
}

let portal: PortalUnderTest;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
let rest: RestClient;
let apiKey: string;
let mongo: mongoose.Connection;

// The run's common shared portal: HR hears after 15 s there when nothing fits; the periodic search
// stays at 15 minutes, longer than any test, so a booking here comes from the word of a change in a
// session's pool. This file reads only its own interviewers, loops and interviews.
beforeAll(async () => {
  portal = await sharedPortal();
  hr = await signInAsAdmin(portal.api);
  rest = createRestClient(portal.bookingUrl);
  apiKey = (await hr.mutation<{ key: string }>('hr.apiKeys.create', { name: `Loop windows ${run}`, scopes: ['read', 'write'] })).key;
  mongo = await mongoose.createConnection(portal.mongoUrl).asPromise();
}, 240_000);

afterAll(async () => {
  await mongo?.close();
  await portal?.stop();
});

const dayAhead = (days: number) => Math.floor(Date.now() / DAY) * DAY + days * DAY;
const iso = (ms: number) => new Date(ms).toISOString();
const local = (ms: number) => iso(ms).slice(0, 16);

/** An interviewer free all week but away from `awayDay` for `days` whole UTC days, and the form to take it back. */
async function awayOn(name: string, awayDay: number, days = 1) {
  const { id } = await alwaysAvailableInterviewer(hr, `${name} ${run}`);
  const listed = await hr.query<Record<string, unknown>[]>('hr.interviewers.list');
  const doc = { ...editableInterviewer(listed.find((i) => i['id'] === id) ?? {}), id };
  await hr.mutation('hr.interviewers.upsert', { ...doc, timeOff: [{ start: iso(awayDay), end: iso(awayDay + days * DAY) }] });
  return { id, back: () => hr.mutation('hr.interviewers.upsert', { ...doc, timeOff: [] }) };
}

async function inviteLoop(label: string, interviewerIds: string[], kind = 'technical') {
  const email = `loop.windows.${label}.${run}@example.test`;
  const invited = await hr.mutation<{ loopId: string; interviewIds: string[] }>('hr.loops.invite', {
    candidateName: 'Loop Windows',
    candidateEmail: email,
    candidateTimezone: 'UTC',
    position: `Staff Engineer ${run}`,
    sessions: interviewerIds.map((id, i) => ({ title: `Session ${i + 1}`, kind, durationMinutes: 30, interviewerIds: [id], panelSize: 1 })),
    rules: {},
  });
  const [first] = invited.interviewIds;
  if (first === undefined) throw new Error('no sessions');
  const invitation = await eventually(
    async () => (await sinkMessages(portal.sinkUrl, { to: email })).find((m) => m.Metadata.interviewId === first && m.Tag === 'invitation'),
    ASYNC_WAIT_MS,
    `invitation to ${email}`,
  ).catch(explainedWait(invited.interviewIds, 'invitation'));
  return { ...invited, email, token: linkToken(invitation) };
}

const messagesOf = async (interviewIds: string[], kind: string) =>
  (await sinkMessages(portal.sinkUrl, {})).filter((m) => interviewIds.includes(m.Metadata.interviewId ?? '') && m.Metadata.kind === kind);

describe.concurrent('a loop when none of its itineraries work', () => {
  it('keeps the windows on every session, then books a whole itinerary inside them once both panels are free again, each confirmation once', { timeout: 150_000 }, async ({ expect }) => {
    const away = dayAhead(3);
    const [first, second] = await Promise.all([awayOn('Loop Windows A', away), awayOn('Loop Windows B', away)]);
    const loop = await inviteLoop('books', [first.id, second.id]);
    const window = { start: local(away + 10 * HOUR), end: local(away + 12 * HOUR) };

    const sent = await rest<CandidatePage>('post', '/candidate/availability', { bearer: loop.token, body: { windows: [window], timezone: 'UTC', note: 'Mornings only' } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toMatchObject({ status: 'INVITED', availability: { windows: [{ start: iso(away + 10 * HOUR), end: iso(away + 12 * HOUR) }], note: 'Mornings only' } });
    // Every session shows them to HR's key, and each waits on its loop.
    for (const interviewId of loop.interviewIds) {
      const detail = await rest<{ availability: { windows: unknown[] } | null }>('get', `/interviews/${interviewId}`, { bearer: apiKey });
      expect(detail.body.availability?.windows).toHaveLength(1);
    }
    expect(await mongo.collection('availability_waits').countDocuments({ loopId: loop.loopId })).toBe(2);

    // One panel back is not an itinerary: still unbooked.
    await first.back();
    await new Promise((done) => setTimeout(done, 6_000));
    expect((await portal.api.query<CandidatePage>('candidate.view', { token: loop.token })).status).toBe('INVITED');

    // Both back: the loop hears of it and books both sessions inside the window.
    await second.back();
    const booked = await eventually(async () => {
      const view = await portal.api.query<LoopView>('candidate.loop', { token: loop.token });
      return view.sessions.every((s) => s.status === 'SCHEDULED') ? view : undefined;
    }, 60_000, 'the loop booked inside the window');
    for (const session of booked.sessions) {
      expect(Date.parse(session.slot?.start ?? '')).toBeGreaterThanOrEqual(away + 10 * HOUR);
      expect(Date.parse(session.slot?.end ?? '')).toBeLessThanOrEqual(away + 12 * HOUR);
    }
    await eventually(async () => ((await messagesOf(loop.interviewIds, 'confirmation')).length >= 2 ? true : undefined), ASYNC_WAIT_MS, 'the confirmations');
    const [firstSession] = loop.interviewIds;
    const timeline = await hr.query<{ events: { actor: string; detail: string }[] }>('hr.interviews.get', { interviewId: firstSession });
    expect(timeline.events).toEqual(expect.arrayContaining([expect.objectContaining({ actor: 'system', detail: expect.stringContaining('inside the times the candidate could come') })]));
    expect(await mongo.collection('availability_waits').countDocuments({ loopId: loop.loopId })).toBe(0);
    await recordHistory(firstSession ?? '', 'loop-windows-booked', `loop-${loop.loopId}`);
    await recordHistory(loop.interviewIds[1] ?? '', 'loop-session-windows-booked');

    // Booked: more windows are refused and change nothing; each confirmation stayed single.
    const again = await rest<ProblemAnswer>('post', '/candidate/availability', { bearer: loop.token, body: { windows: [window], timezone: 'UTC' } });
    expect(again.status).toBe(409);
    await new Promise((done) => setTimeout(done, 3_000));
    expect(await messagesOf(loop.interviewIds, 'confirmation')).toHaveLength(2);
  });

  it('tells HR once, through the first session, with the itineraries nearest the windows, when nothing fits in time', { timeout: 120_000 }, async ({ expect }) => {
    const away = dayAhead(4);
    const [first, second] = await Promise.all([awayOn('Loop Unmatched A', away), awayOn('Loop Unmatched B', away)]);
    const loop = await inviteLoop('unmatched', [first.id, second.id]);
    const page = await portal.api.mutation<CandidatePage>('candidate.submitAvailability', {
      token: loop.token,
      windows: [{ start: local(away + 9 * HOUR), end: local(away + 17 * HOUR) }],
      timezone: 'UTC',
    });
    expect(page.availability?.windows).toHaveLength(1);
    const [told] = await eventually(async () => {
      const found = await messagesOf(loop.interviewIds, 'availability_unmatched');
      return found.length > 0 ? found : undefined;
    }, 60_000, 'HR’s notice');
    expect(told?.Metadata.interviewId).toBe(loop.interviewIds[0]);
    expect(told?.Subject).toContain('No time fits yet');
    expect(told?.TextBody).toContain('The free times nearest to them');
    // A later change in a pool searches again: still one notice, still unbooked.
    await first.back();
    await new Promise((done) => setTimeout(done, 8_000));
    expect(await messagesOf(loop.interviewIds, 'availability_unmatched')).toHaveLength(1);
    expect((await portal.api.query<CandidatePage>('candidate.view', { token: loop.token })).status).toBe('INVITED');
  });

  it('with HR’s “offer” on the sessions’ kind: the itinerary found is held and offered, one let go is not offered again, the one taken is booked', { timeout: 150_000 }, async ({ expect }) => {
    // A kind of this file's own: the shared portal's other files never meet it.
    const kind = `loop-offer-${run}`;
    await hr.mutation('hr.kinds.create', { id: kind, titles: { en: 'Loop offer' }, availabilityAction: 'offer' });
    const away = dayAhead(6);
    const [first, second] = await Promise.all([awayOn('Loop Offer A', away), awayOn('Loop Offer B', away)]);
    const loop = await inviteLoop('offer', [first.id, second.id], kind);
    await rest('post', '/candidate/availability', { bearer: loop.token, body: { windows: [{ start: local(away + 10 * HOUR), end: local(away + 13 * HOUR) }], timezone: 'UTC' } });
    await Promise.all([first.back(), second.back()]);

    type Held = { id: string; start: string; purpose: string };
    const heldOf = async () => (await portal.api.query<{ status: string; hold: Held | null }>('candidate.view', { token: loop.token }));
    const offered = await eventually(async () => {
      const page = await heldOf();
      return page.hold?.purpose === 'window' ? page : undefined;
    }, 60_000, 'the itinerary offered');
    // Offered, not booked: still an invitation, every session's time held for this candidate.
    expect(offered.status).toBe('INVITED');
    expect(Date.parse(offered.hold?.start ?? '')).toBeGreaterThanOrEqual(away + 10 * HOUR);
    await eventually(async () => ((await messagesOf(loop.interviewIds, 'hold_offer')).length === 1 ? true : undefined), ASYNC_WAIT_MS, 'the offer by email');

    // Let go: the next itinerary is offered; the first is not offered again.
    const declined = await rest<BookedPage>('post', `/candidate/holds/${offered.hold?.id ?? ''}/decline`, { bearer: loop.token });
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    const next = await eventually(async () => {
      const page = await heldOf();
      return page.hold && page.hold.id !== offered.hold?.id ? page.hold : undefined;
    }, 60_000, 'the next itinerary offered');
    expect(next.start).not.toBe(offered.hold?.start);

    const taken = await rest<BookedPage>('post', `/candidate/holds/${next.id}/accept`, { bearer: loop.token });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    const booked = await eventually(async () => {
      const view = await portal.api.query<LoopView>('candidate.loop', { token: loop.token });
      return view.sessions.every((s) => s.status === 'SCHEDULED') ? view : undefined;
    }, ASYNC_WAIT_MS, 'the loop booked on the held itinerary');
    expect(Date.parse(booked.sessions[0]?.slot?.start ?? '')).toBe(Date.parse(next.start));
    await eventually(async () => ((await messagesOf(loop.interviewIds, 'confirmation')).length >= 2 ? true : undefined), ASYNC_WAIT_MS, 'the confirmations');
    expect(await messagesOf(loop.interviewIds, 'hold_offer')).toHaveLength(2);
  });

  it('a session HR cancelled takes no windows: the loop refuses them at once instead of waiting on a lifecycle that has ended', { timeout: 90_000 }, async ({ expect }) => {
    const [first, second] = await Promise.all([awayOn('Loop Closed A', dayAhead(5)), awayOn('Loop Closed B', dayAhead(5))]);
    const loop = await inviteLoop('closed', [first.id, second.id]);
    await hr.mutation('hr.interviews.cancel', { interviewId: loop.interviewIds[1], reason: 'Session dropped' });
    await eventually(async () => ((await hr.query<{ status: string }>('hr.interviews.get', { interviewId: loop.interviewIds[1] })).status === 'CANCELLED' ? true : undefined), ASYNC_WAIT_MS, 'the cancelled session');
    const sent = await rest<ProblemAnswer>('post', '/candidate/availability', {
      bearer: loop.token,
      body: { windows: [{ start: local(dayAhead(5) + 10 * HOUR), end: local(dayAhead(5) + 12 * HOUR) }], timezone: 'UTC' },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(409);
    // The loop is not stuck: HR can still cancel it whole.
    await hr.mutation('hr.loops.cancel', { loopId: loop.loopId, reason: 'Position filled' });
    expect((await hr.query<{ status: string }>('hr.interviews.get', { interviewId: loop.interviewIds[0] })).status).toBe('CANCELLED');
  });
});

describe.concurrent('a loop’s waitlist for an earlier itinerary', () => {
  /** A booked loop of two sessions on `bookedDay`, both panels away from today until then, until HR takes it back. */
  async function bookedLater(label: string, bookedDay: number) {
    const today = dayAhead(0);
    const days = Math.round((bookedDay - today) / DAY);
    const [first, second] = await Promise.all([awayOn(`Loop Wait ${label} A`, today, days), awayOn(`Loop Wait ${label} B`, today, days)]);
    const loop = await inviteLoop(`wait.${label}`, [first.id, second.id]);
    const listed = await portal.api.query<Itineraries>('candidate.itineraries', { token: loop.token, timezone: 'UTC', day: iso(bookedDay).slice(0, 10) });
    const [itinerary] = listed.itineraries;
    if (!itinerary) throw new Error('no itinerary on the booked day');
    await portal.api.mutation('candidate.bookItinerary', { token: loop.token, itineraryId: itinerary.itineraryId });
    return { loop, first, second, booked: itinerary.sessions.map((s) => s.start) };
  }

  const pageOf = (token: string) => portal.api.query<BookedPage>('candidate.view', { token });
  /** The claim ids the loop's sessions hold now: a session's claim at a start is `<interview>@<start>`. */
  const claimIdsOf = async (interviewIds: string[]) =>
    new Set((await mongo.collection('slot_claims').distinct('claimId', { interviewId: { $in: interviewIds as never[] } })) as string[]);
  const bookedClaimIds = (interviewIds: string[], starts: string[]) => interviewIds.map((id, i) => `${id}@${new Date(starts[i] ?? '').toISOString()}`);

  it('holds an earlier whole itinerary for the waiting candidate once time frees, offers it once, and moves every session there on accept', { timeout: 150_000 }, async ({ expect }) => {
    const { loop, first, second, booked } = await bookedLater('accept', dayAhead(3));
    const joined = await rest<BookedPage>('post', '/candidate/waitlist', { bearer: loop.token, body: {} });
    expect(joined.status, JSON.stringify(joined.body)).toBe(200);
    expect(joined.body.waitlist).not.toBeNull();
    expect(await mongo.collection('waitlist_entries').countDocuments({ _id: loop.loopId as never })).toBe(1);

    // Both panels free on the earlier day: the coordinator holds an itinerary there for this candidate.
    await Promise.all([first.back(), second.back()]);
    const hold = await eventually(async () => (await pageOf(loop.token)).hold ?? undefined, 60_000, 'the held itinerary');
    expect(Date.parse(hold.start)).toBeLessThan(Date.parse(booked[0] ?? ''));
    expect(Date.parse(hold.start)).toBeGreaterThan(Date.now() - 60_000);
    const [offer] = await eventually(async () => {
      const found = await messagesOf(loop.interviewIds, 'hold_offer');
      return found.length > 0 ? found : undefined;
    }, ASYNC_WAIT_MS, 'the offer');
    expect(offer?.Metadata.interviewId).toBe(loop.interviewIds[0]);
    // HR's key sees the loop's hold on its sessions.
    const detail = await rest<{ waitlist: unknown; hold: { id: string } | null }>('get', `/interviews/${loop.interviewIds[1]}`, { bearer: apiKey });
    expect(detail.body).toMatchObject({ hold: { id: hold.id } });
    expect(detail.body.waitlist).not.toBeNull();
    const listed = await hr.query<{ items: { interviewId: string }[] }>('hr.interviews.list', { waiting: 'hold', pageSize: 100 });
    // A loop is one row of the list, under one of its sessions.
    expect(listed.items.some((i) => loop.interviewIds.includes(i.interviewId))).toBe(true);

    // Joining again while the hold is open is refused, and the hold stays.
    const again = await rest<ProblemAnswer>('post', '/candidate/waitlist', { bearer: loop.token, body: { before: iso(dayAhead(2)).slice(0, 10) } });
    expect(again.status).toBe(400);
    expect((await pageOf(loop.token)).hold?.id).toBe(hold.id);

    const taken = await rest<BookedPage>('post', `/candidate/holds/${hold.id}/accept`, { bearer: loop.token });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(taken.body).toMatchObject({ status: 'SCHEDULED', waitlist: null, hold: null });
    const moved = await portal.api.query<LoopView>('candidate.loop', { token: loop.token });
    expect(moved.sessions.map((s) => s.status)).toEqual(['SCHEDULED', 'SCHEDULED']);
    expect(Date.parse(moved.sessions[0]?.slot?.start ?? '')).toBe(Date.parse(hold.start));
    for (const session of moved.sessions) expect(Date.parse(session.slot?.start ?? '')).toBeLessThan(dayAhead(3));
    // The itinerary left behind is free, the entry gone, and the offer was sent once.
    const now = await claimIdsOf(loop.interviewIds);
    for (const left of bookedClaimIds(loop.interviewIds, booked)) expect(now.has(left)).toBe(false);
    expect(now.size).toBe(2);
    expect(await mongo.collection('waitlist_entries').countDocuments({ _id: loop.loopId as never })).toBe(0);
    await new Promise((done) => setTimeout(done, 2_000));
    expect(await messagesOf(loop.interviewIds, 'hold_offer')).toHaveLength(1);
    await recordHistory(loop.interviewIds[0] ?? '', 'loop-waitlist-accepted', `loop-${loop.loopId}`);
  });

  it('a declined hold releases every held session and takes the candidate off the waitlist; the loop stays where it was', { timeout: 150_000 }, async ({ expect }) => {
    const { loop, first, second, booked } = await bookedLater('decline', dayAhead(2));
    expect((await rest<BookedPage>('post', '/candidate/waitlist', { bearer: loop.token, body: {} })).status).toBe(200);
    await Promise.all([first.back(), second.back()]);
    const hold = await eventually(async () => (await pageOf(loop.token)).hold ?? undefined, 60_000, 'the held itinerary');
    // Held: every session holds its booked time and the held one.
    expect((await claimIdsOf(loop.interviewIds)).size).toBe(4);

    const declined = await rest<BookedPage>('post', `/candidate/holds/${hold.id}/decline`, { bearer: loop.token });
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    expect(declined.body).toMatchObject({ waitlist: null, hold: null });
    const after = await portal.api.query<LoopView>('candidate.loop', { token: loop.token });
    expect(after.sessions.map((s) => s.slot?.start)).toEqual(booked);
    expect([...(await claimIdsOf(loop.interviewIds))].sort()).toEqual(bookedClaimIds(loop.interviewIds, booked).sort());
    // Answered: a second answer finds nothing.
    expect((await rest<ProblemAnswer>('post', `/candidate/holds/${hold.id}/accept`, { bearer: loop.token })).status).toBe(404);
  });
});
