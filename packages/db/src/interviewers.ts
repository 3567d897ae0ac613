import type { Database } from './database';
import type { InterviewerDocument } from './documents';

/** Up to this many ids are read one `_id` lookup each; more in one `$in` read of the collection. */
const ONE_BY_ONE = 8;

/**
 * The pool's interviewer documents. `$in` reads the whole interviewers collection on FerretDB
 * v1, which the query rules allow (one document per interviewer, not per interview), but with a
 * thousand interviewers that is a thousand documents for every small pool: a few ids are read
 * by `_id` instead (the 1,000-lifecycle bench showed invitations slowed by the `$in`).
 */
export async function readInterviewers(db: Pick<Database, 'interviewers'>, ids: readonly string[]): Promise<InterviewerDocument[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  if (unique.length <= ONE_BY_ONE) {
    const found = await Promise.all(unique.map((id) => db.interviewers.findById(id).lean<InterviewerDocument>()));
    return found.filter((doc): doc is InterviewerDocument => doc !== null);
  }
  return db.interviewers.find({ _id: { $in: unique } }).lean<InterviewerDocument[]>();
}

export async function activeInterviewers(db: Pick<Database, 'interviewers'>, ids: readonly string[]): Promise<InterviewerDocument[]> {
  return (await readInterviewers(db, ids)).filter((doc) => doc.active);
}
