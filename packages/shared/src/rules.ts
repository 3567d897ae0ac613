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
