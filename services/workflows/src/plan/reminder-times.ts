/**
 * A reminder's moment, its once-only key and its label for timers and the audit trail: the
 * primitives the lifecycle's plan and its SMS schedule both build on.
 */

export function reminderLabel(offsetMs: number): string {
  const minutes = Math.round(offsetMs / 60_000);
  if (minutes >= 60 && minutes % 60 === 0) return `${minutes / 60}h reminder`;
  if (minutes >= 1) return `${minutes}min reminder`;
  return `${Math.round(offsetMs / 1000)}s reminder`;
}

export function reminderKey(start: string, offsetMs: number): string {
  return `${start}|${offsetMs}`;
}

/** Offsets still ahead at booking time, largest first; one already past is skipped, never sent late. */
export function plannedReminders(startMs: number, offsetsMs: readonly number[], nowMs: number): number[] {
  return [...new Set(offsetsMs)].filter((offset) => startMs - offset > nowMs).sort((a, b) => b - a);
}
