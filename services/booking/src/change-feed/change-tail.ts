import { acrossTeams, teamOf } from '@portal/db/team-scope';
import type { Logger } from 'pino';
import type { Database } from '@portal/db';
import { changedMinuteOf } from '@portal/db/interview-changes';
import type { InterviewStatus } from '@portal/shared/status';
import type { InterviewChange } from './live-changes';

/**
 * Where a booking process learns of interview changes (docs/adr/0033). Interviews change in many
 * places: the lifecycle's activities in the workflows service (booking, timers, HR's actions, a
 * repaired panel), started from this process or from another. Every write names its minute
 * (`changedMinute`, set by the model), so one tail per process reads the last two minutes by
 * equality, every `intervalMs`, and publishes each write it has not seen (an interview and its
 * `updatedAt`). A change this process asked for is read at once by id (`noteWrite`) instead of at
 * the next tick; the tail then knows it and does not publish it twice.
 *
 * The cost is one or two indexed reads per process per tick, whatever the number of open pages,
 * plus one read by id per change made here. Each read returns every interview written in its
 * minute, whole (FerretDB v1 projects after reading): 200 interviews written in two minutes cost
 * FerretDB about 120 ms of CPU per tick. So with `listening`, the tail rests once no live page has
 * been open here for `restAfterMs` (long enough for a dropped page to reconnect and be handed what
 * it missed), and reads nothing; `wake` (a page opening) starts it again at once, with a first read
 * that only learns, and `resumed` tells the stream that what happened meanwhile was never published.
 */
export interface ChangedInterview {
  _id: string;
  status: InterviewStatus;
  interviewerIds: string[];
  updatedAt: Date;
  team?: string;
  position: string;
}

export interface ChangeReader {
  changedIn(minute: number): Promise<ChangedInterview[]>;
  one(interviewId: string): Promise<ChangedInterview | null>;
}

export interface ChangeTail {
  /** Reads once: the first read only learns what is already there (a page loaded after it saw it). */
  tick(): Promise<void>;
  /** Reads this interview now: a change made through this process reaches its pages without waiting for a tick. */
  noteWrite(interviewId: string): void;
  /** A live page opened: a resting tail reads again from now. */
  wake(): void;
  start(): void;
  stop(): void;
}

const FIELDS = { status: 1, interviewerIds: 1, updatedAt: 1, team: 1, position: 1 } as const;

/**
 * Reads every team's changes: the tail is the process's, though a page in one team's request may
 * wake it (and its timers would carry that request's scope; team-scope.ts).
 */
export function databaseChangeReader(db: Database): ChangeReader {
  return {
    changedIn: (minute) => acrossTeams(() => db.interviews.find({ changedMinute: minute }, FIELDS).lean<ChangedInterview[]>().exec()),
    one: (interviewId) => acrossTeams(() => db.interviews.findById(interviewId, FIELDS).lean<ChangedInterview>().exec()),
  };
}

/** A write committed late may carry an `updatedAt` from before the last read: every key is remembered while its minute is read. */
const keyOf = (doc: ChangedInterview) => `${doc._id}@${doc.updatedAt.getTime()}`;
/** After a stall, minutes past this many are not read again: pages that missed them reload on their next event. */
const MAX_MINUTES_BEHIND = 5;

export function createChangeTail(options: {
  reader: ChangeReader;
  publish: (change: InterviewChange) => void;
  intervalMs: number;
  log: Logger;
  now?: () => number;
  /** Whether a live page is open in this process; without it, the tail never rests. */
  listening?: () => boolean;
  restAfterMs?: number;
  resumed?: () => void;
}): ChangeTail {
  const { reader, publish, log } = options;
  const now = options.now ?? Date.now;
  const seen = new Map<string, number>();
  let primed = false;
  let lastMinute: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  // A process nobody has listened to yet rests from its first tick.
  let heardAt = Number.NEGATIVE_INFINITY;
  let resting = false;

  /** Whether this tick reads: false once nobody has listened for `restAfterMs`, until `wake`. */
  function reading(): boolean {
    if (options.listening === undefined) return true;
    if (options.listening()) {
      heardAt = now();
      if (resting) {
        // The first read after a rest only learns, and the stream is told what it never heard.
        resting = false;
        options.resumed?.();
      }
    } else if (!resting && now() - heardAt >= (options.restAfterMs ?? 0)) {
      resting = true;
      primed = false;
      lastMinute = null;
      seen.clear();
    }
    return !resting;
  }

  function take(doc: ChangedInterview, minute: number): void {
    const key = keyOf(doc);
    if (seen.has(key)) return;
    seen.set(key, minute);
    if (primed) publish({ interviewId: doc._id, status: doc.status, interviewerIds: doc.interviewerIds, team: teamOf(doc), position: doc.position });
  }

  async function tick(): Promise<void> {
    if (!reading()) return;
    const current = changedMinuteOf(new Date(now()));
    // Normally the last two minutes; after a stall, every minute since the last read, up to a bound.
    const first = Math.max(Math.min(lastMinute ?? current, current - 1), current - MAX_MINUTES_BEHIND);
    const minutes = Array.from({ length: current - first + 1 }, (_, index) => first + index);
    const read = await Promise.all(minutes.map((minute) => reader.changedIn(minute)));
    read.forEach((docs, index) => docs.forEach((doc) => take(doc, minutes[index] ?? current)));
    for (const [key, minute] of seen) if (minute < current - 1) seen.delete(key);
    lastMinute = current;
    primed = true;
  }

  function schedule(): void {
    timer = setTimeout(() => {
      tick()
        .catch((error: unknown) => log.warn({ err: error }, 'live changes: the tail could not read; trying again at the next tick'))
        .finally(() => running && schedule());
    }, options.intervalMs);
    timer.unref();
  }

  return {
    tick,
    noteWrite(interviewId) {
      if (resting) return;
      reader
        .one(interviewId)
        .then((doc) => doc !== null && primed && take(doc, changedMinuteOf(doc.updatedAt)))
        .catch((error: unknown) => log.warn({ err: error, interviewId }, 'live changes: a change made here could not be read; the tail will see it'));
    },
    wake() {
      heardAt = now();
      if (!resting) return;
      tick().catch((error: unknown) => log.warn({ err: error }, 'live changes: the tail could not read; trying again at the next tick'));
    },
    start() {
      if (running) return;
      running = true;
      schedule();
    },
    stop() {
      running = false;
      if (timer !== null) clearTimeout(timer);
    },
  };
}
