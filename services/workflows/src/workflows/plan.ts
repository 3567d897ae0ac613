import type { LifecycleState, LifecycleTimings } from '@portal/shared/lifecycle';

/** What the lifecycle waits for next. Pure, so it runs the same on every replay. */
export type Deadline =
  | { kind: 'invitation-expiry'; at: number; summary: string }
  | { kind: 'reminder'; at: number; summary: string; offsetMs: number }
  | { kind: 'window-opens'; at: number; summary: string }
  | { kind: 'window-closes'; at: number; summary: string }
  | { kind: 'retake-window-closes'; at: number; summary: string };

export function reminderLabel(offsetMs: number): string {
  const minutes = Math.round(offsetMs / 60_000);
  if (minutes >= 60 && minutes % 60 === 0) return `${minutes / 60}h reminder`;
  if (minutes >= 1) return `${minutes}min reminder`;
  return `${Math.round(offsetMs / 1000)}s reminder`;
}

export function reminderKey(start: string, offsetMs: number): string {
  return `${start}|${offsetMs}`;
}

/** Offsets still ahead at booking time, largest first; one already past is skipped, never sent late. */
export function plannedReminders(startMs: number, offsetsMs: readonly number[], nowMs: number): number[] {
  return [...new Set(offsetsMs)].filter((offset) => startMs - offset > nowMs).sort((a, b) => b - a);
}

export function nextDeadline(state: LifecycleState, timings: LifecycleTimings): Deadline | null {
  switch (state.status) {
    case 'INVITED':
      return state.invitationExpiresAt === null
        ? null
        : { kind: 'invitation-expiry', at: Date.parse(state.invitationExpiresAt), summary: 'invitation expiry' };
    case 'SCHEDULED': {
      if (state.slot === null) return null;
      const start = state.slot.start;
      const startMs = Date.parse(start);
      const due = state.remindersPlanned.find((offset) => !state.remindersSent.includes(reminderKey(start, offset)));
      if (due !== undefined) {
        return { kind: 'reminder', at: startMs - due, summary: reminderLabel(due), offsetMs: due };
      }
      return { kind: 'window-opens', at: startMs, summary: 'interview starts' };
    }
    case 'IN_PROGRESS':
      return state.slot === null
        ? null
        : { kind: 'window-closes', at: Date.parse(state.slot.end) + timings.graceAfterEndMs, summary: 'interview ends' };
    case 'COMPLETED':
    case 'NO_SHOW':
      if ((state.outcome === 'FAILED' || state.outcome === 'ON_HOLD') && state.completedAt !== null) {
        return {
          kind: 'retake-window-closes',
          at: Date.parse(state.completedAt) + timings.retakeWindowMs,
          summary: 'retake window closes',
        };
      }
      return null;
    default:
      return null;
  }
}

/** The lifecycle is over: nothing can change it any more. */
export function isFinished(state: LifecycleState, retakeWindowClosed: boolean): boolean {
  switch (state.status) {
    case 'CANCELLED':
    case 'EXPIRED':
    case 'ARCHIVED':
      return true;
    case 'COMPLETED':
    case 'NO_SHOW':
      return state.outcome === 'PASSED' || retakeWindowClosed;
    default:
      return false;
  }
}
