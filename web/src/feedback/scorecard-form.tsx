import { For, Show, createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import { trpc } from '../trpc';
import { createMutation } from '../ui/create-mutation';
import { LiveMessage } from '../ui/live-message';
import { messagesAt } from '../ui/field-errors';
import { FieldError } from '../ui/field-error';

type FeedbackView = Awaited<ReturnType<typeof trpc.feedback.view.query>>;
type Recommendation = 'STRONG_YES' | 'YES' | 'NO' | 'STRONG_NO';

const RATINGS = [
  { value: 1, label: '1 — Not a fit' },
  { value: 2, label: '2 — Some concerns' },
  { value: 3, label: '3 — Good' },
  { value: 4, label: '4 — Excellent' },
];
const RECOMMENDATIONS: { value: Recommendation; label: string }[] = [
  { value: 'STRONG_YES', label: 'Strong yes' },
  { value: 'YES', label: 'Yes' },
  { value: 'NO', label: 'No' },
  { value: 'STRONG_NO', label: 'Strong no' },
];

interface FormProps {
  token: string;
  view: FeedbackView;
  onSaved: (next: FeedbackView) => void;
}

/** Rating on a 4-point scale, a recommendation and notes; the first save submits, later ones edit. */
export function ScorecardForm(props: FormProps) {
  const [form, setForm] = createStore({
    rating: props.view.scorecard?.rating ?? 0,
    recommendation: (props.view.scorecard?.recommendation ?? '') as Recommendation | '',
    notes: props.view.scorecard?.notes ?? '',
  });
  const [saved, setSaved] = createSignal('');
  const save = createMutation((first: boolean) => {
    const input = { token: props.token, rating: form.rating, recommendation: form.recommendation as Recommendation, notes: form.notes };
    return first ? trpc.feedback.submit.mutate(input) : trpc.feedback.update.mutate(input);
  });
  const error = (path: string) => messagesAt(save.problem()?.fieldErrors ?? {}, path);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setSaved('');
    const next = await save.run(props.view.scorecard === null);
    if (next === undefined) return;
    props.onSaved(next);
    setSaved('Thank you — your scorecard is saved. You can change it until HR decides.');
  }

  return (
    <form class="card" onSubmit={submit} aria-labelledby="scorecard-title" novalidate>
      <h2 id="scorecard-title">Scorecard</h2>
      <LiveMessage tone="success" when={saved()}>
        {saved()}
      </LiveMessage>
      <Show when={!props.view.editable}>
        <p class="notice">{props.view.closedReason}</p>
      </Show>
      <fieldset aria-describedby="rating-error" disabled={!props.view.editable}>
        <legend>Rating</legend>
        <For each={RATINGS}>
          {(option) => (
            <label class="check">
              <input type="radio" name="rating" value={option.value} checked={form.rating === option.value} onChange={() => setForm('rating', option.value)} />
              <span>{option.label}</span>
            </label>
          )}
        </For>
        <FieldError id="rating-error" message={error('rating')} />
      </fieldset>
      <fieldset aria-describedby="recommendation-error" disabled={!props.view.editable}>
        <legend>Recommendation</legend>
        <For each={RECOMMENDATIONS}>
          {(option) => (
            <label class="check">
              <input
                type="radio"
                name="recommendation"
                value={option.value}
                checked={form.recommendation === option.value}
                onChange={() => setForm('recommendation', option.value)}
              />
              <span>{option.label}</span>
            </label>
          )}
        </For>
        <FieldError id="recommendation-error" message={error('recommendation')} />
      </fieldset>
      <div class="field">
        <label for="notes">Notes</label>
        <textarea id="notes" rows="6" maxLength={5000} disabled={!props.view.editable} value={form.notes} onInput={(e) => setForm('notes', e.currentTarget.value)} />
      </div>
      <Show when={save.problem()}>
        {(problem) => (
          <p class="notice notice-error" role="alert">
            {problem().message}
          </p>
        )}
      </Show>
      <Show when={props.view.editable}>
        <button type="submit" class="primary" disabled={save.pending()}>
          {save.pending() ? 'Saving…' : props.view.scorecard ? 'Save changes' : 'Submit scorecard'}
        </button>
      </Show>
    </form>
  );
}
