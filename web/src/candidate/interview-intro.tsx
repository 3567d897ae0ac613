import type { JSX } from 'solid-js';
import type { CandidateView } from '../api/trpc';
import { duration, kindTitle, t } from '../i18n/page-language';
import { Data, Words } from '../i18n/words';

/** Who is interviewing: the panel once booked, else the pool it is picked from. */
export function interviewersOf(view: CandidateView): JSX.Element {
  const booked = view.slot?.panelNames.join(', ');
  if (booked) return view.isPanel ? <Words message="page.who.panelBooked" values={{ names: <Data>{booked}</Data> }} /> : <Data>{booked}</Data>;
  const names = view.interviewerNames.join(', ');
  if (view.isPanel) {
    return names === '' ? t('page.who.panel') : <Words message="page.who.panelOf" values={{ size: view.panelSize, names: <Data>{names}</Data> }} />;
  }
  return names === '' ? t('page.who.tbc') : <Data>{names}</Data>;
}

/** The booking page's first lines: a greeting that says what to do and the interview in one line. */
export function InterviewIntro(props: { view: CandidateView }) {
  return (
    <header class="intro">
      <h1 tabIndex={-1}>
        <Words message="page.intro.heading" values={{ name: <Data>{props.view.candidateName}</Data> }} />
      </h1>
      <p class="intro-facts">
        {kindTitle(props.view.kind, props.view.kindLabel, props.view.kindTitles)} · <Data>{props.view.position}</Data> · {duration(props.view.durationMinutes)} ·{' '}
        <Words message="page.intro.with" values={{ who: interviewersOf(props.view) }} />
        {props.view.attempt > 1 ? ` · ${t('page.intro.attempt', { attempt: props.view.attempt })}` : ''}
      </p>
    </header>
  );
}
