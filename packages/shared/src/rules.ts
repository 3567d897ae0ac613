import type { DomainErrorCode } from './errors';
import type { InterviewStatus, Outcome } from './status';

/**
 * The business rules that gate candidate changes and retakes, as pure checks. The workflow
 * enforces them; booking and the web app use the same checks to explain a disabled button.
 */
export interface Refusal {
  code: DomainErrorCode;
  message: string;
}

export interface ChangeFacts {
  status: InterviewStatus;
  slotStart: string | null;
  rescheduleCount: number;
  rescheduleLimit: number;
}

/** The refusal for any change to an interview whose lifecycle has closed it for good. */
export function closedRefusal(status: InterviewStatus): Refusal | null {
  switch (status) {
    case 'ARCHIVED':
      return { code: 'LINK_SUPERSEDED', message: 'This interview was replaced by a newer one.' };
    case 'CANCELLED':
      return { code: 'INTERVIEW_CANCELLED', message: 'This interview was cancelled.' };
    case 'EXPIRED':
      return { code: 'LINK_EXPIRED', message: 'This invitation has expired.' };
    default:
      return null;
  }
}

export function bookRefusal(facts: ChangeFacts): Refusal | null {
  const inactive = closedRefusal(facts.status);
  if (inactive) return inactive;
  if (facts.status !== 'INVITED') {
    return { code: 'ILLEGAL_TRANSITION', message: `The interview is already ${facts.status.toLowerCase()}.` };
  }
  return null;
}

export function tooLateToChange(facts: ChangeFacts, nowMs: number, cutoffMs: number): boolean {
  return facts.slotStart !== null && nowMs > Date.parse(facts.slotStart) - cutoffMs;
}

/** Who asks for a move: the candidate's moves spend their allowance; HR's are HR's own decision. */
export type Mover = 'candidate' | 'hr';

/** A change's actor is `candidate`, `system` or the HR user who made it. */
export function moverOf(actor: string): Mover {
  return actor === 'candidate' ? 'candidate' : 'hr';
}

/** The reschedule count after a move: only the candidate's own moves count against their allowance. */
export function rescheduleCountAfterMove(facts: Pick<ChangeFacts, 'rescheduleCount'>, mover: Mover): number {
  return mover === 'candidate' ? facts.rescheduleCount + 1 : facts.rescheduleCount;
}

export function rescheduleRefusal(facts: ChangeFacts, nowMs: number, cutoffMs: number, mover: Mover = 'candidate'): Refusal | null {
  const inactive = closedRefusal(facts.status);
  if (inactive) return inactive;
  if (facts.status !== 'SCHEDULED') {
    return { code: 'ILLEGAL_TRANSITION', message: `A ${facts.status.toLowerCase()} interview cannot be rescheduled.` };
  }
  if (mover === 'candidate' && facts.rescheduleCount >= facts.rescheduleLimit) {
    return {
      code: 'RESCHEDULE_LIMIT',
      message: `This interview has been rescheduled ${facts.rescheduleCount} times, the most allowed.`,
    };
  }
  if (tooLateToChange(facts, nowMs, cutoffMs)) {
    return { code: 'TOO_LATE_TO_CHANGE', message: 'It is too late to change this interview.' };
  }
  return null;
}

export function cancelRefusal(facts: ChangeFacts, nowMs: number, cutoffMs: number): Refusal | null {
  const inactive = closedRefusal(facts.status);
  if (inactive) return inactive;
  if (facts.status !== 'INVITED' && facts.status !== 'SCHEDULED') {
    return { code: 'ILLEGAL_TRANSITION', message: `A ${facts.status.toLowerCase()} interview cannot be cancelled.` };
  }
  if (tooLateToChange(facts, nowMs, cutoffMs)) {
    return { code: 'TOO_LATE_TO_CHANGE', message: 'It is too late to cancel this interview.' };
  }
  return null;
}

export function joinRefusal(facts: ChangeFacts, nowMs: number, joinOpensBeforeMs: number): Refusal | null {
  const opens = facts.slotStart === null ? null : Date.parse(facts.slotStart) - joinOpensBeforeMs;
  const open = facts.status === 'IN_PROGRESS' || (facts.status === 'SCHEDULED' && opens !== null && nowMs >= opens);
  return open ? null : { code: 'NOT_JOINABLE', message: 'The interview room is not open now.' };
}

/** A move needs a booked time to move from, and a new time that differs from it. */
export function newTimeRefusal(facts: Pick<ChangeFacts, 'slotStart'>, start: string): Refusal | null {
  if (facts.slotStart === null) return { code: 'ILLEGAL_TRANSITION', message: 'Nothing is booked yet.' };
  if (Date.parse(start) === Date.parse(facts.slotStart)) {
    return { code: 'SLOT_UNAVAILABLE', message: 'The interview is already at that time.' };
  }
  return null;
}

export interface OutcomeFacts {
  status: InterviewStatus;
  outcome: Outcome;
}

/** HR sets an outcome once the interview is over, while it is still PENDING or ON HOLD. */
export function outcomeRefusal(facts: OutcomeFacts): Refusal | null {
  const over = facts.status === 'COMPLETED' || facts.status === 'NO_SHOW';
  const open = facts.outcome === 'PENDING' || facts.outcome === 'ON_HOLD';
  if (over && open) return null;
  return {
    code: 'ILLEGAL_TRANSITION',
    message: `An outcome cannot be set while the interview is ${facts.status} with outcome ${facts.outcome}.`,
  };
}

/** An invitation is sent again only while it is unbooked and its link has been issued. */
export function resendRefusal(facts: Pick<ChangeFacts, 'status'>, linkIssued: boolean): Refusal | null {
  if (facts.status === 'INVITED' && linkIssued) return null;
  return { code: 'ILLEGAL_TRANSITION', message: `Only an invitation not yet booked can be sent again; the interview is ${facts.status}.` };
}

/** HR records attendance once the interview has started (by its window, or by its start time). */
export function attendanceRefusal(facts: ChangeFacts, nowMs: number): Refusal | null {
  const started = facts.status === 'IN_PROGRESS' || (facts.status === 'SCHEDULED' && facts.slotStart !== null && Date.parse(facts.slotStart) <= nowMs);
  if (started) return null;
  return { code: 'NOT_JOINABLE', message: `Attendance can be recorded once the interview has started; it is ${facts.status}.` };
}

export interface RetakeFacts {
  status: InterviewStatus;
  outcome: Outcome;
  completedAt: string | null;
  attempt: number;
}

export interface RetakeRules {
  cooldownMs: number;
  maxAttempts: number;
}

export function retakeRefusal(facts: RetakeFacts, nowMs: number, rules: RetakeRules): Refusal | null {
  if (facts.status === 'ARCHIVED') return { code: 'ALREADY_APPROVED', message: 'A retake was already approved.' };
  if ((facts.status !== 'COMPLETED' && facts.status !== 'NO_SHOW') || facts.completedAt === null) {
    return { code: 'RETAKE_REFUSED', message: 'Only a completed or missed interview can be retaken.' };
  }
  if (facts.outcome !== 'FAILED' && facts.outcome !== 'ON_HOLD') {
    return { code: 'RETAKE_REFUSED', message: 'A retake needs the outcome FAILED or ON HOLD.' };
  }
  if (facts.attempt >= rules.maxAttempts) {
    return { code: 'RETAKE_REFUSED', message: `The limit of ${rules.maxAttempts} attempts is reached.` };
  }
  const allowedFrom = Date.parse(facts.completedAt) + rules.cooldownMs;
  if (nowMs < allowedFrom) {
    return {
      code: 'RETAKE_REFUSED',
      message: `The cooldown runs until ${new Date(allowedFrom).toISOString()}.`,
    };
  }
  return null;
}
