import { Show } from 'solid-js';
import type { BookedSlot, CandidateView } from '../api/trpc';
import { eventDetails, googleCalendarUrl, office365CalendarUrl, outlookCalendarUrl, type CalendarEvent } from './calendar-links';
import { kindTitle, t } from '../i18n/page-language';

interface AddToCalendarProps {
  view: CandidateView;
  slot: BookedSlot;
  manageUrl: string;
}

/** Every link carries the meeting link and this page's link, so the calendar entry is enough to join or change. */
export function AddToCalendar(props: AddToCalendarProps) {
  const event = (): CalendarEvent => ({
    title: `${kindTitle(props.view.kind, props.view.kindLabel, props.view.kindTitles)} — ${props.view.position}`,
    start: props.slot.start,
    end: props.slot.end,
    location: props.view.meetingUrl ?? undefined,
    details: eventDetails(props.view.meetingUrl, props.manageUrl, props.slot.panelNames.join(', '), {
      with: (names) => t('page.calendar.with', { names }),
      join: (url) => t('page.calendar.join', { url }),
      manage: (url) => t('page.calendar.manage', { url }),
    }),
  });
  return (
    <nav class="calendar-links" aria-label={t('page.calendar.label')}>
      <h2>{t('page.calendar.heading')}</h2>
      <ul>
        <li>
          <a href={googleCalendarUrl(event())} target="_blank" rel="noopener noreferrer" translate="no">
            Google Calendar
          </a>
        </li>
        <li>
          <a href={outlookCalendarUrl(event())} target="_blank" rel="noopener noreferrer" translate="no">
            Outlook.com
          </a>
        </li>
        <li>
          <a href={office365CalendarUrl(event())} target="_blank" rel="noopener noreferrer" translate="no">
            Office 365
          </a>
        </li>
        <Show when={props.view.icsUrl}>
          {(href) => (
            <li>
              <a href={href()} download="interview.ics">
                {t('page.calendar.ics')}
              </a>
            </li>
          )}
        </Show>
      </ul>
    </nav>
  );
}
