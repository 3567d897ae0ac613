import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from './support/api-client';
import { alwaysAvailableInterviewer, editableInterviewer, inviteAndReadLink, inviteInTens, signInAsAdmin, spacedStarts } from './support/fixtures';
import type { PortalUnderTest } from './support/portal-under-test';
import { sharedPortal } from './support/shared-portal';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The UTC, Monday-based week of an instant, as the limits count it. */
const weekOf = (iso: string) => Math.floor((Math.floor(Date.parse(iso) / DAY) + 3) / 7);

let portal: PortalUnderTest;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
const run = Date.now();

beforeAll(async () => {
  // The run's shared portal (an hour to book): its own interviewers, candidates and interviews only.
  portal = await sharedPortal();
  hr = await signInAsAdmin(portal.api);
});

afterAll(async () => {
  await portal?.stop();
});

interface Detail {
  status: string;
  slot: { start: string; panel: { interviewerId: string; pickedBecause: string | null }[] } | null;
}
const detailOf = (interviewId: string) => hr.query<Detail>('hr.interviews.get', { interviewId });

/** What a refused booking said (its domain code and words); null for a booking. */
function refusalOf(result: PromiseSettledResult<unknown>): string | null {
  if (result.status === 'fulfilled') return null;
  const error: unknown = result.reason;
  if (!(error instanceof ApiError)) throw error;
  return `${error.domainCode}: ${error.message}`;
}

describe('load limits and repeats', () => {
  // Thirty invitations and bookings at once: minutes on a loaded machine, not the default minute.
  it('a weekly limit holds under a burst of 30 bookings, in claims and in the listing', { timeout: 300_000 }, async () => {
    const LIMIT = 3;
    const pool = await Promise.all(
      [1, 2, 3, 4].map(async (i) => {
        const { id } = await alwaysAvailableInterviewer(hr, `Limited ${i} ${run}`);
        const listed = (await hr.query<(Record<string, unknown> & { id: string })[]>('hr.interviewers.list')).find((doc) => doc.id === id);
        if (!listed) throw new Error('not listed');
        await hr.mutation('hr.interviewers.upsert', { ...editableInterviewer(listed), id, weeklyLimit: LIMIT });
        return id;
      }),
    );
    const people = Array.from({ length: 30 }, (_, i) => ({ name: `Burst ${i}`, email: `burst.${i}.${run}@example.test` }));
    const candidates = await inviteInTens(hr, portal.sinkUrl, people, pool);
    const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token: candidates[0]?.token });
    // Distinct, non-overlapping times, two hours apart from an hour ahead.
    const starts = spacedStarts(slots, 30, HOUR, 2 * HOUR);
    // The week the burst fills: the first holding every member's limit in times (late on a Sunday
    // the first week has only a few hours left, and the burst runs on into the next).
    const week = [...new Set(starts.map(weekOf))].find((w) => starts.filter((start) => weekOf(start) === w).length >= LIMIT * pool.length) ?? -1;
    const book = (i: number) => portal.api.mutation('candidate.book', { token: candidates[i]?.token, start: starts[i] });
    const burst = await Promise.allSettled(candidates.map((_, i) => book(i)));
    // A booking the loaded machine answered UNAVAILABLE ("did not answer in time, try again") is tried
    // again, as a candidate's page would; every other refusal is the one the burst gave.
    const results = await Promise.all(burst.map(async (result, i) => (refusalOf(result)?.startsWith('UNAVAILABLE:') ? (await Promise.allSettled([book(i)]))[0] : result)));
    const refusals = new Map<string, number>();
    for (const result of results) {
      const refusal = result ? refusalOf(result) : 'none';
      if (refusal) refusals.set(refusal, (refusals.get(refusal) ?? 0) + 1);
    }
    // What each interview holds now, whatever its answer said: a booking answered UNAVAILABLE may
    // still have landed, and its try again is then refused while it holds a seat.
    const slotsHeld = await Promise.all(candidates.map(async (c) => (await detailOf(c.interviewId)).slot));
    const perInterviewer = new Map<string, number>();
    for (const slot of slotsHeld) {
      if (slot && weekOf(slot.start) === week) for (const m of slot.panel) perInterviewer.set(m.interviewerId, (perInterviewer.get(m.interviewerId) ?? 0) + 1);
    }
    const inWeek = starts.filter((start) => weekOf(start) === week).length;
    console.log(`[load-limits] burst: ${slotsHeld.filter(Boolean).length} booked (${inWeek} times in the week), refusals ${JSON.stringify(Object.fromEntries(refusals))}`);
    expect(Math.max(0, ...perInterviewer.values())).toBeLessThanOrEqual(LIMIT);
    expect([...perInterviewer.values()].reduce((a, b) => a + b, 0)).toBe(Math.min(inWeek, LIMIT * pool.length));
    // Every refusal says why (the limit, or the machine too busy to answer in time), never an expired link or a fault.
    expect([...refusals.keys()].filter((r) => !/^(SLOT_TAKEN|UNAVAILABLE):/.test(r))).toEqual([]);
    // The listing agrees: nothing is offered in a week every member has filled.
    const fresh = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'After Burst', email: `after.burst.${run}@example.test` }, pool);
    const offered = (await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token: fresh.token })).slots;
    expect(offered.filter((slot) => weekOf(slot.start) === week)).toEqual([]);
  });

  it('a candidate meets someone new in a later round while another interviewer is free, and HR sees why', { timeout: 180_000 }, async () => {
    const names = [`Repeat A ${run}`, `Repeat B ${run}`];
    const pool = await Promise.all(names.map(async (name) => (await alwaysAvailableInterviewer(hr, name)).id));
    const email = `repeat.${run}@example.test`;
    const book = async (token: string, afterMs: number) => {
      const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token });
      const start = slots.find((slot) => Date.parse(slot.start) > Date.now() + afterMs)?.start;
      await portal.api.mutation('candidate.book', { token, start });
    };
    const round1 = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Repeat Candidate', email }, pool, 'Round One');
    await book(round1.token, 2 * HOUR);
    const met = (await detailOf(round1.interviewId)).slot?.panel[0]?.interviewerId;
    const other = pool.find((id) => id !== met);
    if (!met || !other) throw new Error('no panel');
    // The other interviewer is now the busier one: fairness alone would pick the one met before.
    for (const i of [1, 2]) {
      const busy = await inviteAndReadLink(hr, portal.sinkUrl, { name: `Busy ${i}`, email: `busy.${i}.${run}@example.test` }, [other]);
      await book(busy.token, (2 + 2 * i) * HOUR);
    }
    const round2 = await inviteAndReadLink(hr, portal.sinkUrl, { name: 'Repeat Candidate', email }, pool, 'Round Two');
    await book(round2.token, 9 * HOUR);
    const detail = await detailOf(round2.interviewId);
    expect(detail.slot?.panel.map((m) => m.interviewerId)).toEqual([other]);
    expect(detail.slot?.panel[0]?.pickedBecause).toMatch(/had not met the candidate before/);
  });
});
