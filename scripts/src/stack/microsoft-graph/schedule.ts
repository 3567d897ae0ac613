import type { DateTimeTimeZone, FreeBusyStatus, ScheduleInformation, ScheduleItem } from '@microsoft/microsoft-graph-types';
import { instantOf, utcTime } from './event-body';
import { badRequest } from './graph-errors';
import type { MailboxStore } from './mailbox-store';

/** getSchedule's body (an action's parameters: the vendor's types name no interface for it). */
export interface GetScheduleRequest {
  schedules?: string[];
  startTime?: DateTimeTimeZone;
  endTime?: DateTimeTimeZone;
  availabilityViewInterval?: number;
}

/** availabilityView's digits: 0 free (and working elsewhere), 1 tentative, 2 busy, 3 out of office. */
const DIGIT: Partial<Record<FreeBusyStatus, number>> = { tentative: 1, busy: 2, oof: 3 };

export interface ScheduleAccess {
  /** Whether the caller may see this mailbox's free/busy (same organisation); else the entry carries an error. */
  canSee(email: string): boolean;
}

/**
 * calendar: getSchedule, as documented: one scheduleInformation per address asked, in the order
 * asked, its items the mailbox's events overlapping the window (not merged, cancelled and deleted
 * ones left out) with their showAs as status, and the availabilityView string; an address outside
 * the caller's organisation carries `error: { message, responseCode }` instead. Times in UTC.
 */
export function getSchedule(store: MailboxStore, body: GetScheduleRequest, access: ScheduleAccess): { value: ScheduleInformation[] } {
  const from = instantOf(body.startTime);
  const to = instantOf(body.endTime);
  if (!Array.isArray(body.schedules) || body.schedules.length === 0) throw badRequest('Schedules are required.', 'ErrorInvalidParameter');
  if (from === null || to === null || to <= from) throw badRequest('The start and end time of the window are required, end after start.', 'ErrorInvalidParameter');
  const interval = body.availabilityViewInterval ?? 30;
  if (!Number.isInteger(interval) || interval < 5 || interval > 1440) throw badRequest('availabilityViewInterval must be between 5 and 1440.', 'ErrorInvalidParameter');
  const slots = Math.ceil((to - from) / (interval * 60_000));
  const value = body.schedules.map((address): ScheduleInformation => {
    const email = String(address).toLowerCase();
    if (!access.canSee(email)) {
      return { scheduleId: address, availabilityView: '', scheduleItems: [], error: { message: 'The requested user was not found or is outside your organization.', responseCode: 'ErrorMailRecipientNotFound' } };
    }
    const items: ScheduleItem[] = [];
    const view = new Array<number>(slots).fill(0);
    for (const entry of store.entries(email)) {
      const event = entry.event;
      const [start, end] = [instantOf(event.start), instantOf(event.end)];
      if (entry.deleted || event.isCancelled || start === null || end === null || end <= from || start >= to) continue;
      const status = event.showAs ?? 'busy';
      items.push({ isPrivate: event.sensitivity === 'private', status, subject: event.subject ?? '', location: event.location?.displayName ?? '', start: utcTime(start), end: utcTime(end) });
      for (let i = 0; i < slots; i += 1) {
        const slotStart = from + i * interval * 60_000;
        if (start < slotStart + interval * 60_000 && end > slotStart) view[i] = Math.max(view[i] ?? 0, DIGIT[status] ?? 0);
      }
    }
    return { scheduleId: address, availabilityView: view.join(''), scheduleItems: items, workingHours: { daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], startTime: '08:00:00.0000000', endTime: '17:00:00.0000000', timeZone: { name: 'UTC' } } };
  });
  return { value };
}
