import type { Database } from './database';
import type { InterviewerDocument } from './documents';

/**
 * The pool's interviewer documents in one query. `$in` reads the whole interviewers collection
 * on FerretDB v1, which the query rules allow: it holds one document per interviewer, not per
 * interview, so it does not grow with history.
 */
export async function readInterviewers(db: Pick<Database, 'interviewers'>, ids: readonly string[]): Promise<InterviewerDocument[]> {
  if (ids.length === 0) return [];
  return db.interviewers.find({ _id: { $in: [...new Set(ids)] } }).lean<InterviewerDocument[]>();
}

export async function activeInterviewers(db: Pick<Database, 'interviewers'>, ids: readonly string[]): Promise<InterviewerDocument[]> {
  return (await readInterviewers(db, ids)).filter((doc) => doc.active);
}
