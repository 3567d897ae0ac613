/**
 * An interviewer's busy time (bookings widened by buffers, time off) as sorted, merged,
 * disjoint [start, end) intervals in epoch ms, so one binary search answers "is this free?".
 */
export interface BusyTimeline {
  overlaps(startMs: number, endMs: number): boolean;
}

export function busyTimeline(intervals: ReadonlyArray<{ start: number; end: number }>): BusyTimeline {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const { start, end } of sorted) {
    const last = ends.length - 1;
    if (last >= 0 && start <= (ends[last] ?? -Infinity)) {
      ends[last] = Math.max(ends[last] ?? end, end);
    } else {
      starts.push(start);
      ends.push(end);
    }
  }
  return {
    overlaps(startMs, endMs) {
      // Ends ascend because the intervals are disjoint: find the first one ending after startMs.
      let lo = 0;
      let hi = ends.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((ends[mid] ?? Infinity) > startMs) hi = mid;
        else lo = mid + 1;
      }
      return lo < starts.length && (starts[lo] ?? Infinity) < endMs;
    },
  };
}
