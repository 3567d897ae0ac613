import { describe, expect, it } from 'vitest';
import { createLiveChanges, type InterviewChange } from './live-changes';

const change = (interviewId: string, interviewerIds = ['grace']): InterviewChange => ({ interviewId, status: 'SCHEDULED', interviewerIds, team: 'default', position: 'Engineer' });

describe('live changes of one booking process', () => {
  it('hands every change to every open subscription, in order', async () => {
    const live = createLiveChanges({ keep: 10, maxPerClient: 2, processId: 'p1' });
    const a = live.listen(new AbortController().signal);
    const b = live.listen(new AbortController().signal);
    live.publish(change('i1'));
    live.publish(change('i2'));
    expect((await a.next()).map((event) => event.change.interviewId)).toEqual(['i1', 'i2']);
    expect((await b.next()).map((event) => event.id)).toEqual(['p1.1', 'p1.2']);
  });

  it('a page that reconnects to the same process gets what it missed, and nothing twice', () => {
    const live = createLiveChanges({ keep: 10, maxPerClient: 2, processId: 'p1' });
    for (const id of ['i1', 'i2', 'i3']) live.publish(change(id));
    expect(live.since('p1.1')?.map((event) => event.change.interviewId)).toEqual(['i2', 'i3']);
    expect(live.since('p1.3')).toEqual([]);
    expect(live.headId()).toBe('p1.3');
  });

  it('cannot tell what an id from another process (a restart) or past the buffer missed', () => {
    const live = createLiveChanges({ keep: 2, maxPerClient: 2, processId: 'p2' });
    for (const id of ['i1', 'i2', 'i3', 'i4']) live.publish(change(id));
    expect(live.since('p1.3')).toBeNull();
    expect(live.since('p2.1')).toBeNull();
    expect(live.since('p2.2')?.map((event) => event.change.interviewId)).toEqual(['i3', 'i4']);
    expect(live.since('p2.9')).toBeNull();
  });

  it('a closed page stops waiting at once, so its subscription can end and release its place', async () => {
    const live = createLiveChanges({ keep: 10, maxPerClient: 2 });
    const closed = new AbortController();
    const waiting = live.listen(closed.signal).next();
    closed.abort();
    expect(await waiting).toEqual([]);
  });

  it('refuses a client past its cap of open subscriptions until one closes', () => {
    const live = createLiveChanges({ keep: 10, maxPerClient: 2 });
    const first = live.admit('token:j1');
    live.admit('token:j1');
    expect(() => live.admit('token:j1')).toThrow(expect.objectContaining({ code: 'RATE_LIMITED' }));
    expect(() => live.admit('token:j2')).not.toThrow();
    first();
    first();
    expect(live.open()).toBe(2);
    expect(() => live.admit('token:j1')).not.toThrow();
  });
});
