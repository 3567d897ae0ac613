import type { Database } from '@portal/db';
import { TEXT_READ, type TextReading } from '../texts/text-steps';

/** An interview as read when a moment's held reminders wake: whether it still holds the time, in which language, and where to text. */
export type MomentReading = TextReading;

/** Reads an interview for the sends due at `dueAt`. */
export type MomentReads = (interviewId: string, dueAt: number) => Promise<MomentReading | null>;

/**
 * One read of an interview for every send due at its moment. An interview's email reminder and its
 * text reminder wake together, in batches of their own, and each asks whether the interview still
 * holds the time: a read of it already on its way answers both (by `_id`, as every read of a moment
 * is). A read is joined only when it was asked at or after the joiner's own moment, so no send is
 * decided on what the interview was before its reminder was due.
 */
export function momentReads(interviews: Database['interviews']): MomentReads {
  const inFlight = new Map<string, { askedAt: number; reading: Promise<MomentReading | null> }>();
  return (interviewId, dueAt) => {
    const going = inFlight.get(interviewId);
    if (going && going.askedAt >= dueAt) return going.reading;
    const read = { askedAt: Date.now(), reading: interviews.findById(interviewId, TEXT_READ).lean<MomentReading>().exec() };
    inFlight.set(interviewId, read);
    const forget = () => {
      if (inFlight.get(interviewId) === read) inFlight.delete(interviewId);
    };
    read.reading.then(forget, forget);
    return read.reading;
  };
}
