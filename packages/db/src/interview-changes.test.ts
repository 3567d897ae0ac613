import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database';
import type { InterviewDocument } from './documents';
import { changedDayOf, changedMinuteOf, encodeCursor, MAX_DAYS_PER_PAGE, readInterviewChanges } from './interview-changes';
import { openTestDatabase, sampleInterview } from './testing';

const DAY_MS = 24 * 3_600_000;
const NOW = new Date(Date.UTC(2026, 10, 26, 12));
let db: Database;
let seeded: InterviewDocument[];

/** An interview last changed `daysAgo` (and `minutes` into that day), as its writers leave it. */
async function changed(id: string, daysAgo: number, minutes: number): Promise<InterviewDocument> {
  const updatedAt = new Date(Date.UTC(2026, 10, 26) - daysAgo * DAY_MS + minutes * 60_000);
  const doc = { ...sampleInterview(id, {}, new Date(updatedAt.getTime() - DAY_MS)), updatedAt, changedDay: changedDayOf(updatedAt), changedMinute: changedMinuteOf(updatedAt) };
  await db.interviews.collection.insertOne(doc as never);
  return doc;
}

async function walk(start: { updatedSince?: string; cursor?: string }, limit: number) {
  const seen: string[] = [];
  let cursor = start.cursor;
  let pages = 0;
  for (;;) {
    pages += 1;
    const page = await readInterviewChanges(db, { limit, ...(cursor === undefined ? { updatedSince: start.updatedSince } : { cursor }) }, NOW);
    seen.push(...page.items.map((doc) => doc._id));
    cursor = page.nextCursor ?? undefined;
    if (!page.hasMore) return { seen, cursor, pages };
  }
}

beforeAll(async () => {
  db = await openTestDatabase('db_interview_changes');
  // Sparse on purpose: long empty stretches, two changes in one millisecond, one today.
  seeded = [
    await changed('a', 150, 10),
    await changed('b', 150, 10),
    await changed('c', 140, 600),
    await changed('d', 70, 5),
    await changed('e', 3, 1),
    await changed('f', 0, 30),
  ];
}, 60_000);

afterAll(async () => {
  await db?.close();
});

describe('the interview change feed', () => {
  it('walks every change once, oldest first, across empty stretches longer than one page reads', async () => {
    const { seen, pages } = await walk({ updatedSince: new Date(NOW.getTime() - 200 * DAY_MS).toISOString() }, 2);
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    // 200 days cannot be read in one page of at most MAX_DAYS_PER_PAGE days.
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(200 / MAX_DAYS_PER_PAGE));
  });

  it('starts at updatedSince, inclusive', async () => {
    const since = seeded[3]?.updatedAt.toISOString() ?? '';
    expect((await walk({ updatedSince: since }, 10)).seen).toEqual(['d', 'e', 'f']);
  });

  it('past the end the cursor stays, and returns the next change once it happens', async () => {
    const { cursor } = await walk({ updatedSince: new Date(NOW.getTime() - 10 * DAY_MS).toISOString() }, 10);
    const quiet = await readInterviewChanges(db, { limit: 10, cursor }, NOW);
    expect(quiet.items).toEqual([]);
    await db.interviews.collection.updateOne({ _id: 'c' as never }, { $set: { updatedAt: new Date(NOW.getTime() - 60_000), changedDay: changedDayOf(NOW), changedMinute: changedMinuteOf(NOW) - 1 } });
    const next = await readInterviewChanges(db, { limit: 10, cursor: quiet.nextCursor ?? undefined }, NOW);
    expect(next.items.map((doc) => doc._id)).toEqual(['c']);
  });

  it('a poller at the tip reads the minutes since its position: a change in the minute before its clock read, never one it has seen', async () => {
    const position = { at: NOW.getTime() - 10_000, id: 'tip-seen' };
    const atNow = (id: string, msBefore: number, minuteShift = 0) => {
      const updatedAt = new Date(NOW.getTime() - msBefore);
      const doc = { ...sampleInterview(id, {}, new Date(updatedAt.getTime() - DAY_MS)), updatedAt, changedDay: changedDayOf(updatedAt), changedMinute: changedMinuteOf(updatedAt) + minuteShift };
      return db.interviews.collection.insertOne(doc as never);
    };
    await atNow('tip-seen', 10_000);
    // Its minute was read a moment before its time was: the minute before.
    await atNow('tip-early-minute', 5_000, -1);
    await atNow('tip-new', 2_000);
    const page = await readInterviewChanges(db, { limit: 10, cursor: encodeCursor(position) }, NOW);
    expect(page.items.map((doc) => doc._id)).toEqual(['tip-early-minute', 'tip-new']);
    expect(page.hasMore).toBe(false);
    const next = await readInterviewChanges(db, { limit: 10, cursor: page.nextCursor ?? undefined }, NOW);
    expect(next.items).toEqual([]);
    // One at a time, in order.
    const one = await readInterviewChanges(db, { limit: 1, cursor: encodeCursor(position) }, NOW);
    expect(one).toMatchObject({ items: [{ _id: 'tip-early-minute' }], hasMore: true });
    await db.interviews.collection.deleteMany({ _id: { $in: ['tip-seen', 'tip-early-minute', 'tip-new'] } as never });
  });

  it('every write through the model names its day', async () => {
    await db.interviews.create(sampleInterview('written', {}, new Date()));
    const today = changedDayOf(new Date());
    expect((await db.interviews.findById('written').lean())?.changedDay).toBe(today);
    await db.interviews.collection.updateOne({ _id: 'written' as never }, { $set: { changedDay: '2000-01-01' } });
    await db.interviews.updateOne({ _id: 'written' }, { $set: { rescheduleCount: 1 } });
    expect((await db.interviews.findById('written').lean())?.changedDay).toBe(today);
  });
});
