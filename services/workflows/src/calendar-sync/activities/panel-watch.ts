import type { Database } from '@portal/db';
import type { CalendarPanelNotice } from '../activities-api';

export type { CalendarPanelNotice };

interface Booking {
  interviewId: string;
  start: Date;
  end: Date;
}

const PORTAL_UID = /^UID:(.+)@interview-portal\r?$/m;

/** Unfolded iCalendar text (RFC 5545 §3.1): a parameter may sit on a continuation line. */
const unfold = (text: string) => text.replace(/\r?\n[ \t]/g, '');

/** The interviewer's booked interviews still ahead, from their day claims (one indexed equality read). */
export async function bookingsAhead(db: Pick<Database, 'dayClaims'>, interviewerId: string, now: Date): Promise<Booking[]> {
  const claims = await db.dayClaims.find({ interviewerId }, { interviewId: 1, start: 1, end: 1 }).lean();
  return claims.filter((claim) => claim.start > now);
}

/** Objects the portal wrote (its interviews' events), told apart from the interviewer's own by their UID. */
export const isPortalEvent = (text: string) => PORTAL_UID.test(text);

/**
 * Interviews whose event in the interviewer's calendar carries PARTSTAT=DECLINED on the
 * interviewer's own ATTENDEE line: they declined in their calendar app.
 */
export function declinedInCalendar(objects: readonly string[], email: string, bookings: readonly Booking[]): string[] {
  const booked = new Set(bookings.map((b) => b.interviewId));
  const address = `mailto:${email.toLowerCase()}`;
  const declined: string[] = [];
  for (const text of objects) {
    const unfolded = unfold(text);
    const interviewId = PORTAL_UID.exec(unfolded)?.[1];
    if (interviewId === undefined || !booked.has(interviewId)) continue;
    const own = unfolded.split(/\r?\n/).find((line) => line.startsWith('ATTENDEE') && line.toLowerCase().includes(address));
    if (own && /PARTSTAT=DECLINED/i.test(own)) declined.push(interviewId);
  }
  return declined;
}

/** Booked interviews that a busy interval of the interviewer's own calendar now overlaps. */
export function overlappedBookings(busy: readonly { start: Date; end: Date }[], bookings: readonly Booking[]): string[] {
  return [...new Set(bookings.filter((b) => busy.some((i) => i.start < b.end && b.start < i.end)).map((b) => b.interviewId))];
}
