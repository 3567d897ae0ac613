import { For, Show, createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import { trpc } from '../api/trpc';
import { createMutation } from '../ui/create-mutation';
import { LiveMessage } from '../ui/live-message';
import { FieldError } from '../ui/field-error';
import { t } from '../i18n/page-language';
import { fieldProblemText, problemText } from '../api/problem-text';

type FeedbackView = Awaited<ReturnType<typeof trpc.feedback.view.query>>;
type Recommendation = 'STRONG_YES' | 'YES' | 'NO' | 'STRONG_NO';

const RATINGS = [1, 2, 3, 4] as const;
const RECOMMENDATIONS: Recommendation[] = ['STRONG_YES', 'YES', 'NO', 'STRONG_NO'];

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
  const error = (field: string) => fieldProblemText(save.problem(), field);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setSaved('');
    const next = await save.run(props.view.scorecard === null);
    if (next === undefined) return;
    props.onSaved(next);
    setSaved(t('feedback.saved'));
  }

  return (
    <form class="card" onSubmit={submit} aria-labelledby="scorecard-title" novalidate>
      <h2 id="scorecard-title">{t('feedback.scorecard')}</h2>
      <LiveMessage tone="success" when={saved()}>
        {saved()}
      </LiveMessage>
      <Show when={!props.view.editable}>
        <p class="notice">{props.view.closedBecause === 'DECIDED' ? t('feedback.closed.decided') : t('feedback.closed.notCompleted')}</p>
      </Show>
      <fieldset aria-describedby="rating-error" disabled={!props.view.editable}>
        <legend>{t('feedback.rating')}</legend>
        <For each={RATINGS}>
          {(value) => (
            <label class="check">
              <input type="radio" name="rating" value={value} checked={form.rating === value} onChange={() => setForm('rating', value)} />
              <span>{t(`feedback.rating.${value}`)}</span>
            </label>
          )}
        </For>
        <FieldError id="rating-error" message={error('rating')} />
      </fieldset>
      <fieldset aria-describedby="recommendation-error" disabled={!props.view.editable}>
        <legend>{t('feedback.recommendation')}</legend>
        <For each={RECOMMENDATIONS}>
          {(value) => (
            <label class="check">
              <input
                type="radio"
                name="recommendation"
                value={value}
                checked={form.recommendation === value}
                onChange={() => setForm('recommendation', value)}
              />
              <span>{t(`feedback.recommendation.${value}`)}</span>
            </label>
          )}
        </For>
        <FieldError id="recommendation-error" message={error('recommendation')} />
      </fieldset>
      <div class="field">
        <label for="notes">{t('feedback.notes')}</label>
        <textarea
          id="notes"
          rows="6"
          maxLength={5000}
          disabled={!props.view.editable}
          value={form.notes}
          aria-describedby="notes-error"
          aria-invalid={error('notes') ? true : undefined}
          onInput={(e) => setForm('notes', e.currentTarget.value)}
        />
        <FieldError id="notes-error" message={error('notes')} />
      </div>
      <Show when={save.problem()}>
        {(problem) => (
          <p class="notice notice-error" role="alert">
            {problemText(problem())}
          </p>
        )}
      </Show>
      <Show when={props.view.editable}>
        <button type="submit" class="primary" disabled={save.pending()}>
          {save.pending() ? t('feedback.saving') : props.view.scorecard ? t('feedback.saveChanges') : t('feedback.submit')}
        </button>
      </Show>
    </form>
  );
}
