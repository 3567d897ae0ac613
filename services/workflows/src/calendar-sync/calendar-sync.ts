import { getExternalWorkflowHandle, log, proxyActivities } from '@temporalio/workflow';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import type { CalendarSyncActivities } from './activities-api';
import { panelNoticeSignal } from '../lifecycle/definitions';

const { syncCalendars } = proxyActivities<CalendarSyncActivities>({
  // Each CalDAV request has its own deadline (CALENDAR_TIMEOUT_MS); this bounds a sync of many calendars.
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 2 },
  summary: "read the interviewers' calendars (busy times)",
});

/**
 * One run of the "calendar-sync" Schedule: the only writer of `calendar_busy`. What it found about
 * booked panels (a decline in the calendar, an event over an interview) is signalled to each
 * lifecycle, which repairs its panel (docs/adr/0032): the staleness bound of a calendar change is
 * therefore the sync interval plus one sync. A lifecycle already finished has nothing to repair.
 */
export async function calendarSync(): Promise<{ read: number; unchanged: number; failing: number }> {
  const { notices = [], ...summary } = await syncCalendars();
  await Promise.all(
    notices.map(({ interviewId, notice }) =>
      getExternalWorkflowHandle(interviewWorkflowId(interviewId))
        .signal(panelNoticeSignal, notice)
        .catch((error: unknown) => log.info('panel notice not delivered', { interviewId, error: String(error) })),
    ),
  );
  return summary;
}
