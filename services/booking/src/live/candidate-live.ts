import { tracked } from '@trpc/server';
import type { InterviewDocument } from '@portal/db/documents';
import type { Context } from '../context';
import { listSlots } from '../slot-listing';
import type { LiveEvent } from './live-changes';

/** Changes arriving this close together are answered with one fresh list: a burst of bookings is one read per page. */
const COALESCE_MS = 100;

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * A candidate page's free times, sent again whenever a change touches the interview's pool: a
 * booking, a move or a cancellation by anyone drawing on the same interviewers. The page sees only
 * what `candidate.slots` shows it (its own times, no one's name or interview); the free times are
 * worked out exactly as that query does, once per change, not once per tick.
 *
 * A first connection is told only where the stream stands (`free: null`). On reconnection with
 * the id of the last event it got, the page is sent a fresh list if anything touching the pool
 * happened meanwhile, or if that cannot be told (the process restarted).
 */
export async function* candidateLiveSlots(ctx: Context & { interview: InterviewDocument }, lastEventId: string | null | undefined, signal: AbortSignal | undefined) {
  const { live, db, env } = ctx.deps;
  const release = live.admit(`token:${ctx.interview.tokenJti}`);
  try {
    const pool = new Set(ctx.interview.interviewerIds);
    const touches = (events: LiveEvent[]) => events.some((event) => event.change.interviewerIds.some((id) => pool.has(id)));
    const feed = live.listen(signal ?? new AbortController().signal);
    const fresh = async () => ({ id: live.headId(), slots: await listSlots(db, env, ctx.interview, new Date()) });

    let sent: string | null = null;
    const missed = typeof lastEventId === 'string' ? live.since(lastEventId) : [];
    if (missed === null || touches(missed)) {
      const { id, slots } = await fresh();
      sent = JSON.stringify(slots.slots);
      yield tracked(id, { free: slots });
    } else if (typeof lastEventId !== 'string') {
      // A first connection learns where the stream stands, so that if it drops it can ask for what followed.
      yield tracked(live.headId(), { free: null });
    }
    for (;;) {
      const events = await feed.next();
      if (events.length === 0) return;
      await pause(COALESCE_MS);
      events.push(...feed.drain());
      if (!touches(events)) continue;
      const { id, slots } = await fresh();
      const shown = JSON.stringify(slots.slots);
      if (shown === sent) continue;
      sent = shown;
      yield tracked(id, { free: slots });
    }
  } finally {
    release();
  }
}
