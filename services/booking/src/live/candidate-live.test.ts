import { describe, expect, it } from 'vitest';
import type { InterviewStatus } from '@portal/shared/status';
import { candidateLiveStream, type CandidateLiveScope } from './candidate-live';
import { createLiveChanges } from '../change-feed/live-changes';

const free = (starts: string[]) => ({ slots: starts.map((start) => ({ start, end: start })), horizonDays: 21, minNoticeMinutes: 60 });

/** One page's stream over a bus of its own; `reads` counts the free-time listings it made. */
function page(scope: Partial<CandidateLiveScope> = {}, lastEventId?: string) {
  const live = createLiveChanges({ keep: 10, maxPerClient: 8, processId: 'p' });
  const abort = new AbortController();
  let listed = free(['t1']);
  const counter = { reads: 0 };
  const stream = candidateLiveStream(
    {
      live,
      linkInterviewId: 'mine',
      freeTimes: () => {
        counter.reads += 1;
        return Promise.resolve(listed);
      },
    },
    { own: new Set(['mine']), pool: new Set(['grace']), loop: false, status: 'SCHEDULED', ...scope },
    lastEventId,
    abort.signal,
  );
  const change = (interviewId: string, status: InterviewStatus, interviewerIds = ['grace']) => live.publish({ interviewId, status, interviewerIds, team: 'default', position: 'Engineer' });
  return { live, stream, change, counter, list: (starts: string[]) => (listed = free(starts)), stop: () => abort.abort() };
}

/** An event as tRPC's `tracked()` hands it over: `[id, data]`. */
const next = async (stream: AsyncGenerator<unknown>) => {
  const [id, data] = (await stream.next()).value as [string, unknown];
  return { id, data };
};

describe("a candidate page's live stream", () => {
  it("tells the booked page when its own interview changes (HR moved it, replaced a member), as well as the pool's free times", async () => {
    const p = page();
    expect((await next(p.stream)).data).toEqual({ free: null, changed: false, itineraries: false });
    p.change('mine', 'SCHEDULED');
    const told = await next(p.stream);
    expect(told.data).toEqual({ free: free(['t1']), changed: true, itineraries: false });
    expect(told.id).toBe('p.1');
    // Another interview of the pool, the free times unchanged: nothing to tell.
    p.change('someone-else', 'SCHEDULED');
    p.list(['t2']);
    p.change('someone-else', 'CANCELLED');
    expect((await next(p.stream)).data).toEqual({ free: free(['t2']), changed: false, itineraries: false });
    p.stop();
  });

  it('a loop page hears of every session of its loop, and of its pools as itineraries, never as free times', async () => {
    const p = page({ own: new Set(['mine', 'second', 'third']), pool: new Set(['grace', 'alan']), loop: true, status: 'INVITED' });
    await next(p.stream);
    p.change('elsewhere', 'SCHEDULED', ['alan']);
    expect((await next(p.stream)).data).toEqual({ free: null, changed: false, itineraries: true });
    p.change('third', 'CANCELLED', ['nobody-else']);
    expect((await next(p.stream)).data).toEqual({ free: null, changed: true, itineraries: false });
    expect(p.counter.reads).toBe(0);
    p.stop();
  });

  it('a closed interview is told of its changes but lists no free times', async () => {
    const p = page();
    await next(p.stream);
    p.change('mine', 'CANCELLED');
    expect((await next(p.stream)).data).toEqual({ free: null, changed: true, itineraries: false });
    p.change('elsewhere', 'SCHEDULED');
    p.change('mine', 'CANCELLED');
    await next(p.stream);
    expect(p.counter.reads).toBe(0);
    p.stop();
  });

  it('a page reconnecting after its own interview changed is told so; one whose past cannot be told reads everything', async () => {
    const first = page();
    const seen = (await next(first.stream)).id;
    first.change('mine', 'SCHEDULED', ['nobody-else']);
    const again = candidateLiveStream(
      { live: first.live, linkInterviewId: 'mine', freeTimes: () => Promise.resolve(free(['t1'])) },
      { own: new Set(['mine']), pool: new Set(['grace']), loop: false, status: 'SCHEDULED' },
      seen,
      undefined,
    );
    expect((await next(again)).data).toEqual({ free: null, changed: true, itineraries: false });
    const restarted = page({}, 'another-process.4');
    expect((await next(restarted.stream)).data).toEqual({ free: free(['t1']), changed: true, itineraries: false });
    first.stop();
    restarted.stop();
  });
});
