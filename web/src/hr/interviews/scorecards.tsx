import { For, Show } from 'solid-js';
import type { InterviewDetail } from '../../api/trpc';
import { formatDateTime } from '../../time/format';
import { detectTimeZone } from '../../time/time-zones';
import { ht } from '../hr-language';
import { HrWords } from '../hr-words';
import { Data } from '../../i18n/words';
import { intlLocale, pageLocale } from '../../i18n/page-language';
import { localised } from '@portal/shared/kind-titles';
import type { KitAnswer, KitQuestion } from '@portal/shared/kits';

const RECOMMENDATIONS = ['STRONG_YES', 'YES', 'NO', 'STRONG_NO'] as const;
const recommendationLabel = (value: string) =>
  (RECOMMENDATIONS as readonly string[]).includes(value) ? ht(`hr.recommendation.${value as (typeof RECOMMENDATIONS)[number]}`) : value;

/** One answer as HR reads it: a rating on the kit's scale, yes or no, or the text; a dash where none was given. */
function answerText(question: KitQuestion, answer: KitAnswer | undefined, scale: number): string {
  if (answer === undefined || answer === '') return '—';
  if (question.type === 'rating') return ht('hr.scorecards.kitRating', { value: Number(answer), scale });
  if (question.type === 'yesno') return ht(answer === true ? 'hr.scorecards.yes' : 'hr.scorecards.no');
  return String(answer);
}

/**
 * The kit's answers side by side (issue 50): for each question of the interview's kit, what each
 * panel member answered, so HR compares candidates on what the round exists to test.
 */
function AnswersByQuestion(props: { detail: InterviewDetail }) {
  return (
    <Show when={props.detail.kit.questions.length > 0 && props.detail.scorecards.length > 0}>
      <h3>{ht('hr.scorecards.byQuestion')}</h3>
      <For each={props.detail.kit.questions}>
        {(question) => (
          <section class="kit-answers">
            <h4>
              <Data>{localised(question.prompt, pageLocale())}</Data>
            </h4>
            <dl>
              <For each={props.detail.scorecards}>
                {(card) => (
                  <>
                    <dt>
                      <Data>{card.interviewerName}</Data>
                    </dt>
                    <dd translate={question.type === 'text' || question.type === 'longtext' ? 'no' : undefined}>{answerText(question, card.answers[question.id], props.detail.kit.scale)}</dd>
                  </>
                )}
              </For>
            </dl>
          </section>
        )}
      </For>
    </Show>
  );
}

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
          <AnswersByQuestion detail={props.detail} />
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
