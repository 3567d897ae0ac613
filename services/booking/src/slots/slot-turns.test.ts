import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '@portal/db';
import { openTestDatabase } from '@portal/db/testing';
import { DomainError } from '@portal/shared/errors';
import { claimCells } from '@portal/shared/slots';
import { claimedByOthers, createSlotTurns, type SlotAsk } from './slot-turns';

const start = new Date('2030-03-04T10:00:00.000Z');
const ask = (id: string, interviewerIds = ['ada', 'bo'], at = start): SlotAsk => ({ interview: { _id: id, interviewerIds, panelSize: 1 }, start: at });

/** A change the test finishes by hand, recording that it ran. */
function pending(ran: string[], name: string) {
  let finish!: (value: string) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<string>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return {
    change: () => {
      ran.push(name);
      return promise;
    },
    finish: () => finish(name),
    fail: (error: Error) => fail(error),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('candidates racing for one time', () => {
  it('asks the lifecycle for the first only; the others, once it booked, are refused as taken without asking', async () => {
    const ran: string[] = [];
    let booked = false;
    const inTurn = createSlotTurns(async () => booked);
    const first = pending(ran, 'first');
    const answers = [inTurn(ask('i1'), first.change), inTurn(ask('i2'), pending(ran, 'second').change), inTurn(ask('i3'), pending(ran, 'third').change)];
    await settle();
    expect(ran).toEqual(['first']);
    booked = true;
    first.finish();
    const [one, two, three] = await Promise.allSettled(answers);
    expect(one).toEqual({ status: 'fulfilled', value: 'first' });
    for (const refused of [two, three]) {
      expect(refused?.status).toBe('rejected');
      expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(DomainError);
      expect(((refused as PromiseRejectedResult).reason as DomainError).code).toBe('SLOT_TAKEN');
    }
    expect(ran).toEqual(['first']);
  });

  it('refuses all those who waited with one look between them, taken once the first is done', async () => {
    const ran: string[] = [];
    let looks = 0;
    let booked = false;
    const inTurn = createSlotTurns(async () => {
      looks += 1;
      return booked;
    });
    const first = pending(ran, 'first');
    const asking = inTurn(ask('i1'), first.change);
    const waiting = Array.from({ length: 9 }, (_, i) => inTurn(ask(`i${i + 2}`), pending(ran, `racer ${i + 2}`).change));
    const answers = Promise.allSettled([asking, ...waiting]);
    await settle();
    expect(looks).toBe(0);
    booked = true;
    first.finish();
    const results = await answers;
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as DomainError).code : r.value))).toEqual(['first', ...Array(9).fill('SLOT_TAKEN')]);
    expect(looks).toBe(1);
    expect(ran).toEqual(['first']);
  });

  it('refuses those waiting as soon as a look sees the time held, while the first is still asking', async () => {
    const ran: string[] = [];
    let looks = 0;
    let claimLanded = false;
    const inTurn = createSlotTurns(async () => {
      looks += 1;
      return claimLanded;
    }, 10_000, 5);
    const first = pending(ran, 'first');
    const asking = inTurn(ask('i1'), first.change);
    const waiting = Promise.allSettled(Array.from({ length: 4 }, (_, i) => inTurn(ask(`i${i + 2}`), pending(ran, `racer ${i + 2}`).change)));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const looksWhileOpen = looks;
    // The first's claim holds the cells; the rest of its booking has not finished.
    claimLanded = true;
    const results = await waiting;
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as DomainError).code : r.value))).toEqual(Array(4).fill('SLOT_TAKEN'));
    expect(ran).toEqual(['first']);
    // One look at a time for all four, not one each.
    expect(looksWhileOpen).toBeGreaterThan(0);
    expect(looksWhileOpen).toBeLessThanOrEqual(6);
    first.finish();
    await expect(asking).resolves.toBe('first');
  });

  it('one who comes in just after the first booked looks before asking, and is refused without asking', async () => {
    const ran: string[] = [];
    let booked = false;
    const inTurn = createSlotTurns(async () => booked);
    const first = pending(ran, 'first');
    const asking = inTurn(ask('i1'), first.change);
    booked = true;
    first.finish();
    await expect(asking).resolves.toBe('first');
    const late = await inTurn(ask('i2'), pending(ran, 'late').change).catch((error: unknown) => error);
    expect((late as DomainError).code).toBe('SLOT_TAKEN');
    expect(ran).toEqual(['first']);
  });

  it('lets those who waited ask when their look fails, rather than failing them', async () => {
    const ran: string[] = [];
    const inTurn = createSlotTurns(async () => {
      throw new Error('the database is away');
    });
    const first = pending(ran, 'first');
    const second = pending(ran, 'second');
    const answers = Promise.allSettled([inTurn(ask('i1'), first.change), inTurn(ask('i2'), second.change)]);
    await settle();
    first.finish();
    await settle();
    await settle();
    expect(ran).toEqual(['first', 'second']);
    second.finish();
    expect((await answers).map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
  });

  it('lets the next one ask when the first failed, and keeps the order they came in', async () => {
    const ran: string[] = [];
    const inTurn = createSlotTurns(async () => false);
    const first = pending(ran, 'first');
    const second = pending(ran, 'second');
    const third = pending(ran, 'third');
    const answers = Promise.allSettled([inTurn(ask('i1'), first.change), inTurn(ask('i2'), second.change), inTurn(ask('i3'), third.change)]);
    await settle();
    first.fail(new Error('the lifecycle was unreachable'));
    await settle();
    expect(ran).toEqual(['first', 'second']);
    second.finish();
    await settle();
    third.finish();
    const results = await answers;
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(ran).toEqual(['first', 'second', 'third']);
  });

  it('does not hold up another time, or the same time of another pool', async () => {
    const ran: string[] = [];
    const inTurn = createSlotTurns(async () => false);
    const first = pending(ran, 'first');
    void inTurn(ask('i1'), first.change);
    void inTurn(ask('i2', ['ada', 'bo'], new Date(start.getTime() + 3_600_000)), pending(ran, 'later').change);
    void inTurn(ask('i3', ['cy']), pending(ran, 'other pool').change);
    // The same pool named in another order is the same pool.
    void inTurn(ask('i4', ['bo', 'ada']), pending(ran, 'same pool').change);
    await settle();
    expect(ran).toEqual(['first', 'later', 'other pool']);
    first.finish();
    await settle();
    await settle();
    expect(ran).toContain('same pool');
  });

  it('asks anyway when the one ahead takes longer than the wait allows', async () => {
    const ran: string[] = [];
    const inTurn = createSlotTurns(async () => false, 20);
    void inTurn(ask('i1'), pending(ran, 'stuck').change);
    const second = pending(ran, 'second');
    const answer = inTurn(ask('i2'), second.change);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(ran).toEqual(['stuck', 'second']);
    second.finish();
    await expect(answer).resolves.toBe('second');
  });
});

describe('the look a waiting racer takes before asking', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase('slot_turns');
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await db.slotClaims.deleteMany({});
  });

  /** The cells a one-hour claim from `at` holds for one interviewer, as the claim writes them. */
  async function claimed(interviewerId: string, interviewId: string, at = start) {
    const cells = claimCells({ start: at, end: new Date(at.getTime() + 3_600_000), bufferBeforeMinutes: 10, bufferAfterMinutes: 0 });
    const claimId = `${interviewId}@${at.toISOString()}`;
    await db.slotClaims.insertMany(cells.map((cell) => ({ _id: `${interviewerId}|${cell}`, interviewerId, cell, claimId, interviewId, createdAt: new Date() })));
  }

  it('says taken only when too few of the pool are left for the panel', async () => {
    const taken = claimedByOthers(db);
    expect(await taken(ask('mine'))).toBe(false);
    await claimed('ada', 'rival-1');
    expect(await taken(ask('mine'))).toBe(false);
    await claimed('bo', 'rival-2');
    expect(await taken(ask('mine'))).toBe(true);
  });

  it('counts a panel of two as taken once one of a pool of two is held', async () => {
    await claimed('bo', 'rival');
    expect(await claimedByOthers(db)({ interview: { _id: 'mine', interviewerIds: ['ada', 'bo'], panelSize: 2 }, start })).toBe(true);
  });

  it("does not count this interview's own claim (a retry of the same booking) against it", async () => {
    await claimed('ada', 'mine');
    await claimed('bo', 'mine');
    expect(await claimedByOthers(db)(ask('mine'))).toBe(false);
  });

  it('looks at the start only: a claim ending before it, or starting after it, leaves the time open', async () => {
    await claimed('ada', 'rival-1', new Date(start.getTime() - 3_600_000));
    await claimed('bo', 'rival-2', new Date(start.getTime() + 30 * 60_000));
    expect(await claimedByOthers(db)(ask('mine'))).toBe(false);
  });
});
