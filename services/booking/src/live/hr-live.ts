import { tracked } from '@trpc/server';
import type { Context } from '../http/context';
import type { HrActor } from '../http/trpc';
import type { LiveEvent } from '../change-feed/live-changes';

/**
 * What an HR page is told: which interview changed and its status now; the page reads the rest as
 * it always does. `interviewId: null` without `resync` only says where the stream stands.
 */
export interface HrLiveChange {
  interviewId: string | null;
  status: string | null;
  /** The changes in between could not be told (the page reconnected to a restarted process): read everything again. */
  resync: boolean;
}

/**
 * HR's list and interview pages: every interview's changes, or one interview's. Authorized like
 * the queries (an HR session); one HR user holds at most the per-client cap of these at once.
 */
export async function* hrLiveChanges(
  ctx: Context & { session: HrActor },
  input: { interviewId?: string | undefined; lastEventId?: string | null | undefined },
  signal: AbortSignal | undefined,
) {
  const { live } = ctx.deps;
  const release = live.admit(`hr:${ctx.session.userId}`);
  try {
    const { team, role, positions } = ctx.session;
    const ours = (event: LiveEvent) => event.change.team === team && (role !== 'hiring_manager' || positions.includes(event.change.position));
    const wanted = (event: LiveEvent) => ours(event) && (input.interviewId === undefined || event.change.interviewId === input.interviewId);
    const told = (event: LiveEvent) => tracked(event.id, { interviewId: event.change.interviewId, status: event.change.status, resync: false } satisfies HrLiveChange);
    const feed = live.listen(signal ?? new AbortController().signal);
    const position = (resync: boolean) => tracked(live.headId(), { interviewId: null, status: null, resync } satisfies HrLiveChange);
    if (typeof input.lastEventId !== 'string') {
      // A first connection learns where the stream stands, so that if it drops it can ask for what followed.
      yield position(false);
    } else {
      const missed = live.since(input.lastEventId);
      if (missed === null) yield position(true);
      else for (const event of missed.filter(wanted)) yield told(event);
    }
    for (;;) {
      const events = await feed.next();
      if (events.length === 0) return;
      for (const event of events.filter(wanted)) yield told(event);
    }
  } finally {
    release();
  }
}
