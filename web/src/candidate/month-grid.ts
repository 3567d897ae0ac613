import { addDays } from '../time/zoned-time';
import type { SlotDay } from './slot-days';

export interface CalendarCell {
  /** "YYYY-MM-DD", or null for the blanks before the 1st. */
  day: string | null;
  /** Free times that day (0: shown, not offered). */
  free: number;
}

export interface CalendarMonth {
  /** "YYYY-MM". */
  month: string;
  cells: CalendarCell[];
}

/** Monday = 0 … Sunday = 6, for a "YYYY-MM-DD" key. */
function weekdayIndex(day: string): number {
  return (new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7;
}

/**
 * The months the bookable days fall in, each laid out Monday-first to its last day, with each
 * day's number of free times. Months without a free day are left out, and so are weeks already
 * over (before the first listed day): on a phone they would push the times off the first screen.
 */
export function calendarMonths(days: readonly SlotDay[]): CalendarMonth[] {
  const free = new Map(days.map((d) => [d.day, d.slots.length]));
  const months = [...new Set(days.filter((d) => d.slots.length > 0).map((d) => d.day.slice(0, 7)))].sort();
  const today = days[0]?.day ?? '';
  return months.map((month) => {
    const first = `${month}-01`;
    const cells: CalendarCell[] = Array.from({ length: weekdayIndex(first) }, () => ({ day: null, free: 0 }));
    for (let day = first; day.startsWith(month); day = addDays(day, 1)) cells.push({ day, free: free.get(day) ?? 0 });
    while (cells.length > 7 && cells.slice(0, 7).every((cell) => cell.day === null || cell.day < today)) cells.splice(0, 7);
    return { month, cells };
  });
}
