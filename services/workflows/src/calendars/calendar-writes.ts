import { log, proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import type { InterviewEmailFacts } from '@portal/shared/email';
import type { PanelMember } from '@portal/shared/lifecycle';
import type { CalendarEventActivities, CalendarEventRequest } from './activities-api';
import { isPatched } from '../patches/patches';

/**
 * About five minutes of retries (2 s doubling to 1 min, 10 attempts): a calendar server back
 * within that gets the event; one down for longer is left failing, which HR sees on the
 * interviewer's calendar status. Never awaited by a booking.
 */
const calendarOptions: ActivityOptions = {
  startToCloseTimeout: '45 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
};

/**
 * Writes of the interview's event into each panel member's connected calendar, beside the
 * lifecycle like its email. Writes for one member run one after another, in the order of the
 * changes, so a cancel's delete cannot overtake the booking's put still retrying.
 */
export function createCalendarWrites(interviewId: string, timeoutMs?: number) {
  const options: ActivityOptions = timeoutMs === undefined ? calendarOptions : { ...calendarOptions, startToCloseTimeout: timeoutMs };
  const { writeCalendarEvent } = proxyActivities<CalendarEventActivities>(options);
  const chains = new Map<string, Promise<unknown>>();
  // Lifecycles started before calendars existed replay without these activities.
  const enabled = () => isPatched('calendar-events');

  function write(action: CalendarEventRequest['action'], members: PanelMember[], sequence: number, facts: (member: PanelMember) => InterviewEmailFacts): void {
    // A member known to have had no calendar when the slot was claimed has nothing to write to.
    const writable = members.filter((member) => member.calendar !== false);
    if (writable.length === 0 || !enabled()) return;
    for (const member of writable) {
      const request: CalendarEventRequest = { action, interviewId, interviewerId: member.interviewerId, sequence, facts: facts(member) };
      const summary = `${action === 'put' ? 'put' : 'delete'} calendar event for ${member.name} (SEQUENCE ${sequence})`;
      const previous = chains.get(member.interviewerId) ?? Promise.resolve();
      const next = previous.then(() =>
        writeCalendarEvent.executeWithOptions({ ...options, summary }, [request]).catch((error: unknown) => {
          log.warn('calendar event not written', { interviewId, interviewerId: member.interviewerId, action, error: String(error) });
        }),
      );
      chains.set(member.interviewerId, next);
    }
  }

  return {
    put: (members: PanelMember[], sequence: number, facts: (member: PanelMember) => InterviewEmailFacts) => write('put', members, sequence, facts),
    remove: (members: PanelMember[], sequence: number, facts: (member: PanelMember) => InterviewEmailFacts) => write('delete', members, sequence, facts),
    async drain(): Promise<void> {
      await Promise.all(chains.values());
    },
  };
}
