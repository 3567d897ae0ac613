import { randomUUID, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { CANDIDATE_PURPOSE, TOKEN_ALGORITHM, TOKEN_ISSUER } from '@portal/shared/tokens';
import type { Database } from '@portal/db';
import type { IssuedToken } from '../activities-api';

/** Signs a link scoped to one interview and makes its jti the interview's only valid one. */
export function createTokenIssuer(deps: { db: Database; privateKey: string | KeyObject; webBaseUrl: string }) {
  return async function issueCandidateToken(input: {
    interviewId: string;
    attempt: number;
    expiresAt: string;
  }): Promise<IssuedToken> {
    const jti = randomUUID();
    const exp = Math.floor(Date.parse(input.expiresAt) / 1000);
    const token = jwt.sign({ attempt: input.attempt, purpose: CANDIDATE_PURPOSE, exp }, deps.privateKey, {
      algorithm: TOKEN_ALGORITHM,
      subject: input.interviewId,
      jwtid: jti,
      issuer: TOKEN_ISSUER,
    });
    await deps.db.interviews.updateOne(
      { _id: input.interviewId },
      { $set: { tokenJti: jti, tokenExpiresAt: new Date(input.expiresAt) } },
    );
    return { link: `${deps.webBaseUrl}/b/${token}`, jti, expiresAt: input.expiresAt };
  };
}
