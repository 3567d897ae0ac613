import { teamOf } from '@portal/db/team-scope';
import { activeLockKey, type InterviewDocument } from '@portal/db/documents';
import { DomainError } from '@portal/shared/errors';
import { retakeRefusal, type Refusal } from '@portal/shared/rules';
import type { Deps } from '../http/context';

export async function find(deps: Deps, interviewId: string): Promise<InterviewDocument> {
  const doc = await deps.db.interviews.findById(interviewId).lean();
  if (doc === null) throw new DomainError('NOT_FOUND', 'Interview not found.');
  return doc;
}

/** The workflow's own retake rule, applied to the persisted interview. */
export function retakeRuleRefusal(deps: Deps, doc: InterviewDocument): Refusal | null {
  return retakeRefusal(
    { ...doc, completedAt: doc.completedAt?.toISOString() ?? null },
    Date.now(),
    { cooldownMs: deps.env.RETAKE_COOLDOWN_MINUTES * 60_000, maxAttempts: deps.env.MAX_ATTEMPTS },
  );
}

/**
 * Why a retake cannot be approved now, from the persisted interview: the same rule the workflow
 * applies, plus another interview holding the candidate's active lock for this position.
 */
export async function retakeBlocker(deps: Deps, doc: InterviewDocument): Promise<Refusal | null> {
  const refusal = retakeRuleRefusal(deps, doc);
  if (refusal !== null) return refusal;
  const { db } = deps;
  const lock = await db.activeLocks.findById(activeLockKey(doc.candidateEmail, doc.position, teamOf(doc))).lean();
  if (lock !== null && lock.interviewId !== doc._id) {
    // A concurrent approval of this very interview may have claimed the lock a moment before
    // archiving it: that is the same retake, already approved, not another active interview.
    const holder = await db.interviews.findById(lock.interviewId).lean();
    if (holder?.previousInterviewId === doc._id) {
      return { code: 'ALREADY_APPROVED', message: 'A retake was already approved.' };
    }
    return { code: 'RETAKE_REFUSED', message: 'This candidate already has an active interview for this position.' };
  }
  return null;
}

/**
 * A lifecycle that has ended (outcome PASSED, or archived for a retake) has no workflow left to
 * answer an update; its persisted state, read again, answers instead of a misleading NOT_FOUND.
 */
export function closedLifecycle(deps: Deps, interviewId: string) {
  return async (error: unknown): Promise<never> => {
    if (!(error instanceof DomainError && error.code === 'NOT_FOUND')) throw error;
    const doc = await find(deps, interviewId);
    if (doc.status === 'ARCHIVED') throw new DomainError('ALREADY_APPROVED', 'A retake was already approved.');
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      `The interview is ${doc.status} with outcome ${doc.outcome}; it can no longer change.`,
    );
  };
}
