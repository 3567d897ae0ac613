import { tracked } from '@trpc/server';
import type { InterviewDocument } from '@portal/db/documents';
import type { InterviewStatus } from '@portal/shared/status';
import type { Context } from '../http/context';
import { listSlots } from '../slots/slot-listing';
import type { LiveChanges, LiveEvent } from '../change-feed/live-changes';

/** Changes arriving this close together are answered with one fresh list: a burst of bookings is one read per page. */
const COALESCE_MS = 100;

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

type FreeTimes = Awaited<ReturnType<typeof listSlots>>;

/**
 * What a candidate page is told (docs/adr/0033). `free`: the single interview's free times again,
 * when a change touched its pool (null: unchanged, or not a picker's). `changed`: the link's
 * interview or a session of its loop changed (HR moved it, replaced a panel member, cancelled it):
 * the page reads its view again through its usual queries. `itineraries`: a loop's pools were
 * touched, so its offered itineraries may have changed. Nobody's data but the page's own.
 */
export interface CandidateLiveEvent {
  free: FreeTimes | null;
  changed: boolean;
  itineraries: boolean;
}

/** Whose changes a page follows: its own interviews (the link's, or every session of its loop) and the pools they draw on. */
export interface CandidateLiveScope {
  own: ReadonlySet<string>;
  pool: ReadonlySet<string>;
  /** A loop's page books itineraries, not times: it is told of them instead of sent free times. */
  loop: boolean;
  /** The link's interview's status as the stream opened; own changes keep it current. */
  status: InterviewStatus;
}

/** Free times matter while a picker can be open on the page: booking, or moving a booked time. */
const PICKS: ReadonlySet<InterviewStatus> = new Set<InterviewStatus>(['INVITED', 'SCHEDULED']);

/**
 * A candidate page's live stream. A first connection is told only where the stream stands; on
 * reconnection with the id of the last event it got, it is told what it missed, or everything if
 * that cannot be told (the process restarted). Free times are worked out exactly as
 * `candidate.slots` does, once per burst of changes, and only sent when they differ.
 */
export async function* candidateLiveStream(
  deps: { live: LiveChanges; freeTimes: () => Promise<FreeTimes>; linkInterviewId: string },
  scope: CandidateLiveScope,
  lastEventId: string | null | undefined,
  signal: AbortSignal | undefined,
) {
  const { live } = deps;
  let status = scope.status;
  let sent: string | null = null;
  const feed = live.listen(signal ?? new AbortController().signal);

  async function tell(events: LiveEvent[] | null): Promise<CandidateLiveEvent | null> {
    const mine = events === null ? [] : events.filter((event) => scope.own.has(event.change.interviewId));
    for (const event of mine) if (event.change.interviewId === deps.linkInterviewId) status = event.change.status;
    const touched = events === null || events.some((event) => event.change.interviewerIds.some((id) => scope.pool.has(id)));
    const changed = events === null || mine.length > 0;
    let free: FreeTimes | null = null;
    if (touched && !scope.loop && PICKS.has(status)) {
      const fresh = await deps.freeTimes();
      const shown = JSON.stringify(fresh.slots);
      if (shown !== sent) free = fresh;
      sent = shown;
    }
    const itineraries = touched && scope.loop && status === 'INVITED';
    return free === null && !changed && !itineraries ? null : { free, changed, itineraries };
  }

  if (typeof lastEventId !== 'string') {
    // A first connection learns where the stream stands, so that if it drops it can ask for what followed.
    yield tracked(live.headId(), { free: null, changed: false, itineraries: false } satisfies CandidateLiveEvent);
  } else {
    const head = live.headId();
    const told = await tell(live.since(lastEventId));
    if (told !== null) yield tracked(head, told);
  }
  for (;;) {
    const events = await feed.next();
    if (events.length === 0) return;
    await pause(COALESCE_MS);
    events.push(...feed.drain());
    const head = live.headId();
    const told = await tell(events);
    if (told !== null) yield tracked(head, told);
  }
}

/** The stream of the link's page: its own interview, or every session of its loop, and the pools they draw on. */
export async function* candidateLive(ctx: Context & { interview: InterviewDocument }, lastEventId: string | null | undefined, signal: AbortSignal | undefined) {
  const { live, db, env } = ctx.deps;
  const interview = ctx.interview;
  const release = live.admit(`token:${interview.tokenJti}`);
  try {
    const loop = interview.loopId ? await db.loops.findById(interview.loopId).lean() : null;
    const sessionIds = loop?.sessions.map((s) => s.interviewId) ?? [];
    const sessions = await Promise.all(
      sessionIds.map((id) => (id === interview._id ? interview : db.interviews.findById(id, { interviewerIds: 1 }).lean())),
    );
    const scope: CandidateLiveScope = {
      own: new Set([interview._id, ...sessionIds]),
      pool: new Set([...interview.interviewerIds, ...sessions.flatMap((s) => s?.interviewerIds ?? [])]),
      loop: loop !== null,
      status: interview.status,
    };
    yield* candidateLiveStream({ live, linkInterviewId: interview._id, freeTimes: () => listSlots(db, env, interview, new Date()) }, scope, lastEventId, signal);
  } finally {
    release();
  }
}
