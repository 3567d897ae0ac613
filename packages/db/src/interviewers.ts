import type { Database } from './database';
import type { InterviewerDocument } from './documents';
import { readByIds } from './query-rules';

/**
 * The pool's interviewer documents (`readByIds`: a thousand interviewers were read for every small
 * pool through `$in`, and the 1,000-lifecycle bench showed invitations slowed by it).
 */
export async function readInterviewers(db: Pick<Database, 'interviewers'>, ids: readonly string[]): Promise<InterviewerDocument[]> {
  return readByIds<InterviewerDocument>(db.interviewers, ids);
}

export async function activeInterviewers(db: Pick<Database, 'interviewers'>, ids: readonly string[]): Promise<InterviewerDocument[]> {
  return (await readInterviewers(db, ids)).filter((doc) => doc.active);
}
