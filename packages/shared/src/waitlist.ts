import { DateTime } from 'luxon';
import { z } from 'zod';
import { screened, secretText } from './text';
/**
 * The waitlist for an earlier time, and the timed exclusive holds it offers (docs/adr/0072).
 * One coordinator workflow takes every word of freed time in turn, so a freed time goes to the
 * first waiting candidate (by when they joined) and to nobody else.
 */
export const WAITLIST_COORDINATOR_TYPE = 'waitlistCoordinator';
/**
 * One per deployment, named by the lifecycles' task queue: portals that share a Temporal namespace
 * (the test run's, or two deployments) each have their own, reading their own database.
 */
export const waitlistCoordinatorId = (lifecycleTaskQueue: string) => `waitlist-coordinator:${lifecycleTaskQueue}`;
/** Time may have freed for these interviewers: offer holds to the candidates waiting on them. */
export const TIME_FREED_SIGNAL = 'timeFreed';
/** The coordinator's word to a lifecycle: this earlier time is held for its candidate. */
export const HOLD_OFFERED_SIGNAL = 'holdOffered';

export const DEFAULT_HOLD_MINUTES = 15;
/** The longest hold HR may set on a kind: a working day. */
export const MAX_HOLD_MINUTES = 24 * 60;

export type HoldPurpose = 'earlier' | 'window';

export interface TimeFreed {
  interviewerIds: string[];
}

export interface WaitlistState {
  joinedAt: string;
  /** Only times before this day (YYYY-MM-DD, the candidate's zone) are offered; null: anything earlier than the booking. */
  before: string | null;
}

/** A time held for one candidate: its claim is theirs until it expires, they decline, or they accept. */
export interface HoldOffer {
  id: string;
  interviewId: string;
  start: string;
  end: string;
  /** The claim the hold took: the one the lifecycle's move to `start` claims again, and so finds its own. */
  claimId: string;
  expiresAt: string;
  /**
   * `earlier`: an earlier time for a booked candidate on the waitlist, accepted as a move (absent in
   * holds from before windows offered times). `window`: a time inside the candidate's windows,
   * accepted as their booking (docs/adr/0073).
   */
  purpose?: HoldPurpose;
  /** State only: whether the lifecycle has recorded it and sent the offer. */
  announced?: boolean;
  /**
   * A loop's hold (docs/adr/0077): a whole earlier itinerary, every session's claim held for the
   * candidate; `interviewId` is then the loop's first session, `start` the first session's start
   * and `end` the last one's end. Absent for a single interview.
   */
  loop?: { loopId: string; sessions: { interviewId: string; start: string; end: string; claimId: string }[] };
}

export interface WaitlistJoin {
  before?: string;
}

export interface HoldAnswer {
  holdId: string;
}

export interface CoordinatorInput {
  /** Pools still to look at, carried over a continue-as-new. */
  pending?: string[][];
}

export const holdIdOf = (interviewId: string, start: string) => `hold_${interviewId}_${Date.parse(start).toString(36)}`;

/** `before` is a day in the candidate's zone: only times before its start are offered. */
export function beforeInstantOf(day: string, timezone: string): string {
  return DateTime.fromISO(day, { zone: timezone }).startOf('day').toUTC().toISO() ?? day;
}

const token = secretText(4096, { min: 10 });
const day = screened(z.iso.date());
const holdId = screened(z.string().max(80).regex(/^hold_[A-Za-z0-9_-]+$/, 'not a hold id this API gave out'));

export const waitlistBody = z.object({
  before: day.optional().meta({ description: 'Only times before this day (in the candidate’s zone); left out, any time earlier than the booking.' }),
});
export const waitlistJoinInput = waitlistBody.extend({ token });
export const holdAnswerInput = z.object({ token, holdId });
