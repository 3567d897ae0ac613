import { DomainError } from '@portal/shared/errors';
import type { InterviewDocument } from '@portal/db/documents';
import { CANDIDATE_PURPOSE } from '@portal/shared/tokens';
import { verifyLinkToken } from './link-token';
import type { Database } from '@portal/db';

/**
 * Resolves a candidate link to its interview. Booking holds only the public key and accepts one
 * algorithm; the token must be the interview's current one (its jti) and the interview must not
 * have been superseded by a retake.
 */
export async function interviewForToken(db: Database, publicKey: string, token: string): Promise<InterviewDocument> {
  const claims = verifyLinkToken(token, publicKey, { expired: 'This link has expired.', invalid: 'This link is not valid.' });
  if (claims.purpose !== CANDIDATE_PURPOSE || typeof claims.sub !== 'string' || typeof claims.jti !== 'string') {
    throw new DomainError('LINK_INVALID', 'This link is not valid.');
  }
  const interview = await db.interviews.findById(claims.sub).lean();
  if (interview === null) throw new DomainError('LINK_INVALID', 'This link is not valid.');
  if (interview.status === 'ARCHIVED' || interview.tokenJti !== claims.jti) {
    throw new DomainError('LINK_SUPERSEDED', 'This interview was replaced by a newer one; use the link in your latest email.');
  }
  return interview;
}
