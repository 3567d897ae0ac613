import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@portal/db';
import { openTestDatabase } from '@portal/db/testing';
import { foldListMoves, readListPage } from '@portal/db/interview-list';
import { readInterviewChanges } from '@portal/db/interview-changes';
import { seedYear } from './year-of-data';

const DAY_MS = 24 * 3_600_000;
let db: Database;
const now = new Date();

beforeAll(async () => {
  db = await openTestDatabase('year_of_data');
});
afterAll(async () => {
  await db.close();
});

describe('a year of past interviews (pnpm seed:year)', () => {
  it('writes the count asked for, with loops, retakes, scorecards and messages that refer to each other, over the year before now', async () => {
    const written = await seedYear(db, { interviews: 300, interviewers: 40, now, batch: 100 });
    expect(written).toMatchObject({ interviews: 300, interviewers: 40 });
    expect(await db.interviews.countDocuments({})).toBe(300);
    expect(await db.interviewers.countDocuments({})).toBe(40);

    const loops = await db.loops.find({}).lean();
    expect(loops.length).toBe(written.loops);
    expect(loops.length).toBeGreaterThan(5);
    for (const loop of loops.slice(0, 5)) {
      const sessions = await db.interviews.find({ loopId: loop._id }).lean();
      expect(sessions.map((s) => s._id).sort()).toEqual(loop.sessions.map((s) => s.interviewId).sort());
      expect(await db.loopSessions.countDocuments({ loopId: loop._id })).toBe(3);
    }

    const retakes = await db.interviews.find({ attempt: 2 }).lean();
    expect(retakes.length).toBe(written.retakes);
    for (const retake of retakes) {
      const first = await db.interviews.findById(retake.previousInterviewId).lean();
      expect(first).toMatchObject({ outcome: 'FAILED', nextInterviewId: retake._id });
    }

    const completed = await db.interviews.find({ status: 'COMPLETED' }).lean();
    const scorecards = await db.scorecards.find({}).lean();
    expect(scorecards.length).toBe(completed.reduce((sum, interview) => sum + (interview.slot?.interviewerIds.length ?? 0), 0));
    expect(new Set(scorecards.map((card) => card.interviewId))).toEqual(new Set(completed.map((interview) => interview._id)));

    const messages = await db.messages.find({}).lean();
    expect(messages.length).toBe(written.messages);
    expect(new Set(messages.map((m) => m.interviewId)).size).toBe(300);
    expect(messages.filter((m) => m.kind === 'thank_you').length).toBe(completed.length);

    const all = await db.interviews.find({}).lean();
    for (const interview of all) {
      expect(interview.createdAt.getTime()).toBeGreaterThan(now.getTime() - 366 * DAY_MS);
      expect(interview.updatedAt.getTime()).toBeLessThan(now.getTime());
      expect(interview.changedDay).toBe(interview.updatedAt.toISOString().slice(0, 10));
      if (interview.slot) expect(interview.slot.end.getTime()).toBeLessThan(now.getTime());
    }
  });

  it('shows in HR\'s list once folded and in the change feed day by day, and a second run writes nothing again', async () => {
    await foldListMoves(db);
    const page = await readListPage(db, { status: 'COMPLETED' }, 1, 50);
    expect(page.total).toBe(await db.interviews.countDocuments({ status: 'COMPLETED' }));

    let cursor: string | null = null;
    const seen = new Set<string>();
    for (let pages = 0; pages < 400; pages += 1) {
      const feed: Awaited<ReturnType<typeof readInterviewChanges>> = await readInterviewChanges(
        db,
        cursor ? { limit: 50, cursor } : { limit: 50, updatedSince: new Date(now.getTime() - 400 * DAY_MS).toISOString() },
      );
      for (const item of feed.items) seen.add(item._id);
      cursor = feed.nextCursor;
      if (!feed.hasMore && feed.items.length === 0) break;
    }
    expect(seen.size).toBe(300);

    const again = await seedYear(db, { interviews: 300, interviewers: 40, now, batch: 100 });
    expect(again).toMatchObject({ interviews: 0, interviewers: 0, scorecards: 0, messages: 0, auditEvents: 0 });
    expect(await db.interviews.countDocuments({})).toBe(300);
  });
});
