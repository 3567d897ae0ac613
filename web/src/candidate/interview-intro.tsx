import type { CandidateView } from '../trpc';
import { formatMinutes } from '../time/format';

/** Who is interviewing: the panel once booked, else the pool it is picked from. */
export function interviewersOf(view: CandidateView): string {
  const booked = view.slot?.panelNames.join(', ');
  if (booked) return view.isPanel ? `Panel — ${booked}` : booked;
  const names = view.interviewerNames.join(', ');
  if (view.isPanel) return names === '' ? 'Panel' : `Panel of ${view.panelSize} from ${names}`;
  return names === '' ? 'To be confirmed' : names;
}

/** The booking page's first lines: a greeting that says what to do and the interview in one line. */
export function InterviewIntro(props: { view: CandidateView }) {
  return (
    <header class="intro">
      <h1 tabIndex={-1}>Hi {props.view.candidateName}, pick a time for your interview</h1>
      <p class="intro-facts">
        {props.view.kindLabel} · {props.view.position} · {formatMinutes(props.view.durationMinutes)} · with{' '}
        {interviewersOf(props.view)}
        {props.view.attempt > 1 ? ` · attempt ${props.view.attempt}` : ''}
      </p>
    </header>
  );
}
