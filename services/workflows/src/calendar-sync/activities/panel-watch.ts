import type { Database } from '@portal/db';
import type { CalendarPanelNotice } from '../activities-api';

export type { CalendarPanelNotice };

interface Booking {
  interviewId: string;
  start: Date;
  end: Date;
}

/** The interviewer's booked interviews still ahead, from their day claims (one indexed equality read). */
export async function bookingsAhead(db: Pick<Database, 'dayClaims'>, interviewerId: string, now: Date): Promise<Booking[]> {
  const claims = await db.dayClaims.find({ interviewerId }, { interviewId: 1, start: 1, end: 1 }).lean();
  return claims.filter((claim) => claim.start > now);
}

/** Booked interviews that a busy interval of the interviewer's own calendar now overlaps. */
export function overlappedBookings(busy: readonly { start: Date; end: Date }[], bookings: readonly Booking[]): string[] {
  return [...new Set(bookings.filter((b) => busy.some((i) => i.start < b.end && b.start < i.end)).map((b) => b.interviewId))];
}

/**
 * What a calendar read again says about the interviewer's booked interviews ahead, whichever
 * provider it came from: an event of their own over one (a conflict), or the portal's event
 * declined in their calendar app (an answer). The lifecycles repair their panels (docs/adr/0032).
 */
export async function panelNotices(
  db: Pick<Database, 'dayClaims'>,
  interviewerId: string,
  read: { othersBusy: readonly { start: Date; end: Date }[]; declined: readonly string[] },
  now: Date,
): Promise<CalendarPanelNotice[]> {
  const bookings = await bookingsAhead(db, interviewerId, now);
  if (bookings.length === 0) return [];
  const at = now.toISOString();
  const booked = new Set(bookings.map((b) => b.interviewId));
  return [
    ...overlappedBookings(read.othersBusy, bookings).map((interviewId): CalendarPanelNotice => ({ interviewId, notice: { kind: 'conflict', interviewerId, reason: 'calendar', at } })),
    ...read.declined
      .filter((interviewId) => booked.has(interviewId))
      .map((interviewId): CalendarPanelNotice => ({ interviewId, notice: { kind: 'answer', interviewerId, answer: 'declined', via: 'calendar', at } })),
  ];
}
