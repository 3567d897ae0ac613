import type { InterviewerAvailability } from '@portal/shared/slots';
import type { Database } from './database';
import type { InterviewerDocument } from './documents';

const DAY_MS = 24 * 3_600_000;

/** The span of a period key from `loadPeriods` (`W<week>` or `M<yyyy-mm>`), as time off. */
function periodSpan(period: string): { start: Date; end: Date } | null {
  if (period.startsWith('W')) {
    const week = Number(period.slice(1));
    if (!Number.isInteger(week)) return null;
    const start = (week * 7 - 3) * DAY_MS;
    return { start: new Date(start), end: new Date(start + 7 * DAY_MS) };
  }
  const [year, month] = period.slice(1).split('-').map(Number);
  if (year === undefined || month === undefined || !Number.isInteger(year) || !Number.isInteger(month)) return null;
  return { start: new Date(Date.UTC(year, month - 1, 1)), end: new Date(Date.UTC(year, month, 1)) };
}

/**
 * The pool's availability with every week and month in which a member has reached their weekly or
 * monthly limit taken out, as time off: the listing offers what a claim could take. Only members
 * with a limit cost a read (one indexed equality on their load seats); a pool without limits, none.
 */
export async function withLoadLimits(
  db: Pick<Database, 'loadSeats'>,
  pool: readonly InterviewerDocument[],
  availability: InterviewerAvailability[],
): Promise<InterviewerAvailability[]> {
  const limited = pool.filter((doc) => doc.weeklyLimit || doc.monthlyLimit);
  if (limited.length === 0) return availability;
  const full = new Map<string, { start: Date; end: Date }[]>();
  await Promise.all(
    limited.map(async (doc) => {
      const seats = await db.loadSeats.find({ interviewerId: doc._id }, { _id: 1 }).lean();
      const counts = new Map<string, number>();
      for (const seat of seats) {
        const period = seat._id.split('|').at(-2) ?? '';
        counts.set(period, (counts.get(period) ?? 0) + 1);
      }
      const spans = [...counts].flatMap(([period, count]) => {
        const limit = period.startsWith('W') ? doc.weeklyLimit : doc.monthlyLimit;
        const span = limit && count >= limit ? periodSpan(period) : null;
        return span ? [span] : [];
      });
      if (spans.length > 0) full.set(doc._id, spans);
    }),
  );
  return availability.map((a) => {
    const spans = full.get(a.interviewerId);
    return spans ? { ...a, timeOff: [...a.timeOff, ...spans] } : a;
  });
}
