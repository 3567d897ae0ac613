import { randomUUID, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Database } from '@portal/db';
import { scorecardId } from '@portal/db/documents';
import { FEEDBACK_PURPOSE, TOKEN_ALGORITHM, TOKEN_ISSUER } from '@portal/shared/tokens';

/**
 * Interviewer-scoped scorecard links. Each one's jti is the only one accepted for that
 * interviewer and interview (a feedback link document per pair, written here alone), and its
 * purpose claim keeps it from opening a candidate page, and a candidate link from opening it.
 */
export function createFeedbackLinks(deps: { db: Database; privateKey: string | KeyObject; webBaseUrl: string }) {
  const { db } = deps;
  return {
    async issueFeedbackLinks(input: { interviewId: string; interviewerIds: string[]; expiresAt: string }): Promise<{ interviewerId: string; link: string }[]> {
      const exp = Math.floor(Date.parse(input.expiresAt) / 1000);
      return Promise.all(
        input.interviewerIds.map(async (interviewerId) => {
          const jti = randomUUID();
          const token = jwt.sign({ iid: interviewerId, purpose: FEEDBACK_PURPOSE, exp }, deps.privateKey, {
            algorithm: TOKEN_ALGORITHM,
            subject: input.interviewId,
            jwtid: jti,
            issuer: TOKEN_ISSUER,
          });
          const _id = scorecardId(input.interviewId, interviewerId);
          await db.feedbackLinks.replaceOne(
            { _id },
            { _id, interviewId: input.interviewId, interviewerId, jti, expiresAt: new Date(input.expiresAt) },
            { upsert: true },
          );
          return { interviewerId, link: `${deps.webBaseUrl}/f/${token}` };
        }),
      );
    },

    /** Panel members with no scorecard yet, read by `_id`. */
    async pendingFeedback(input: { interviewId: string; interviewerIds: string[] }): Promise<string[]> {
      const found = await Promise.all(input.interviewerIds.map((id) => db.scorecards.findById(scorecardId(input.interviewId, id), { _id: 1 }).lean()));
      return input.interviewerIds.filter((_, i) => found[i] === null);
    },
  };
}
