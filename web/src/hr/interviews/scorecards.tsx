import { For, Show } from 'solid-js';
import type { InterviewDetail } from '../../api/trpc';
import { formatDateTime } from '../../time/format';
import { detectTimeZone } from '../../time/time-zones';
import { ht } from '../hr-language';
import { HrWords } from '../hr-words';
import { Data } from '../../i18n/words';
import { intlLocale } from '../../i18n/page-language';

const RECOMMENDATIONS = ['STRONG_YES', 'YES', 'NO', 'STRONG_NO'] as const;
const recommendationLabel = (value: string) =>
  (RECOMMENDATIONS as readonly string[]).includes(value) ? ht(`hr.recommendation.${value as (typeof RECOMMENDATIONS)[number]}`) : value;

/** The panel's scorecards, and whose is still missing. */
export function Scorecards(props: { detail: InterviewDetail }) {
  const zone = detectTimeZone();
  return (
    <Show when={props.detail.status === 'COMPLETED' || props.detail.scorecards.length > 0}>
      <section class="card" aria-labelledby="scorecards-title">
        <h2 id="scorecards-title">{ht('hr.scorecards.title')}</h2>
        <Show when={props.detail.scorecards.length > 0} fallback={<p class="empty">{ht('hr.scorecards.none')}</p>}>
          <ul class="rows">
            <For each={props.detail.scorecards}>
              {(card) => (
                <li class="row scorecard">
                  <span class="row-title">
                    <Data>{card.interviewerName}</Data>
                  </span>
                  <span class="badges">
                    <span class="badge">{ht('hr.scorecards.rating', { rating: card.rating })}</span>
                    <span class="badge">{recommendationLabel(card.recommendation)}</span>
                  </span>
                  <Show when={card.notes}>
                    <p class="notes" translate="no">
                      {card.notes}
                    </p>
                  </Show>
                  <span class="row-sub">{ht('hr.scorecards.submitted', { when: formatDateTime(card.submittedAt, zone, intlLocale()) })}</span>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={props.detail.feedbackMissing.length > 0}>
          <p class="hint">
            <HrWords message="hr.scorecards.waiting" values={{ names: <Data>{props.detail.feedbackMissing.join(', ')}</Data> }} />
          </p>
        </Show>
      </section>
    </Show>
  );
}
