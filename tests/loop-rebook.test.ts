import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASYNC_WAIT_MS, eventually, signInAsAdmin, sinkMessages } from './support/fixtures';
import type { PortalUnderTest } from './support/portal-under-test';
import { createRestClient } from './support/rest-client';
import { sharedPortal } from './support/shared-portal';
import { declineTheDesign, inviteTwoSessionLoop } from './support/two-session-loop';

/**
 * Issue 47, item 3 (docs/adr/0032): a loop session's re-pick can leave it no time of its own (the
 * other sessions' fixed times and the loop's breaks leave none). Then the candidate is offered the
 * whole loop's itineraries again and books one as one move of the sessions that change; HR gets
 * one email and the session's timeline a line.
 */
interface Itinerary {
  itineraryId: string;
  sessions: { start: string; end: string }[];
  keeps: number;
}
interface SessionTimes {
  times: { start: string }[];
  rebook?: { day: string | null; until: string | null; itineraries: Itinerary[] };
}
interface LoopView {
  status: string;
  sessions: { interviewId: string; status: string; slot: { start: string } | null }[];
}

let portal: PortalUnderTest;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
const run = Date.now();
const DAY_MS = 86_400_000;
const tomorrow = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + DAY_MS).toISOString().slice(0, 10);

beforeAll(async () => {
  // The run's common portal: the interviewers, candidate and loop here are this file's own.
  portal = await sharedPortal();
  hr = await signInAsAdmin(portal.api);
}, 240_000);

afterAll(async () => {
  await portal?.stop();
});

const detailOf = (interviewId: string) => hr.query<{ status: string; events: { detail: string }[] }>('hr.interviews.get', { interviewId });

describe('a loop session’s re-pick with no time of its own', () => {
  it('offers the whole loop again, tells HR once, and books the new itinerary as one move', { timeout: 240_000 }, async () => {
    // Back to back: session 2 can only start when session 1 ends.
    const loop = await inviteTwoSessionLoop(hr, portal.sinkUrl, {
      label: 'Rebook', run, candidate: { name: 'Rebook Candidate', email: `rebook.${run}@example.test`, timezone: 'UTC' }, position: `Rebook Engineer ${run}`, durationMinutes: 30,
    });
    const { token, design: s2 } = loop;
    const { itineraries } = await portal.api.query<{ itineraries: Itinerary[] }>('candidate.itineraries', { token, day: tomorrow });
    const [booked] = itineraries;
    if (!booked) throw new Error('no itinerary');
    await portal.api.mutation('candidate.bookItinerary', { token, itineraryId: booked.itineraryId });

    // Session 2's only interviewer declines: nobody can take the place, its re-pick opens.
    await declineTheDesign(portal.api, portal.sinkUrl, loop);

    // No time of its own (session 1 stays at its time, no break allowed): the whole loop instead.
    const listed = await portal.api.query<SessionTimes>('candidate.sessionTimes', { token, sessionId: s2 });
    expect(listed.times).toEqual([]);
    const offered = listed.rebook?.itineraries ?? [];
    expect(offered.length).toBeGreaterThan(0);
    // Best first by the sessions kept where they are; none of them keeps session 2 at its held time.
    expect(offered.map((it) => it.keeps)).toEqual([...offered.map((it) => it.keeps)].sort((a, b) => b - a));
    expect(offered.some((it) => it.sessions[1]?.start === booked.sessions[1]?.start)).toBe(false);
    // Listed again, over REST as an ATS would: the same offer, still one email to HR and one line.
    const rest = await createRestClient(portal.bookingUrl)<SessionTimes>('get', `/candidate/session-times?sessionId=${s2}`, { bearer: token });
    expect(rest.status).toBe(200);
    expect(rest.body.rebook?.itineraries.map((it) => it.itineraryId)).toEqual(offered.map((it) => it.itineraryId));
    const hrEmails = async () => (await sinkMessages(portal.sinkUrl, { tag: 'loop_rebook_offered' })).filter((m) => m.Metadata.interviewId === s2);
    const [told] = await eventually(async () => ((await hrEmails()).length > 0 ? hrEmails() : undefined), ASYNC_WAIT_MS, 'HR’s email');
    expect(told?.Subject).toContain('Rebook Candidate');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await hrEmails()).toHaveLength(1);
    const lines = (await detailOf(s2)).events.filter((e) => /the whole loop offered again/.test(e.detail));
    expect(lines).toHaveLength(1);

    // Booking one moves the sessions that change together; the re-pick is over.
    const [choice] = offered;
    if (!choice) throw new Error('no itinerary offered');
    const after = await portal.api.mutation<LoopView>('candidate.bookItinerary', { token, itineraryId: choice.itineraryId });
    expect(after.status).toBe('BOOKED');
    expect(after.sessions.map((s) => s.slot?.start)).toEqual(choice.sessions.map((s) => s.start));
    const moved = await detailOf(s2);
    expect(moved.status).toBe('SCHEDULED');
    expect(moved.events.some((e) => /^moved from .*the loop booked again whole/.test(e.detail))).toBe(true);
    // Its new time has a whole panel: a plain move again, no offer of the whole loop.
    const now = await portal.api.query<SessionTimes>('candidate.sessionTimes', { token, sessionId: s2 });
    expect(now.rebook).toBeUndefined();
  });
});
