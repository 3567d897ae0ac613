import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@portal/db';
import { ApiError } from './support/api-client';
import { alwaysAvailableInterviewer, inviteInTens, signInAsAdmin } from './support/fixtures';
import type { PortalUnderTest } from './support/portal-under-test';
import { SHARED_MINUTE_SETTINGS, sharedPortal } from './support/shared-portal';

let portal: PortalUnderTest;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
let db: Database;
const run = Date.now();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  // An hour to book: every candidate of a burst is invited before any of them books. Each burst's
  // pool is interviewers of this file's own, and only their interviews are counted.
  portal = await sharedPortal(SHARED_MINUTE_SETTINGS);
  hr = await signInAsAdmin(portal.api);
  db = await openDatabase(portal.mongoUrl);
});

afterAll(async () => {
  await db?.close();
  await portal?.stop();
});

async function interviewers(label: string, count: number): Promise<string[]> {
  const ids = [];
  for (let i = 0; i < count; i += 1) ids.push((await alwaysAvailableInterviewer(hr, `${label} ${i} ${run}`)).id);
  return ids;
}

/** `count` candidates of the pool, invited ten at a time, each with their link. */
async function candidates(label: string, pool: string[], count: number, kind: 'technical' | 'panel') {
  const people = Array.from({ length: count }, (_, i) => ({ name: `${label} ${i}`, email: `${label}.${i}.${run}@example.test` }));
  return inviteInTens(hr, portal.sinkUrl, people, pool, 'Data Analyst', { kind });
}

/** Monday-based UTC weeks, as fairness counts them. */
const weekOf = (at: number) => Math.floor((Math.floor(at / DAY) + 3) / 7);

/**
 * `count` offered starts ten minutes apart, an hour ahead or more, all in one week: every
 * interviewer is free at every one of them (interviews are a minute long), so only the rule decides.
 */
async function startsInOneWeek(token: string, count: number): Promise<string[]> {
  const { slots } = await portal.api.query<{ slots: { start: string }[] }>('candidate.slots', { token });
  const ahead = slots.map((s) => s.start).filter((s) => Date.parse(s) > Date.now() + HOUR && new Date(s).getUTCMinutes() % 10 === 0);
  const weeks = [...new Set(ahead.map((s) => weekOf(Date.parse(s))))].map((week) => ahead.filter((s) => weekOf(Date.parse(s)) === week));
  const starts = weeks.find((inWeek) => inWeek.length >= count)?.slice(0, count) ?? [];
  expect(starts).toHaveLength(count);
  return starts;
}

/** The scheduled interviews of a pool: who sits on each, and any interviewer seated twice at once. */
async function scheduledOn(pool: string[]) {
  const scheduled = (await db.interviews.find({ status: 'SCHEDULED' }).lean()).filter((doc) =>
    doc.slot?.interviewerIds.some((id) => pool.includes(id)),
  );
  const seats = new Map(pool.map((id) => [id, [] as { start: number; end: number }[]]));
  for (const doc of scheduled) {
    if (!doc.slot) continue;
    for (const id of doc.slot.interviewerIds) seats.get(id)?.push({ start: doc.slot.start.getTime(), end: doc.slot.end.getTime() });
  }
  const doubleBooked = [...seats.values()].reduce((clashes, times) => {
    const sorted = [...times].sort((a, b) => a.start - b.start);
    return clashes + sorted.filter((time, i) => i > 0 && time.start < (sorted[i - 1]?.end ?? 0)).length;
  }, 0);
  return { scheduled: scheduled.length, perInterviewer: pool.map((id) => seats.get(id)?.length ?? 0), doubleBooked };
}

/** Books every candidate at its start, all at once; fails with the reasons if any booking was refused. Answers the answer times. */
async function bookAtOnce(invited: { token: string }[], starts: string[]): Promise<string> {
  const began = Date.now();
  const timed = (i: number) => async () => {
    await portal.api.mutation('candidate.book', { token: invited[i]?.token, start: starts[i] });
    return Date.now() - began;
  };
  const answers = await Promise.allSettled(invited.map((_, i) => timed(i)()));
  const refused = answers.flatMap((a) => (a.status === 'rejected' ? [a.reason instanceof ApiError ? `${a.reason.domainCode}: ${a.reason.message}` : String(a.reason)] : []));
  expect(refused, [...new Set(refused)].join(' / ')).toEqual([]);
  const ms = answers.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : [])).sort((a, b) => a - b);
  return `answers p50 ${ms[Math.floor(ms.length / 2)]} ms, last ${ms.at(-1)} ms`;
}

describe('fair assignment under bursts', () => {
  it('thirty bookings sent at once on a pool of three end ten each, give or take one, none double-booked', { timeout: 600_000 }, async () => {
    const pool = await interviewers('Burst', 3);
    const invited = await candidates('burst', pool, 30, 'technical');
    const starts = await startsInOneWeek(invited[0]?.token ?? '', 30);
    const timing = await bookAtOnce(invited, starts);
    const held = await scheduledOn(pool);
    console.info(`30 at once on a pool of 3: ${held.perInterviewer.join('/')} (${timing})`);
    expect(held.scheduled).toBe(30);
    expect(held.perInterviewer.reduce((sum, n) => sum + n, 0)).toBe(30);
    expect(Math.max(...held.perInterviewer) - Math.min(...held.perInterviewer), held.perInterviewer.join('/')).toBeLessThanOrEqual(1);
    expect(held.doubleBooked).toBe(0);
    // HR's list counts the same bookings.
    const listed = await hr.query<{ id: string; bookedNext14Days: number }[]>('hr.interviewers.list');
    expect(pool.map((id) => listed.find((i) => i.id === id)?.bookedNext14Days)).toEqual(held.perInterviewer);
  });

  it('twenty panel bookings of two sent at once on a pool of four end ten seats each, give or take one, none double-booked', { timeout: 600_000 }, async () => {
    const pool = await interviewers('Panel burst', 4);
    const invited = await candidates('panelburst', pool, 20, 'panel');
    const starts = await startsInOneWeek(invited[0]?.token ?? '', 20);
    const timing = await bookAtOnce(invited, starts);
    const held = await scheduledOn(pool);
    console.info(`20 panels of 2 at once on a pool of 4: ${held.perInterviewer.join('/')} (${timing})`);
    expect(held.scheduled).toBe(20);
    expect(held.perInterviewer.reduce((sum, n) => sum + n, 0)).toBe(40);
    for (const seats of held.perInterviewer) expect(Math.abs(seats - 10), held.perInterviewer.join('/')).toBeLessThanOrEqual(1);
    expect(held.doubleBooked).toBe(0);
  });
});
