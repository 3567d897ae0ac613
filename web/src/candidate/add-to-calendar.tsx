import { Show } from 'solid-js';
import type { BookedSlot, CandidateView } from '../trpc';
import { eventDetails, googleCalendarUrl, office365CalendarUrl, outlookCalendarUrl, type CalendarEvent } from './calendar-links';

interface AddToCalendarProps {
  view: CandidateView;
  slot: BookedSlot;
  manageUrl: string;
}

/** Every link carries the meeting link and this page's link, so the calendar entry is enough to join or change. */
export function AddToCalendar(props: AddToCalendarProps) {
  const event = (): CalendarEvent => ({
    title: `${props.view.kindLabel} — ${props.view.position}`,
    start: props.slot.start,
    end: props.slot.end,
    location: props.view.meetingUrl ?? undefined,
    details: eventDetails(props.view.meetingUrl, props.manageUrl, props.slot.panelNames.join(', ')),
  });
  return (
    <nav class="calendar-links" aria-label="Add to calendar">
      <h2>Add to your calendar</h2>
      <ul>
        <li>
          <a href={googleCalendarUrl(event())} target="_blank" rel="noopener noreferrer">
            Google Calendar
          </a>
        </li>
        <li>
          <a href={outlookCalendarUrl(event())} target="_blank" rel="noopener noreferrer">
            Outlook.com
          </a>
        </li>
        <li>
          <a href={office365CalendarUrl(event())} target="_blank" rel="noopener noreferrer">
            Office 365
          </a>
        </li>
        <Show when={props.view.icsUrl}>
          {(href) => (
            <li>
              <a href={href()} download="interview.ics">
                Apple, Outlook desktop (.ics)
              </a>
            </li>
          )}
        </Show>
      </ul>
    </nav>
  );
}
