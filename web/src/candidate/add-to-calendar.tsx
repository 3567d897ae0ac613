import { Show } from 'solid-js';
import type { BookedSlot, CandidateView } from '../trpc';
import { googleCalendarUrl, outlookCalendarUrl, type CalendarEvent } from './calendar-links';

interface AddToCalendarProps {
  view: CandidateView;
  slot: BookedSlot;
  manageUrl: string;
}

export function AddToCalendar(props: AddToCalendarProps) {
  const event = (): CalendarEvent => ({
    title: `${props.view.kindLabel} — ${props.view.position}`,
    start: props.slot.start,
    end: props.slot.end,
    details: `Interview with ${props.slot.interviewerName}. Join, change or cancel: ${props.manageUrl}`,
  });
  return (
    <nav class="calendar-links" aria-label="Add to calendar">
      <h2>Add to your calendar</h2>
      <ul>
        <Show when={props.view.icsUrl}>
          {(href) => (
            <li>
              <a href={href()} download="interview.ics">
                Download .ics (Apple, Outlook desktop)
              </a>
            </li>
          )}
        </Show>
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
      </ul>
    </nav>
  );
}
