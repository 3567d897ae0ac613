import { For, Show } from 'solid-js';
import type { InterviewDetail } from '../../trpc';
import { formatDateTime } from '../../time/format';
import { detectTimeZone } from '../../time/time-zones';

const RECOMMENDATION_LABELS: Record<string, string> = {
  STRONG_YES: 'Strong yes',
  YES: 'Yes',
  NO: 'No',
  STRONG_NO: 'Strong no',
};

/** The panel's scorecards, and whose is still missing. */
export function Scorecards(props: { detail: InterviewDetail }) {
  const zone = detectTimeZone();
  return (
    <Show when={props.detail.status === 'COMPLETED' || props.detail.scorecards.length > 0}>
      <section class="card" aria-labelledby="scorecards-title">
        <h2 id="scorecards-title">Feedback</h2>
        <Show when={props.detail.scorecards.length > 0} fallback={<p class="empty">No scorecard yet.</p>}>
          <ul class="rows">
            <For each={props.detail.scorecards}>
              {(card) => (
                <li class="row scorecard">
                  <span class="row-title">{card.interviewerName}</span>
                  <span class="badges">
                    <span class="badge">Rating {card.rating} of 4</span>
                    <span class="badge">{RECOMMENDATION_LABELS[card.recommendation] ?? card.recommendation}</span>
                  </span>
                  <Show when={card.notes}>
                    <p class="notes">{card.notes}</p>
                  </Show>
                  <span class="row-sub">Submitted {formatDateTime(card.submittedAt, zone)}</span>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={props.detail.feedbackMissing.length > 0}>
          <p class="hint">Waiting for: {props.detail.feedbackMissing.join(', ')}.</p>
        </Show>
      </section>
    </Show>
  );
}
