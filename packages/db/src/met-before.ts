import type { Database } from './database';
import { normalizeSearch } from './models/interview-search';

/** Statuses whose panel met, or is booked to meet, the candidate. */
const MET = new Set(['SCHEDULED', 'IN_PROGRESS', 'COMPLETED', 'NO_SHOW', 'ARCHIVED']);

/**
 * Interviewers on the panel of the candidate's other interviews (earlier rounds and attempts),
 * found by the candidate's email key (indexed equality, like the HR search): a claim asks them
 * last, so a candidate meets someone new unless nobody else is free (docs/adr/0032).
 */
export async function interviewersWhoMet(db: Pick<Database, 'interviews'>, candidateEmail: string, exceptInterviewId: string): Promise<Set<string>> {
  const others = await db.interviews.find({ emailKey: normalizeSearch(candidateEmail) }, { status: 1, slot: 1 }).lean();
  return new Set(others.filter((doc) => doc._id !== exceptInterviewId && MET.has(doc.status)).flatMap((doc) => doc.slot?.interviewerIds ?? []));
}
