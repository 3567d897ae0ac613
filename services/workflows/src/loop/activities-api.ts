import type { LoopWindowsNotice, SlotState } from '@portal/shared/lifecycle';
import type { LoopHandover } from '@portal/shared/loops';
import type { ClaimActivities } from '../claims/activities-api';

/** The loop's booking of its sessions, once every session's claim is held (docs/adr/0031). */
/** The sessions' `book` updates, each with an id fixed by the loop's change, so a retried activity does not book a session twice. */
export type LoopSessionsBooking = LoopHandover;
export interface LoopSessionsCancel {
  changeId: string;
  interviewIds: string[];
  reason?: string;
  actor: string;
}
/** Sessions of a booked loop moved together: each session's `reschedule` update under an id fixed by the loop's change. */
export interface LoopSessionsMove {
  changeId: string;
  moves: { interviewId: string; start: string }[];
  timezone?: string;
  reason: string;
  actor: string;
}
/** The candidate's windows for the loop, or HR's word that nothing fitted, to each session (docs/adr/0077), under an id fixed by the loop's change. */
export interface LoopSessionsNotice {
  changeId: string;
  interviewIds: string[];
  notice: LoopWindowsNotice;
}
/** A session's answer: its slot once the change went through, or its lifecycle's refusal. */
export type LoopSessionAnswer = { interviewId: string; slot: SlotState | null } | { interviewId: string; refused: { code: string; message: string } };

/** The loop's activities (types only): its sessions' claims, and their bookings, cancels and moves as one change. */
export interface LoopActivities extends Pick<ClaimActivities, 'claimSlot' | 'claimLoopSlots' | 'releaseSlot'> {
  bookLoopSessions(input: LoopSessionsBooking): Promise<LoopSessionAnswer[]>;
  cancelLoopSessions(input: LoopSessionsCancel): Promise<LoopSessionAnswer[]>;
  moveLoopSessions(input: LoopSessionsMove): Promise<LoopSessionAnswer[]>;
  tellLoopSessions(input: LoopSessionsNotice): Promise<LoopSessionAnswer[]>;
}
