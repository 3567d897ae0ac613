import type { Database } from '@portal/db';
import type { InterviewDocument, LoopDocument } from '@portal/db/documents';
import { DomainError } from '@portal/shared/errors';

/** A loop with every session's document, in the loop's order. */
export interface LoopOfInterview {
  loop: LoopDocument;
  sessions: InterviewDocument[];
}

/** The loop an interview is a session of, with every session's document; null for a single interview. */
export async function loopOfInterview(db: Database, interviewId: string): Promise<LoopOfInterview | null> {
  const link = await db.loopSessions.findById(interviewId).lean();
  if (link === null) return null;
  const loop = await db.loops.findById(link.loopId).lean();
  if (loop === null) return null;
  const sessions = await Promise.all(loop.sessions.map((s) => db.interviews.findById(s.interviewId).lean<InterviewDocument>()));
  return { loop, sessions: sessions.filter((s): s is InterviewDocument => s !== null) };
}

/**
 * The loop of the link's interview, read by the loop id the session carries (one read fewer than
 * through `loop_sessions`, which stays the way for an interview its loop does not list).
 * `reuseLinkRead`: the link's interview, read by this request a moment ago, stands for its own
 * session (a listing, or the check before a change); never after a change, which it predates.
 */
export async function requireLoop(db: Database, interview: InterviewDocument, { reuseLinkRead = false } = {}): Promise<LoopOfInterview> {
  const loop = interview.loopId ? await db.loops.findById(interview.loopId).lean() : null;
  const listed = loop !== null && loop.sessions.some((s) => s.interviewId === interview._id);
  const found = !listed
    ? await loopOfInterview(db, interview._id)
    : {
        loop,
        sessions: (
          await Promise.all(
            loop.sessions.map((s) =>
              reuseLinkRead && s.interviewId === interview._id ? interview : db.interviews.findById(s.interviewId).lean<InterviewDocument>(),
            ),
          )
        ).filter((s): s is InterviewDocument => s !== null),
      };
  if (found === null) throw new DomainError('BAD_INPUT', 'This link is for a single interview, not a loop.');
  return found;
}
