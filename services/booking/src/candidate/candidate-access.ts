import { DomainError } from '@portal/shared/errors';
import type { InterviewDocument } from '@portal/db/documents';
import { CANDIDATE_PURPOSE } from '@portal/shared/tokens';
import { verifyLinkToken } from '../auth/link-token';
import type { Database } from '@portal/db';
import type { Deps } from '../http/context';

/**
 * Resolves a candidate link to its interview, rate-limited by the caller's address and then by
 * the token's jti (the unused bits of a base64url signature give one token many spellings, but
 * one jti). Booking holds only the public key and accepts one algorithm; the token must be the
 * interview's current one (its jti) and the interview must not have been superseded by a retake.
 */
export async function interviewForCandidate(deps: Pick<Deps, 'db' | 'env' | 'limiter'>, ip: string, token: string): Promise<InterviewDocument> {
  await deps.limiter.hit(`ip:${ip}`);
  const claims = candidateClaims(deps.env.TOKEN_PUBLIC_KEY, token);
  await deps.limiter.hit(`token:${claims.jti}`);
  return interviewForClaims(deps.db, claims);
}

interface CandidateClaims {
  sub: string;
  jti: string;
}

function candidateClaims(publicKey: string, token: string): CandidateClaims {
  const claims = verifyLinkToken(token, publicKey, { expired: 'This link has expired.', invalid: 'This link is not valid.' });
  if (claims.purpose !== CANDIDATE_PURPOSE || typeof claims.sub !== 'string' || typeof claims.jti !== 'string') {
    throw new DomainError('LINK_INVALID', 'This link is not valid.');
  }
  return { sub: claims.sub, jti: claims.jti };
}

async function interviewForClaims(db: Database, claims: CandidateClaims): Promise<InterviewDocument> {
  const interview = await db.interviews.findById(claims.sub).lean();
  if (interview === null) throw new DomainError('LINK_INVALID', 'This link is not valid.');
  // Erased: nothing of the interview is shown any more, not even its tombstone (docs/adr/0048).
  if (interview.erasedAt) throw new DomainError('LINK_ERASED', 'The candidate data behind this link was erased; it opens nothing any more.');
  if (interview.status === 'ARCHIVED' || interview.tokenJti !== claims.jti) {
    throw new DomainError('LINK_SUPERSEDED', 'This interview was replaced by a newer one; use the link in your latest email.');
  }
  return interview;
}
