/**
 * Minutes an interviewer keeps free before and after an interview (issue 50, docs/adr/0066). An
 * interviewer has their own; a kind may ask for more (a design round's write-up after it), fixed on
 * each interview at its invitation. A member of one interview's panel keeps, on each side, the
 * larger of their own and the interview's.
 */
export interface Buffers {
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
}

/** The largest buffer either side a kind may ask for, as for an interviewer's own. */
export const MAX_BUFFER_MINUTES = 240;

/** A member as one interview sees them: each buffer the larger of theirs and the interview's (absent: theirs). */
export function withInterviewBuffers<T extends Buffers>(member: T, interview: Partial<Buffers> | null | undefined): T {
  const before = Math.max(member.bufferBeforeMinutes, interview?.bufferBeforeMinutes ?? 0);
  const after = Math.max(member.bufferAfterMinutes, interview?.bufferAfterMinutes ?? 0);
  if (before === member.bufferBeforeMinutes && after === member.bufferAfterMinutes) return member;
  return { ...member, bufferBeforeMinutes: before, bufferAfterMinutes: after };
}

/** What an invitation fixes of its kind's buffers: null when the kind asks for none beyond the interviewers' own. */
export function kindBuffers(kind: { bufferBeforeMinutes?: number | null; bufferAfterMinutes?: number | null }): Buffers | null {
  const before = kind.bufferBeforeMinutes ?? 0;
  const after = kind.bufferAfterMinutes ?? 0;
  return before === 0 && after === 0 ? null : { bufferBeforeMinutes: before, bufferAfterMinutes: after };
}
