import type { InterviewEmailFacts } from '@portal/shared/email';

/** One panel member's copy of the interview's event, in their connected calendar. */
export interface CalendarEventRequest {
  action: 'put' | 'delete';
  interviewId: string;
  interviewerId: string;
  /** The interview's version: the emails' SEQUENCE for the same change. */
  sequence: number;
  facts: InterviewEmailFacts;
}

export type CalendarEventResult =
  | 'no calendar connected'
  // A provider whose events the portal does not write yet (Microsoft 365 until it is wired): its members' calendars get none.
  | 'not written to this provider yet'
  | 'created'
  | 'updated'
  | 'deleted'
  | 'already absent'
  | 'a newer version is there';

/** The interview's event in each panel member's connected calendar (types only). */
export interface CalendarEventActivities {
  writeCalendarEvent(request: CalendarEventRequest): Promise<CalendarEventResult>;
}
