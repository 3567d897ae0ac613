import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@portal/db';
import { openTestDatabase } from '@portal/db/testing';
import { holdAll } from './hold-keys';

let db: Database;

const cells = (interviewerId: string, claimId: string, from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    _id: `${interviewerId}|${from + i}`,
    interviewerId,
    cell: from + i,
    claimId,
    interviewId: claimId.split('@')[0] ?? claimId,
    createdAt: new Date(),
  }));

const holders = async (interviewerId: string) => (await db.slotClaims.find({ interviewerId }).lean()).map((cell) => `${cell.cell}:${cell.claimId}`).sort();

beforeAll(async () => {
  db = await openTestDatabase('hold_keys');
});

afterAll(async () => {
  await db?.close();
});

describe('holding a claim\'s keys in one ordered batch', () => {
  it('a racer whose very first key is a rival\'s lands nothing, so there is nothing for it to take back', async () => {
    await holdAll(db.slotClaims, cells('first-key', 'winner@t', 100, 4));
    const result = await holdAll(db.slotClaims, cells('first-key', 'loser@t', 100, 4));
    expect(result).toEqual({ held: false, landed: false });
    expect(await holders('first-key')).toEqual(['100:winner@t', '101:winner@t', '102:winner@t', '103:winner@t']);
  });

  it('a racer running into a rival part-way says some of its keys landed', async () => {
    await holdAll(db.slotClaims, cells('part-way', 'winner@t', 202, 2));
    const result = await holdAll(db.slotClaims, cells('part-way', 'loser@t', 200, 4));
    expect(result).toEqual({ held: false, landed: true });
    expect(await holders('part-way')).toEqual(['200:loser@t', '201:loser@t', '202:winner@t', '203:winner@t']);
  });

  it('a retry finding its own earlier keys first holds the rest, and would take those back too on a loss', async () => {
    await holdAll(db.slotClaims, cells('retry', 'mine@t', 300, 2));
    await holdAll(db.slotClaims, cells('retry', 'rival@t', 303, 1));
    expect(await holdAll(db.slotClaims, cells('retry', 'mine@t', 300, 3))).toEqual({ held: true });
    expect(await holdAll(db.slotClaims, cells('retry', 'mine@t', 300, 4))).toEqual({ held: false, landed: true });
  });
});
