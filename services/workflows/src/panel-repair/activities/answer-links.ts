import { randomUUID, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ANSWER_PURPOSE, TOKEN_ALGORITHM, TOKEN_ISSUER } from '@portal/shared/tokens';
import type { AnswerLinks } from '../activities-api';

/**
 * Interviewers' Accept/Decline links: one token per member and interview, scoped like the
 * scorecard's (interview in `sub`, interviewer in `iid`, its own purpose). Nothing is stored: the
 * link is honoured while its interviewer is on the interview's panel (booking checks the document),
 * so a member who was replaced, or a link for an old panel, no longer answers for anyone.
 */
export function createAnswerLinks(deps: { privateKey: string | KeyObject; webBaseUrl: string }) {
  return {
    async issueAnswerLinks(input: { interviewId: string; interviewerIds: string[]; expiresAt: string }): Promise<AnswerLinks[]> {
      const exp = Math.floor(Date.parse(input.expiresAt) / 1000);
      return input.interviewerIds.map((interviewerId) => {
        const token = jwt.sign({ iid: interviewerId, purpose: ANSWER_PURPOSE, exp }, deps.privateKey, {
          algorithm: TOKEN_ALGORITHM,
          subject: input.interviewId,
          jwtid: randomUUID(),
          issuer: TOKEN_ISSUER,
        });
        const page = `${deps.webBaseUrl}/a/${token}`;
        return { interviewerId, accept: `${page}?answer=accept`, decline: `${page}?answer=decline` };
      });
    },
  };
}
