const DAY_MS = 24 * 3_600_000;

/** The (UTC, Monday-based) week and the UTC month of an instant: the periods the limits count in. */
export function loadPeriods(at: Date): { week: string; month: string } {
  const week = Math.floor((Math.floor(at.getTime() / DAY_MS) + 3) / 7);
  return { week: `W${week}`, month: `M${at.toISOString().slice(0, 7)}` };
}

/** The seats a booking at `at` may take under the interviewer's limits, by period: empty where there is no limit. */
export function loadLimitKeys(
  interviewer: { _id: string; weeklyLimit?: number | null; monthlyLimit?: number | null },
  at: Date,
): string[][] {
  const { week, month } = loadPeriods(at);
  const seats = (period: string, limit: number | null | undefined) =>
    limit ? Array.from({ length: limit }, (_, seat) => `${interviewer._id}|${period}|${seat}`) : [];
  return [seats(week, interviewer.weeklyLimit), seats(month, interviewer.monthlyLimit)].filter((keys) => keys.length > 0);
}
