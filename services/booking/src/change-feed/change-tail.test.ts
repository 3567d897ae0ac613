import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { createChangeTail, type ChangedInterview, type ChangeReader } from './change-tail';
import { createLiveChanges, type InterviewChange } from './live-changes';

/** The interviews collection as the tail reads it: each write stamped with its minute, as the model does. */
function store() {
  const docs = new Map<string, ChangedInterview & { minute: number }>();
  let clock = Date.parse('2026-03-02T10:00:30Z');
  const reader: ChangeReader = {
    changedIn: (minute) => Promise.resolve([...docs.values()].filter((doc) => doc.minute === minute)),
    one: (id) => Promise.resolve(docs.get(id) ?? null),
  };
  return {
    reader,
    now: () => clock,
    advance: (ms: number) => (clock += ms),
    write(id: string, status: ChangedInterview['status'], interviewerIds = ['grace']) {
      clock += 1;
      docs.set(id, { _id: id, status, interviewerIds, updatedAt: new Date(clock), position: 'Engineer', minute: Math.floor(clock / 60_000) });
    },
  };
}

function tailOf(db: ReturnType<typeof store>) {
  const published: InterviewChange[] = [];
  const tail = createChangeTail({ reader: db.reader, publish: (c) => published.push(c), intervalMs: 1_000, log: pino({ level: 'silent' }), now: db.now });
  return { tail, published };
}

const settle = () => new Promise((done) => setTimeout(done, 0));

describe('the change tail of one booking process', () => {
  it('publishes each write made anywhere once, and not what was there before it started', async () => {
    const db = store();
    db.write('old', 'SCHEDULED');
    const { tail, published } = tailOf(db);
    await tail.tick();
    db.write('i1', 'SCHEDULED');
    await tail.tick();
    await tail.tick();
    db.write('i1', 'CANCELLED');
    await tail.tick();
    expect(published.map((c) => `${c.interviewId} ${c.status}`)).toEqual(['i1 SCHEDULED', 'i1 CANCELLED']);
  });

  it('a change made through this process is published at once, and the tick after does not repeat it', async () => {
    const db = store();
    const { tail, published } = tailOf(db);
    await tail.tick();
    db.write('i1', 'SCHEDULED', ['grace', 'alan']);
    tail.noteWrite('i1');
    await settle();
    expect(published).toEqual([{ interviewId: 'i1', status: 'SCHEDULED', interviewerIds: ['grace', 'alan'], team: 'default', position: 'Engineer' }]);
    await tail.tick();
    expect(published).toHaveLength(1);
  });

  it('sees a write across the minute boundary and one after a stall of a few minutes', async () => {
    const db = store();
    const { tail, published } = tailOf(db);
    await tail.tick();
    db.advance(29_000);
    db.write('i1', 'SCHEDULED');
    db.advance(2_000);
    await tail.tick();
    db.write('i2', 'SCHEDULED');
    db.advance(3 * 60_000);
    await tail.tick();
    expect(published.map((c) => c.interviewId)).toEqual(['i1', 'i2']);
  });

  it('two booking processes each see every change, whichever made it', async () => {
    const db = store();
    const first = tailOf(db);
    const second = tailOf(db);
    await Promise.all([first.tail.tick(), second.tail.tick()]);
    db.write('i1', 'SCHEDULED');
    first.tail.noteWrite('i1');
    db.write('i2', 'CANCELLED');
    second.tail.noteWrite('i2');
    await settle();
    await Promise.all([first.tail.tick(), second.tail.tick()]);
    expect(first.published.map((c) => c.interviewId).sort()).toEqual(['i1', 'i2']);
    expect(second.published.map((c) => c.interviewId).sort()).toEqual(['i1', 'i2']);
  });

  it('feeds every subscription of the process from one read', async () => {
    const db = store();
    let reads = 0;
    const live = createLiveChanges({ keep: 10, maxPerClient: 100 });
    const tail = createChangeTail({
      reader: { ...db.reader, changedIn: (minute) => ((reads += 1), db.reader.changedIn(minute)) },
      publish: live.publish,
      intervalMs: 1_000,
      log: pino({ level: 'silent' }),
      now: db.now,
    });
    await tail.tick();
    const pages = Array.from({ length: 50 }, () => live.listen(new AbortController().signal));
    reads = 0;
    db.write('i1', 'SCHEDULED');
    await tail.tick();
    const seen = await Promise.all(pages.map((page) => page.next()));
    expect(seen.every((events) => events.length === 1 && events[0]?.change.interviewId === 'i1')).toBe(true);
    expect(reads).toBe(2);
  });

  it('reads nothing while no live page is open, and a page opening makes it read again, replaying nothing from the rest', async () => {
    const db = store();
    let reads = 0;
    const live = createLiveChanges({ keep: 10, maxPerClient: 100, opened: () => tail.wake() });
    const tail = createChangeTail({
      reader: { ...db.reader, changedIn: (minute) => ((reads += 1), db.reader.changedIn(minute)), one: (id) => ((reads += 1), db.reader.one(id)) },
      publish: live.publish,
      intervalMs: 1_000,
      log: pino({ level: 'silent' }),
      now: db.now,
      listening: () => live.open() > 0,
      restAfterMs: 60_000,
      resumed: live.gap,
    });
    await tail.tick();
    db.write('i1', 'SCHEDULED');
    tail.noteWrite('i1');
    await tail.tick();
    expect(reads).toBe(0);

    // A page opens: the tail reads at once; what was written meanwhile is learnt, not published.
    const release = live.admit('hr:u1');
    const page = live.listen(new AbortController().signal);
    await vi.waitFor(() => expect(reads).toBe(2));
    await settle();
    db.write('i2', 'CANCELLED');
    await tail.tick();
    expect((await page.next()).map((event) => event.change.interviewId)).toEqual(['i2']);
    const lastSeen = live.headId();

    // The page closes; within the rest delay a reconnecting page is handed what it missed.
    release();
    db.advance(30_000);
    db.write('i3', 'SCHEDULED');
    await tail.tick();
    expect(live.since(lastSeen)?.map((event) => event.change.interviewId)).toEqual(['i3']);

    // After it, the tail rests; a page reconnecting later is told to read everything again.
    db.advance(61_000);
    await tail.tick();
    const readsResting = reads;
    db.write('i4', 'SCHEDULED');
    await tail.tick();
    expect(reads).toBe(readsResting);
    live.admit('hr:u1');
    expect(live.since(lastSeen)).toBeNull();
  });
});
