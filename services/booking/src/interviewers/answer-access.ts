import type { Database } from '@portal/db';
import type { InterviewDocument, InterviewerDocument } from '@portal/db/documents';
import { DomainError } from '@portal/shared/errors';
import { ANSWER_PURPOSE } from '@portal/shared/tokens';
import { verifyLinkToken } from '../auth/link-token';

export interface AnswerAccess {
  interview: InterviewDocument;
  interviewer: InterviewerDocument;
}

const invalid = () => new DomainError('LINK_INVALID', 'This link is not valid.');

/** Reads an interviewer's Accept/Decline link (no database): its purpose must be the answer one. */
export function answerClaims(publicKey: string, token: string): { sub: string; iid: string; jti: string } {
  const claims = verifyLinkToken(token, publicKey, {
    expired: 'This link has expired; the interview is over.',
    invalid: 'This link is not valid.',
  });
  const { sub, iid, jti, purpose } = claims as Record<string, unknown>;
  if (purpose !== ANSWER_PURPOSE || typeof sub !== 'string' || typeof iid !== 'string' || typeof jti !== 'string') throw invalid();
  return { sub, iid, jti };
}

/**
 * The link answers for its interviewer while they sit on the interview's booked panel: once
 * replaced, moved off it, or the interview is no longer booked, it says so instead.
 */
export async function answerAccess(db: Database, { sub, iid }: { sub: string; iid: string }): Promise<AnswerAccess> {
  const [interview, interviewer] = await Promise.all([db.interviews.findById(sub).lean(), db.interviewers.findById(iid).lean()]);
  if (interview === null || interviewer === null) throw invalid();
  return { interview, interviewer };
}

/** Why the link can no longer answer, or null while it can. */
export function answerClosedReason({ interview, interviewer }: AnswerAccess): string | null {
  if (interview.status !== 'SCHEDULED' || interview.slot === null) return `The interview is ${interview.status.toLowerCase()}; there is nothing to answer.`;
  if (!interview.slot.interviewerIds.includes(interviewer._id)) return 'You are no longer on this interview’s panel.';
  return null;
}
