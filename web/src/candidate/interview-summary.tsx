import { Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import type { CandidateView } from '../api/trpc';
import { duration, kindTitle, t } from '../i18n/page-language';
import { Data } from '../i18n/words';
import { interviewersOf } from './interview-intro';

/** `level` 1 when the summary leads the page, 2 when it follows the booking. */
export function InterviewSummary(props: { view: CandidateView; heading: string; level?: 1 | 2 }) {
  return (
    <section class="card" aria-labelledby="interview-title">
      <Dynamic component={props.level === 2 ? 'h2' : 'h1'} id="interview-title">
        {props.heading}
      </Dynamic>
      <dl class="facts">
        <dt>{t('page.fact.position')}</dt>
        <dd>
          <Data>{props.view.position}</Data>
        </dd>
        <dt>{t('page.fact.interview')}</dt>
        <dd>{kindTitle(props.view.kind, props.view.kindLabel, props.view.kindTitles)}</dd>
        <dt>{t('page.fact.duration')}</dt>
        <dd>{duration(props.view.durationMinutes)}</dd>
        <dt>{props.view.isPanel ? t('page.fact.with') : t('page.fact.interviewer', { count: props.view.interviewerNames.length })}</dt>
        <dd>{interviewersOf(props.view)}</dd>
        <Show when={props.view.attempt > 1}>
          <dt>{t('page.fact.attempt')}</dt>
          <dd>{props.view.attempt}</dd>
        </Show>
      </dl>
    </section>
  );
}
