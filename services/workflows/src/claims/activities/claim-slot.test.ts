import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@portal/db';
import { readBusyTimes } from '@portal/db/busy-times';
import { alwaysOpenInterviewer, openTestDatabase, sampleInterview } from '@portal/db/testing';
import { DomainError } from '@portal/shared/errors';
import { createSlotClaims } from './claim-slot';

const HOUR = 3_600_000;
const rules = { stepMinutes: 15, minNoticeMinutes: 0, horizonDays: 2 };
let db: Database;
let claims: ReturnType<typeof createSlotClaims>;

async function interviewFor(id: string, interviewerId: string): Promise<void> {
  await db.interviews.create(sampleInterview(id, { durationMinutes: 30, interviewerIds: [interviewerId] }));
}

async function interviewer(id: string): Promise<void> {
  await db.interviewers.create(alwaysOpenInterviewer(id, 4));
}

/**
 * Noon UTC tomorrow: inside the two-day horizon whatever the hour the suite runs, and far from midnight, so a
 * slot a quarter-hour before it or half an hour after it stays inside the same day's availability.
 */
function startSoon(): string {
  const tomorrow = new Date(Date.now() + 24 * HOUR);
  return new Date(Date.UTC(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth(), tomorrow.getUTCDate(), 12)).toISOString();
}

async function heldBy(interviewerId: string) {
  const cells = await db.slotClaims.find({ interviewerId }).lean();
  const seats = await db.dayClaims.find({ interviewerId }).lean();
  return { cells: cells.map((cell) => cell.claimId), seats: seats.map((seat) => seat.claimId) };
}

beforeAll(async () => {
  db = await openTestDatabase('claim_slot');
  claims = createSlotClaims({ db, calendar: { key: Buffer.alloc(32), timeoutMs: 1_000, claimCheckMs: 500, syncDays: 30 } });
});

afterAll(async () => {
  await db?.close();
});

describe('claiming a slot', () => {
  it('an attempt and its retry running side by side both answer with the slot, held once', async () => {
    await interviewer('retried');
    await interviewFor('retried-1', 'retried');
    const request = { interviewId: 'retried-1', start: startSoon(), rules };
    const [first, retry] = await Promise.all([claims.claimSlot(request), claims.claimSlot(request)]);
    expect(retry).toEqual(first);
    const held = await heldBy('retried');
    // Thirty minutes are six five-minute cells, and one of the day's seats.
    expect(held.cells).toEqual(Array(6).fill(first.claimId));
    expect(held.seats).toEqual([first.claimId]);
  });

  it("a claim given the interview's facts by its lifecycle holds the same cells as one that reads the document", async () => {
    await interviewer('given');
    await interviewFor('given-read', 'given');
    await interviewFor('given-facts', 'given');
    const start = Date.parse(startSoon());
    const read = await claims.claimSlot({ interviewId: 'given-read', start: new Date(start).toISOString(), rules });
    const given = await claims.claimSlot({
      interviewId: 'given-facts',
      start: new Date(start + HOUR).toISOString(),
      rules,
      interview: { interviewerIds: ['given'], durationMinutes: 30, panelSize: 1 },
    });
    expect(given.interviewerId).toBe('given');
    expect(Date.parse(given.end) - Date.parse(given.start)).toBe(Date.parse(read.end) - Date.parse(read.start));
    const held = await heldBy('given');
    expect(held.cells.filter((id) => id === given.claimId)).toHaveLength(6);
    expect(held.cells.filter((id) => id === read.claimId)).toHaveLength(6);
  });

  it('six claims at once on one day of an interviewer who takes four a day: four hold a seat each, two are SLOT_TAKEN', async () => {
    await interviewer('capped');
    const ids = Array.from({ length: 6 }, (_, i) => `capped-${i}`);
    for (const id of ids) await interviewFor(id, 'capped');
    // An hour apart from noon: no two overlap, all on the interviewer's one (UTC) day.
    const answers = await Promise.allSettled(
      ids.map((interviewId, i) => claims.claimSlot({ interviewId, start: new Date(Date.parse(startSoon()) + i * HOUR).toISOString(), rules })),
    );
    const won = answers.flatMap((a) => (a.status === 'fulfilled' ? [a.value.claimId] : []));
    const refused = answers.flatMap((a) => (a.status === 'rejected' ? [(a.reason as DomainError).code] : []));
    expect(won).toHaveLength(4);
    expect(refused).toEqual(['SLOT_TAKEN', 'SLOT_TAKEN']);
    const held = await heldBy('capped');
    expect(held.seats.sort()).toEqual([...won].sort());
    expect(new Set(held.cells)).toEqual(new Set(won));
  });

  it('a rival claim overlapping by one cell is SLOT_TAKEN and leaves nothing of its own behind', async () => {
    await interviewer('contested');
    await interviewFor('contested-1', 'contested');
    await interviewFor('contested-2', 'contested');
    const start = startSoon();
    const won = await claims.claimSlot({ interviewId: 'contested-1', start, rules });
    const overlapping = new Date(Date.parse(start) + 15 * 60_000).toISOString();
    const lost = await claims.claimSlot({ interviewId: 'contested-2', start: overlapping, rules }).catch((error: unknown) => error);
    expect(lost).toBeInstanceOf(DomainError);
    expect((lost as DomainError).code).toBe('SLOT_TAKEN');
    const held = await heldBy('contested');
    expect(new Set([...held.cells, ...held.seats])).toEqual(new Set([won.claimId]));
  });

  it("a claim under its kind's buffer holds the member's time through it: a rival inside it is SLOT_TAKEN, one past it holds", async () => {
    await interviewer('written-up');
    await Promise.all(['written-up-1', 'written-up-2', 'written-up-3'].map((id) => interviewFor(id, 'written-up')));
    const start = startSoon();
    const writeUp = { ...rules, bufferBeforeMinutes: 0, bufferAfterMinutes: 30 };
    const won = await claims.claimSlot({ interviewId: 'written-up-1', start, rules: writeUp });
    const at = (minutes: number) => new Date(Date.parse(start) + minutes * 60_000).toISOString();
    // The interview lasts 30 minutes; its write-up runs to 60. The member's own buffers are none.
    const inside = await claims.claimSlot({ interviewId: 'written-up-2', start: at(45), rules }).catch((error: unknown) => error);
    expect((inside as DomainError).code).toBe('SLOT_TAKEN');
    const past = await claims.claimSlot({ interviewId: 'written-up-3', start: at(60), rules });
    expect(past.start).toBe(at(60));
    const window = { from: new Date(), to: new Date(Date.now() + 3 * 24 * HOUR) };
    const busy = await readBusyTimes(db, ['written-up'], window.from, window.to);
    expect(busy.find((b) => b.start.toISOString() === won.start)).toMatchObject({ bufferBeforeMinutes: 0, bufferAfterMinutes: 30 });
  });

  it('a held slot is the interviewer\'s busy time until it is released', async () => {
    await interviewer('busy');
    await interviewFor('busy-1', 'busy');
    const start = startSoon();
    const held = await claims.claimSlot({ interviewId: 'busy-1', start, rules });
    const window = { from: new Date(), to: new Date(Date.now() + 3 * 24 * HOUR) };
    expect(await readBusyTimes(db, ['busy'], window.from, window.to)).toEqual([
      // With the buffers the claim covered, so the listing keeps them whatever the next interview's kind.
      { interviewerId: 'busy', start: new Date(held.start), end: new Date(held.end), bufferBeforeMinutes: 0, bufferAfterMinutes: 0 },
    ]);
    await claims.releaseSlot({ interviewId: 'busy-1', claimId: held.claimId });
    expect(await readBusyTimes(db, ['busy'], window.from, window.to)).toEqual([]);
  });

  it('a rival claim running into a held cell part-way leaves none of the cells it inserted before it', async () => {
    await interviewer('partial');
    await interviewFor('partial-1', 'partial');
    await interviewFor('partial-2', 'partial');
    const start = startSoon();
    const won = await claims.claimSlot({ interviewId: 'partial-1', start, rules });
    // Fifteen minutes earlier: its first three cells are free and land, the fourth is held.
    const earlier = new Date(Date.parse(start) - 15 * 60_000).toISOString();
    const lost = await claims.claimSlot({ interviewId: 'partial-2', start: earlier, rules }).catch((error: unknown) => error);
    expect((lost as DomainError).code).toBe('SLOT_TAKEN');
    const held = await heldBy('partial');
    expect(held.cells).toEqual(Array(6).fill(won.claimId));
    expect(held.seats).toEqual([won.claimId]);
  });

  it('a retry refused at its first member still takes back what its earlier attempt held for the second', async () => {
    await interviewer('pair-a');
    await interviewer('pair-b');
    await interviewFor('pair-rival', 'pair-a');
    await db.interviews.create(sampleInterview('pair-1', { durationMinutes: 30, interviewerIds: ['pair-a', 'pair-b'], panelSize: 2 }));
    const start = startSoon();
    // The earlier attempt held pair-b's cells and died; meanwhile a rival took pair-a at that time.
    await db.slotClaims.insertMany(
      [0, 1, 2, 3, 4, 5].map((after) => {
        const cell = Date.parse(start) / (5 * 60_000) + after;
        return { _id: `pair-b|${cell}`, interviewerId: 'pair-b', cell, claimId: `pair-1@${start}`, interviewId: 'pair-1', createdAt: new Date() };
      }),
    );
    await claims.claimSlot({ interviewId: 'pair-rival', start, rules });
    const retried = await claims.claimSlot({ interviewId: 'pair-1', start, rules }).catch((error: unknown) => error);
    expect((retried as DomainError).code).toBe('SLOT_TAKEN');
    expect(await heldBy('pair-b')).toEqual({ cells: [], seats: [] });
  });

  it('a retry finding some of its own cells already held by its first attempt completes the claim', async () => {
    await interviewer('resumed');
    await interviewFor('resumed-1', 'resumed');
    const start = startSoon();
    const claimId = `resumed-1@${start}`;
    // The first attempt timed out after its second and third cells landed.
    await db.slotClaims.insertMany(
      [1, 2].map((after) => {
        const cell = Date.parse(start) / (5 * 60_000) + after;
        return { _id: `resumed|${cell}`, interviewerId: 'resumed', cell, claimId, interviewId: 'resumed-1', createdAt: new Date() };
      }),
    );
    const claimed = await claims.claimSlot({ interviewId: 'resumed-1', start, rules });
    expect(claimed.claimId).toBe(claimId);
    const held = await heldBy('resumed');
    expect(held.cells).toEqual(Array(6).fill(claimId));
    expect(held.seats).toEqual([claimId]);
  });
});

describe('claiming a loop', () => {
  it('two loops racing for one itinerary, listing its sessions in opposite orders: in each of ten races one holds every session, the other is refused before it holds any', async () => {
    // Room for every race on their one day.
    await db.interviewers.create([alwaysOpenInterviewer('race-x', 24), alwaysOpenInterviewer('race-y', 24)]);
    const noon = Date.parse(startSoon());
    const races = await Promise.all(
      Array.from({ length: 10 }, async (_, race) => {
        // An hour per race, from ten hours before noon: two back-to-back sessions of thirty minutes.
        const first = new Date(noon - (10 - race) * HOUR).toISOString();
        const second = new Date(noon - (10 - race) * HOUR + 30 * 60_000).toISOString();
        for (const loop of ['a', 'b']) {
          await interviewFor(`race-${race}-${loop}-x`, 'race-x');
          await interviewFor(`race-${race}-${loop}-y`, 'race-y');
        }
        const [a, b] = await Promise.all([
          claims.claimLoopSlots([
            { interviewId: `race-${race}-a-x`, start: first, rules },
            { interviewId: `race-${race}-a-y`, start: second, rules },
          ]),
          // The same itinerary, its sessions listed the other way round (a loop in free order).
          claims.claimLoopSlots([
            { interviewId: `race-${race}-b-y`, start: second, rules },
            { interviewId: `race-${race}-b-x`, start: first, rules },
          ]),
        ]);
        return [a, b];
      }),
    );
    for (const [race, outcomes] of races.entries()) {
      const held = outcomes.map((loop) => loop.filter((o) => 'slot' in o).length);
      // One loop holds both sessions; the other holds none: refused at the first session in the one order, the other never claimed.
      expect(held.sort(), `race ${race}: ${JSON.stringify(outcomes)}`).toEqual([0, 2]);
      const loser = outcomes.find((loop) => !loop.some((o) => 'slot' in o)) ?? [];
      expect(loser.find((o) => o.interviewId.endsWith('-x'))).toMatchObject({ refused: { code: 'SLOT_TAKEN', reason: 'booked' } });
      expect(loser.find((o) => o.interviewId.endsWith('-y'))).toMatchObject({ unclaimed: true });
    }
  });

  it('a session refused for its interviewer\'s daily limit or time off says so, not "taken"', async () => {
    await db.interviewers.create(alwaysOpenInterviewer('capped-once', 1));
    await interviewer('off-later');
    await interviewFor('limit-1', 'capped-once');
    await interviewFor('limit-2', 'capped-once');
    await interviewFor('limit-off', 'off-later');
    const start = startSoon();
    await claims.claimSlot({ interviewId: 'limit-1', start, rules });
    // The same day, two hours later: the interviewer's one seat a day is held.
    const later = new Date(Date.parse(start) + 2 * HOUR).toISOString();
    const [limit] = await claims.claimLoopSlots([{ interviewId: 'limit-2', start: later, rules }]);
    expect(limit).toMatchObject({ refused: { code: 'SLOT_TAKEN', reason: 'limit' } });
    await db.interviewers.updateOne({ _id: 'off-later' }, { $set: { timeOff: [{ start: new Date(Date.parse(start) - HOUR), end: new Date(Date.parse(start) + HOUR) }] } });
    const [off] = await claims.claimLoopSlots([{ interviewId: 'limit-off', start, rules }]);
    expect(off).toMatchObject({ refused: { code: 'SLOT_UNAVAILABLE', reason: 'unavailable' } });
  });
});
