import type { InterviewStatus } from './status';
import type { AvailabilityState } from './availability';
import type { HoldOffer, WaitlistState } from './waitlist';
import type { LifecycleInput, SlotRequest, SlotState } from './lifecycle';

/** The loop workflow's contract: one parent per loop, a child lifecycle per session (docs/adr/0031). */
export const LOOP_WORKFLOW_TYPE = 'interviewLoop';
export const LOOP_UPDATES = {
  book: 'bookItinerary',
  cancel: 'cancelLoop',
  moveSessions: 'moveLoopSessions',
  submitAvailability: 'submitLoopAvailability',
  joinWaitlist: 'joinLoopWaitlist',
  leaveWaitlist: 'leaveLoopWaitlist',
  acceptHold: 'acceptLoopHold',
  declineHold: 'declineLoopHold',
} as const;
export const LOOP_STATE_QUERY = 'loopState';

export const loopWorkflowId = (loopId: string) => `loop-${loopId}`;

/** How a loop's sessions may be laid out: HR's template, fixed on the loop at invitation. */
export interface LoopRules {
  /** `fixed`: the sessions in the template's order; `free`: any order. */
  order: 'fixed' | 'free';
  /** The break between two sessions on the same day. */
  minBreakMinutes: number;
  maxBreakMinutes: number;
  /** 1: same day; up to this many consecutive days otherwise (in the candidate's zone). */
  days: number;
  maxSessionsPerDay: number;
}

/** Refusals of a layout of the rules themselves, named by field; null when they hold together. */
export function loopRulesProblem(rules: LoopRules, sessions: number): { field: keyof LoopRules; message: string } | null {
  if (rules.maxBreakMinutes < rules.minBreakMinutes) return { field: 'maxBreakMinutes', message: 'must not be less than minBreakMinutes' };
  if (rules.days * rules.maxSessionsPerDay < sessions) {
    return { field: 'maxSessionsPerDay', message: `${sessions} sessions do not fit in ${rules.days} day(s) of ${rules.maxSessionsPerDay}` };
  }
  return null;
}

/** What the loop workflow needs: each session's whole lifecycle input, started as its child. */
export interface LoopInput {
  loopId: string;
  candidateName: string;
  position: string;
  rules: LoopRules;
  sessions: (LifecycleInput & { title: string })[];
}

export type LoopStatus = 'INVITED' | 'BOOKED' | 'PARTLY_COMPLETED' | 'COMPLETED' | 'CANCELLED' | 'EXPIRED';

export interface LoopSessionState {
  interviewId: string;
  title: string;
  start: string | null;
  end: string | null;
  panel: string[];
}

export interface LoopState {
  loopId: string;
  status: LoopStatus;
  sessions: LoopSessionState[];
  cancelReason: string | null;
  version: number;
  /** The candidate's windows for the whole loop (docs/adr/0077); absent in loops from before them. */
  availability?: AvailabilityState | null;
  /** Waiting for an earlier itinerary, and the one held for the candidate (docs/adr/0077). */
  waitlist?: WaitlistState | null;
  hold?: HoldOffer | null;
}

/**
 * Every session's claim, held by the loop, for its lifecycle to book on: `book` updates whose ids
 * are fixed by the loop's change, so whoever sends them (the loop's activity, or booking for the
 * candidate waiting on the answer) books each session once (docs/adr/0042).
 */
export interface LoopHandover {
  changeId: string;
  /** `claim`: what the loop's claim for the session holds, handed to the session's lifecycle. */
  sessions: { interviewId: string; start: string; claim?: SlotState }[];
  timezone?: string;
  /** Booked by the loop itself inside the candidate's windows (docs/adr/0077): the sessions' timeline says so, with actor `system`. */
  foundInWindows?: true;
}

/** The loop's answer to a booking: its state, and from loops that answer on their claims, the handover still to be sent. */
export type BookedLoop = LoopState & { handover?: LoopHandover };

/** The id of a session's `book` update for one loop change: one id whoever sends it. */
export const sessionBookUpdateId = (changeId: string) => `${changeId}:book`;

/** The `book` update a session's lifecycle gets from its loop. */
export function sessionBookRequest(handover: LoopHandover, interviewId: string): SlotRequest {
  const session = handover.sessions.find((s) => s.interviewId === interviewId);
  return {
    start: session?.start ?? '',
    ...(handover.timezone === undefined ? {} : { timezone: handover.timezone }),
    ...(session?.claim ? { loopClaim: session.claim } : {}),
    ...(handover.foundInWindows ? { actor: 'system', reason: `booked ${session?.start ?? ''} with the loop, inside the times the candidate could come` } : {}),
  };
}

/** Session starts in the template's order, and the zone the candidate chose on the page. */
export interface ItineraryRequest {
  starts: string[];
  timezone?: string;
}
/**
 * A booked loop's sessions moved together, all or nothing: the sessions that change and their new
 * starts (the others stay). A loop session's re-pick with no time left for it alone (docs/adr/0032).
 */
export interface LoopMoveRequest {
  moves: { interviewId: string; start: string }[];
  timezone?: string;
  /** Written on each moved session's timeline. */
  reason: string;
}
export interface LoopCancelRequest {
  reason?: string;
  actor: string;
}

const DONE: ReadonlySet<InterviewStatus> = new Set(['COMPLETED', 'NO_SHOW', 'ARCHIVED']);

/**
 * A loop's status from its sessions' (each lifecycle is the writer of its own): cancelled or
 * expired when every session is; completed when every session took place; partly completed once
 * one has; booked while every session holds a time; invited before.
 */
export function loopStatusOf(statuses: readonly InterviewStatus[]): LoopStatus {
  if (statuses.length === 0 || statuses.every((s) => s === 'CANCELLED')) return 'CANCELLED';
  if (statuses.every((s) => s === 'EXPIRED')) return 'EXPIRED';
  const done = statuses.filter((s) => DONE.has(s)).length;
  if (done === statuses.length) return 'COMPLETED';
  if (done > 0) return 'PARTLY_COMPLETED';
  if (statuses.some((s) => s === 'CANCELLED')) return 'CANCELLED';
  if (statuses.every((s) => s === 'SCHEDULED' || s === 'IN_PROGRESS')) return 'BOOKED';
  return 'INVITED';
}

/** An itinerary's id: its session starts (template order, epoch ms in base 36), URL-safe, so any page or client can book it back. */
export function itineraryId(starts: readonly number[]): string {
  return starts.map((s) => s.toString(36)).join('-');
}

export function startsOfItinerary(id: string): number[] | null {
  const parts = id.split('-');
  const starts = parts.map((p) => (/^[0-9a-z]{1,12}$/.test(p) ? parseInt(p, 36) : NaN));
  return starts.length > 0 && starts.every(Number.isSafeInteger) ? starts : null;
}
