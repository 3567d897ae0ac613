import { Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import type { CandidateView } from '../trpc';
import { formatMinutes } from '../time/format';

/** `level` 1 when the summary leads the page, 2 when it follows the booking. */
export function InterviewSummary(props: { view: CandidateView; heading: string; level?: 1 | 2 }) {
  // Once booked, the panel that sits; before, who it will be picked from.
  const interviewers = () => {
    const booked = props.view.slot?.panelNames.join(', ');
    if (booked) return props.view.isPanel ? `Panel — ${booked}` : booked;
    const names = props.view.interviewerNames.join(', ');
    if (props.view.isPanel) return names === '' ? 'Panel' : `Panel of ${props.view.panelSize} from ${names}`;
    return names === '' ? 'To be confirmed' : names;
  };
  return (
    <section class="card" aria-labelledby="interview-title">
      <Dynamic component={props.level === 2 ? 'h2' : 'h1'} id="interview-title">
        {props.heading}
      </Dynamic>
      <dl class="facts">
        <dt>Position</dt>
        <dd>{props.view.position}</dd>
        <dt>Interview</dt>
        <dd>{props.view.kindLabel}</dd>
        <dt>Duration</dt>
        <dd>{formatMinutes(props.view.durationMinutes)}</dd>
        <dt>{props.view.isPanel ? 'With' : props.view.interviewerNames.length > 1 ? 'Interviewers' : 'Interviewer'}</dt>
        <dd>{interviewers()}</dd>
        <Show when={props.view.attempt > 1}>
          <dt>Attempt</dt>
          <dd>{props.view.attempt}</dd>
        </Show>
      </dl>
    </section>
  );
}
