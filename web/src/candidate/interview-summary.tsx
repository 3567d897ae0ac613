import { Show } from 'solid-js';
import type { CandidateView } from '../trpc';
import { formatMinutes } from '../time/format';

export function InterviewSummary(props: { view: CandidateView; heading: string }) {
  const interviewers = () => {
    const names = props.view.interviewerNames.join(', ');
    if (props.view.isPanel) return names === '' ? 'Panel' : `Panel — ${names}`;
    return names === '' ? 'To be confirmed' : names;
  };
  return (
    <section class="card" aria-labelledby="interview-title">
      <h1 id="interview-title">{props.heading}</h1>
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
