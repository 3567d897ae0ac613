const DAY_MS = 24 * 3_600_000;

/**
 * `days` working days (Monday to Friday, on UTC) after `fromMs`, at the same time of day: the
 * moment a decision promised "within 5 working days" falls due. Pure, so workflows can use it.
 */
export function addWorkingDays(fromMs: number, days: number): number {
  let at = fromMs;
  let left = days;
  while (left > 0) {
    at += DAY_MS;
    const weekday = new Date(at).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return at;
}

/** When HR's decision falls due after an interview completed at `completedAtMs`. */
export function decisionDueAt(completedAtMs: number, due: { workingDays: number } | { afterMs: number }): number {
  return 'afterMs' in due ? completedAtMs + due.afterMs : addWorkingDays(completedAtMs, due.workingDays);
}
