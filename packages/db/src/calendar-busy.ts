import type { InterviewerAvailability } from '@portal/shared/slots';
import type { Database } from './database';
import { readByIds } from './query-rules';

export interface Interval {
  start: Date;
  end: Date;
}

/** The packed form `calendar_busy.busy` stores: `<start>-<end>` in epoch ms, base 36, comma-separated. */
export function packBusy(intervals: readonly Interval[]): string {
  return intervals.map((i) => `${i.start.getTime().toString(36)}-${i.end.getTime().toString(36)}`).join(',');
}

export function unpackBusy(packed: string): Interval[] {
  if (packed === '') return [];
  return packed.split(',').map((pair) => {
    const [start = '', end = ''] = pair.split('-');
    return { start: new Date(parseInt(start, 36)), end: new Date(parseInt(end, 36)) };
  });
}

export type CalendarBusyById = Map<string, { start: Date; end: Date }[]>;

/**
 * The pool's calendar busy times overlapping [from, to), as the last sync left them: one document
 * per interviewer, keyed by the interviewer id, so listing costs one read per member (or one read
 * of a collection that grows with interviewers, never with interviews). Cached: no CalDAV request here.
 */
export async function readCalendarBusy(db: Pick<Database, 'calendarBusy'>, interviewerIds: readonly string[], from: Date, to: Date): Promise<CalendarBusyById> {
  const docs = await readByIds(db.calendarBusy, interviewerIds, { busy: 1 });
  const byId: CalendarBusyById = new Map();
  for (const doc of docs) {
    byId.set(
      doc._id,
      unpackBusy(doc.busy).filter((b) => b.end.getTime() > from.getTime() && b.start.getTime() < to.getTime()),
    );
  }
  return byId;
}

/** Calendar busy time counts like time off: no buffers around it, no seat of the daily cap. */
export function withCalendarBusy(availability: InterviewerAvailability, busy: CalendarBusyById): InterviewerAvailability {
  const extra = busy.get(availability.interviewerId);
  return extra && extra.length > 0 ? { ...availability, timeOff: [...availability.timeOff, ...extra] } : availability;
}
