import type { Database } from '@portal/db';
import { scorecardId, type InterviewDocument, type InterviewerDocument } from '@portal/db/documents';
import { DomainError } from '@portal/shared/errors';
import { FEEDBACK_PURPOSE } from '@portal/shared/tokens';
import { verifyLinkToken } from '../auth/link-token';

export interface ScorecardAccess {
  interview: InterviewDocument;
  interviewer: InterviewerDocument;
  jti: string;
}

const invalid = () => new DomainError('LINK_INVALID', 'This feedback link is not valid.');

interface FeedbackClaims {
  sub: string;
  iid: string;
  jti: string;
}

/**
 * Reads an interviewer's feedback link (no database): its purpose claim must be the feedback one
 * (a candidate link never opens a scorecard) and its `exp` present and ahead.
 */
export function feedbackClaims(publicKey: string, token: string): FeedbackClaims {
  const claims = verifyLinkToken(token, publicKey, {
    expired: 'This feedback link has expired; ask HR for a new one.',
    invalid: 'This feedback link is not valid.',
  });
  const { sub, iid, jti, purpose } = claims as Record<string, unknown>;
  if (purpose !== FEEDBACK_PURPOSE || typeof sub !== 'string' || typeof iid !== 'string' || typeof jti !== 'string') {
    throw invalid();
  }
  return { sub, iid, jti };
}

/** The link's scorecard, once its jti is the one the lifecycle last issued to that interviewer for that interview. */
export async function scorecardAccess(db: Database, { sub, iid, jti }: FeedbackClaims): Promise<ScorecardAccess> {
  const [link, interview, interviewer] = await Promise.all([
    db.feedbackLinks.findById(scorecardId(sub, iid)).lean(),
    db.interviews.findById(sub).lean(),
    db.interviewers.findById(iid).lean(),
  ]);
  if (link === null || interview === null || interviewer === null) throw invalid();
  if (link.jti !== jti) throw new DomainError('LINK_SUPERSEDED', 'A newer feedback link was sent for this interview; use the latest email.');
  return { interview, interviewer, jti };
}

/** A scorecard can be written while the interview is COMPLETED and HR has not set the outcome. */
export function feedbackClosedReason(interview: InterviewDocument): string | null {
  if (interview.status !== 'COMPLETED') return `Feedback is taken for completed interviews; this one is ${interview.status}.`;
  if (interview.outcome !== 'PENDING') return `HR has set the outcome (${interview.outcome}); the scorecard can no longer change.`;
  return null;
}
