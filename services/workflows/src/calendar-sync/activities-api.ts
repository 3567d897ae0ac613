import type { PanelNotice } from '@portal/shared/lifecycle';

/** What calendar sync tells one lifecycle about its panel: a decline in the calendar, or an event over the interview. */
export interface CalendarPanelNotice {
  interviewId: string;
  notice: PanelNotice;
}

/** The scheduled read of every connected calendar (types only, for the calendarSync workflow). */
export interface CalendarSyncActivities {
  syncCalendars(): Promise<{ read: number; unchanged: number; failing: number; notices?: CalendarPanelNotice[] }>;
}
