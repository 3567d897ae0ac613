import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@portal/db';
import { alwaysOpenInterviewer, openTestDatabase, sampleInterview } from '@portal/db/testing';
import { createSlotClaims } from './claim-slot';
import { fairPool } from './fair-order';
import { createSeatsInFlight } from './seats-in-flight';

const HOUR = 3_600_000;
const rules = { stepMinutes: 15, minNoticeMinutes: 0, horizonDays: 14 };
let db: Database;
let claims: ReturnType<typeof createSlotClaims>;
/** A second workflows worker's claims: claims in one worker see each other's seats, across workers they meet on the keys. */
let otherWorker: ReturnType<typeof createSlotClaims>;

async function pool(label: string, size: number): Promise<string[]> {
  const ids = Array.from({ length: size }, (_, i) => `${label}-${i}`);
  for (const id of ids) {
    await db.interviewers.create(alwaysOpenInterviewer(id, 48));
  }
  return ids;
}

/** 01:00 UTC on next week's Wednesday: inside the horizon, and a day of thirty half hours never leaves its week. */
function wednesday(): number {
  const day = new Date(Date.now() + 7 * 24 * HOUR);
  const back = (day.getUTCDay() + 7 - 3) % 7;
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - back, 1);
}

/** `count` interviews of the pool, each claiming its own half hour, all at once, half of them in each of two workers. */
async function burst(label: string, interviewerIds: string[], count: number, panelSize: number) {
  const ids = Array.from({ length: count }, (_, i) => `${label}-interview-${i}`);
  for (const id of ids) await db.interviews.create(sampleInterview(id, { durationMinutes: 30, interviewerIds, panelSize }));
  const from = wednesday();
  return Promise.all(
    ids.map((interviewId, i) => (i % 2 === 0 ? claims : otherWorker).claimSlot({ interviewId, start: new Date(from + i * HOUR / 2).toISOString(), rules })),
  );
}

/** Bookings per interviewer, by the day seats held, and how many of the pool's cells were held twice. */
async function heldPerInterviewer(interviewerIds: string[]) {
  const seats = await Promise.all(interviewerIds.map((interviewerId) => db.dayClaims.countDocuments({ interviewerId })));
  const cells = (await Promise.all(interviewerIds.map((interviewerId) => db.slotClaims.find({ interviewerId }).lean()))).flat();
  return { seats, cellsHeldTwice: cells.length - new Set(cells.map((cell) => `${cell.interviewerId}|${cell.cell}`)).size };
}

beforeAll(async () => {
  db = await openTestDatabase('fair_order');
  const deps = { db, calendar: { key: Buffer.alloc(32), timeoutMs: 1_000, claimCheckMs: 500, syncDays: 30 } };
  claims = createSlotClaims(deps);
  otherWorker = createSlotClaims(deps);
});

afterAll(async () => {
  await db?.close();
});

describe('fair assignment under bursts', () => {
  it('thirty claims at once on a pool of three end ten each, give or take one', { timeout: 120_000 }, async () => {
    const ids = await pool('trio', 3);
    const claimed = await burst('trio', ids, 30, 1);
    const held = await heldPerInterviewer(ids);
    expect(held.seats.reduce((sum, n) => sum + n, 0)).toBe(30);
    expect(Math.max(...held.seats) - Math.min(...held.seats), held.seats.join('/')).toBeLessThanOrEqual(1);
    expect(held.cellsHeldTwice).toBe(0);
    // Each booking answered with the interviewer it holds.
    for (const slot of claimed) expect(await db.dayClaims.countDocuments({ claimId: slot.claimId, interviewerId: slot.interviewerId })).toBe(1);
  });

  it('twenty panel claims of two at once on a pool of four end ten seats each, give or take one', { timeout: 120_000 }, async () => {
    const ids = await pool('quad', 4);
    const claimed = await burst('quad', ids, 20, 2);
    expect(claimed.every((slot) => new Set(slot.panel.map((member) => member.interviewerId)).size === 2)).toBe(true);
    const held = await heldPerInterviewer(ids);
    expect(held.seats.reduce((sum, n) => sum + n, 0)).toBe(40);
    for (const seats of held.seats) expect(Math.abs(seats - 10), held.seats.join('/')).toBeLessThanOrEqual(1);
    expect(held.cellsHeldTwice).toBe(0);
  });

  it('a claim meeting the week seat of a booking it did not read counts it and picks the other interviewer', async () => {
    const [first, second] = await pool('unread', 2);
    if (!first || !second) throw new Error('two interviewers expected');
    await db.interviews.create(sampleInterview('unread-1', { durationMinutes: 30, interviewerIds: [first, second] }));
    const start = new Date(wednesday() + 2 * HOUR);
    // A rival's claim of `first` that week, its seat taken but its day claim not written yet.
    const week = Math.floor((Math.floor(start.getTime() / (24 * HOUR)) + 3) / 7);
    await db.weekSeats.create({ _id: `${first}|${week}|0`, claimId: 'rival@x', interviewId: 'rival', interviewerId: first, createdAt: new Date() });
    const claimed = await claims.claimSlot({ interviewId: 'unread-1', start: start.toISOString(), rules });
    expect(claimed.interviewerId).toBe(second);
    expect(await db.weekSeats.countDocuments({ claimId: claimed.claimId })).toBe(1);
  });

  it('a released booking gives its interviewer the next one, and leaves no week seat behind', async () => {
    const ids = await pool('released', 2);
    const [a, b] = await Promise.all(ids.map(async (_, i) => {
      const id = `released-interview-${i}`;
      await db.interviews.create(sampleInterview(id, { durationMinutes: 30, interviewerIds: ids }));
      return claims.claimSlot({ interviewId: id, start: new Date(wednesday() + (4 + i) * HOUR).toISOString(), rules });
    }));
    if (!a || !b) throw new Error('two claims expected');
    expect(a.interviewerId).not.toBe(b.interviewerId);
    await claims.releaseSlot({ interviewId: 'released-interview-0', claimId: a.claimId });
    expect(await db.weekSeats.countDocuments({ claimId: a.claimId })).toBe(0);
    await db.interviews.create(sampleInterview('released-interview-2', { durationMinutes: 30, interviewerIds: ids }));
    const next = await claims.claimSlot({ interviewId: 'released-interview-2', start: new Date(wednesday() + 6 * HOUR).toISOString(), rules });
    expect(next.interviewerId).toBe(a.interviewerId);
  });
  it('a claim that read before a rival in its worker kept a seat counts that booking and asks the other interviewer first', async () => {
    const [first, second] = await pool('kept', 2);
    const members = await db.interviewers.find({ _id: { $in: [first, second] } }).sort({ _id: 1 }).lean();
    if (members.length !== 2) throw new Error('two interviewers expected');
    const start = new Date(wednesday() + 3 * HOUR);
    const inFlight = createSeatsInFlight();
    // Both read the day claims while neither interviewer has a booking; the rival then books `first`
    // (its seat, then its day claim) and is done before the late claim chooses.
    const late = await fairPool(db, members, start, { claimId: 'late@x', interviewId: 'late' }, inFlight);
    const rival = await fairPool(db, members, start, { claimId: 'rival@x', interviewId: 'rival' }, inFlight);
    const asked = rival.next(members);
    if (!asked || asked._id !== first) throw new Error(`the rival was expected to ask ${String(first)} first`);
    expect(await rival.takeSeat(asked, members)).toBe(true);
    await db.dayClaims.create({ _id: `kept-rival-day`, claimId: 'rival@x', interviewId: 'rival', interviewerId: first, start, end: new Date(start.getTime() + HOUR / 2), createdAt: new Date() });
    rival.done([asked]);
    // Its read missed that booking: without the kept seat in view it would ask `first`, lose the
    // seat, and meanwhile count `first` one booking too many for every other claim here.
    expect(late.next(members)?._id).toBe(second);
    late.done([]);
  });

  it('a retry beside its attempt still running seats the interviewer the attempt seated, and the claim holds only that one', async () => {
    const ids = await pool('retried', 2);
    const [first, second] = ids;
    if (!first || !second) throw new Error('two interviewers expected');
    for (const id of ['retried-late', 'retried-r1', 'retried-r2']) await db.interviews.create(sampleInterview(id, { durationMinutes: 30, interviewerIds: ids }));
    const from = wednesday() + 8 * HOUR;
    const late = { interviewId: 'retried-late', start: new Date(from).toISOString(), rules };
    // The attempt's first day claim waits until released: an attempt past its timeout, still running.
    let reached = () => {};
    const atDayClaim = new Promise<void>((resolve) => (reached = resolve));
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let gated = false;
    const dayClaims = new Proxy(db.dayClaims, {
      get(target, key) {
        if (key === 'create') {
          return async (doc: { claimId: string }) => {
            if (doc.claimId.startsWith('retried-late@') && !gated) {
              gated = true;
              reached();
              await released;
            }
            return target.create(doc);
          };
        }
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const worker = createSlotClaims({ db: { ...db, dayClaims }, calendar: { key: Buffer.alloc(32), timeoutMs: 1_000, claimCheckMs: 500, syncDays: 30 } });
    const attempt = worker.claimSlot(late);
    await atDayClaim;
    // The attempt holds `first`'s seat and cells; two bookings finish meanwhile, one on each
    // (`first` last), so a read now sees both booked once and `first` the more recently.
    const r1 = await worker.claimSlot({ interviewId: 'retried-r1', start: new Date(from + HOUR).toISOString(), rules });
    const r2 = await worker.claimSlot({ interviewId: 'retried-r2', start: new Date(from + 2 * HOUR).toISOString(), rules });
    expect([r1.interviewerId, r2.interviewerId]).toEqual([second, first]);
    const retry = worker.claimSlot(late);
    // A retry choosing on its own would answer by now, with `second`; this one waits for the attempt.
    await Promise.race([retry, new Promise((resolve) => setTimeout(resolve, 1_000))]);
    release();
    const [fromAttempt, fromRetry] = await Promise.all([attempt, retry]);
    expect(fromAttempt.interviewerId).toBe(first);
    expect(fromRetry.interviewerId).toBe(first);
    const held = await db.dayClaims.find({ claimId: fromRetry.claimId }).lean();
    expect(held.map((claim) => claim.interviewerId)).toEqual([first]);
  });
});
