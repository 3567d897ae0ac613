import type { InterviewStatus, Outcome } from './status';

/** What a loop's outcome is made of: each session's current attempt (a retake stands for the session it replaced). */
export interface SessionResult {
  status: InterviewStatus;
  outcome: Outcome;
}

/**
 * A loop's outcome from its sessions' (docs/adr/0036): HR decides each session, the loop follows.
 * One failed session fails the loop; otherwise one on hold holds it; it passed only when every
 * session that took place passed and none is still to come. A cancelled or expired session
 * neither passes nor fails: a loop whose sessions were all called off stays pending.
 */
export function loopOutcomeOf(sessions: readonly SessionResult[]): Outcome {
  if (sessions.some((s) => s.outcome === 'FAILED')) return 'FAILED';
  if (sessions.some((s) => s.outcome === 'ON_HOLD')) return 'ON_HOLD';
  const held = sessions.filter((s) => s.status !== 'CANCELLED' && s.status !== 'EXPIRED');
  if (held.length > 0 && held.every((s) => s.outcome === 'PASSED')) return 'PASSED';
  return 'PENDING';
}
