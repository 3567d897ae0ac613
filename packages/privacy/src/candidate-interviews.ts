import type { Database } from '@portal/db';
import { candidateKeyIdsOf } from '@portal/db/candidate-keys';
import type { InterviewDocument } from '@portal/db/documents';
import { normalizeSearch } from '@portal/db/interview-search';
import type { PayloadKeys } from '@portal/shared/payload-codec';

/** Everything that names one candidate: their interviews and their data keys. */
export interface CandidateRecords {
  interviews: InterviewDocument[];
  keyIds: string[];
}

/**
 * A candidate's interviews by address (the HR search key, equality) and by their data key, so an
 * interview whose address was written differently but shares the key is found too.
 */
export async function candidateRecords(db: Database, masterKeys: PayloadKeys, email: string): Promise<CandidateRecords> {
  const [byEmail, keyIds] = await Promise.all([
    db.interviews.find({ emailKey: normalizeSearch(email) }).lean(),
    candidateKeyIdsOf(db, masterKeys, email),
  ]);
  const byKey = await Promise.all(keyIds.map((keyId) => db.interviews.find({ candidateKeyId: keyId }).lean()));
  const interviews = new Map<string, InterviewDocument>();
  for (const interview of [...byEmail, ...byKey.flat()]) if (!interview.erasedAt) interviews.set(interview._id, interview);
  const allKeys = new Set(keyIds);
  for (const interview of interviews.values()) if (interview.candidateKeyId) allKeys.add(interview.candidateKeyId);
  return { interviews: [...interviews.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()), keyIds: [...allKeys] };
}
