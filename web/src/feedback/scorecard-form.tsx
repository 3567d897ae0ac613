import { For, Show, createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import { trpc } from '../api/trpc';
import { createMutation } from '../ui/create-mutation';
import { LiveMessage } from '../ui/live-message';
import { FieldError } from '../ui/field-error';
import { t } from '../i18n/page-language';
import { fieldProblemText, problemText } from '../api/problem-text';
import { kitAnswersProblems, type KitAnswer, type KitAnswers } from '@portal/shared/kits';
import { KitAnswersFields } from './kit-answers';

type FeedbackView = Awaited<ReturnType<typeof trpc.feedback.view.query>>;
type Recommendation = 'STRONG_YES' | 'YES' | 'NO' | 'STRONG_NO';

const RATINGS = [1, 2, 3, 4] as const;
const RECOMMENDATIONS: Recommendation[] = ['STRONG_YES', 'YES', 'NO', 'STRONG_NO'];

interface FormProps {
  token: string;
  view: FeedbackView;
  onSaved: (next: FeedbackView) => void;
}

interface Draft {
  rating: number;
  recommendation: Recommendation | '';
  notes: string;
  answers: KitAnswers;
}

/**
 * A scorecard not yet submitted is kept as a draft in this browser only (docs/adr/0065): it holds
 * the interviewer's words about the candidate, so the portal stores none of it until it is
 * submitted, and a submission removes it.
 */
const draftKey = (view: FeedbackView) => `scorecard-draft:${view.interviewId}:${view.interviewerName}`;

function readDraft(view: FeedbackView): Draft | null {
  try {
    const text = localStorage.getItem(draftKey(view));
    return text ? (JSON.parse(text) as Draft) : null;
  } catch {
    return null;
  }
}

/**
 * Rating on a 4-point scale, a recommendation, the interview's kit and notes; the first save
 * submits, later ones edit. Until the first, a draft can be kept on this device.
 */
export function ScorecardForm(props: FormProps) {
  const draft = props.view.scorecard === null ? readDraft(props.view) : null;
  const [form, setForm] = createStore<Draft>({
    rating: props.view.scorecard?.rating ?? draft?.rating ?? 0,
    recommendation: (props.view.scorecard?.recommendation ?? draft?.recommendation ?? '') as Recommendation | '',
    notes: props.view.scorecard?.notes ?? draft?.notes ?? '',
    answers: { ...(props.view.scorecard?.answers ?? draft?.answers ?? {}) },
  });
  const [saved, setSaved] = createSignal(draft ? t('feedback.draft.restored') : '');
  const [kitErrors, setKitErrors] = createSignal<Record<string, string>>({});
  const save = createMutation((first: boolean) => {
    const input = { token: props.token, rating: form.rating, recommendation: form.recommendation as Recommendation, notes: form.notes, answers: { ...form.answers } };
    return first ? trpc.feedback.submit.mutate(input) : trpc.feedback.update.mutate(input);
  });
  const error = (field: string) => fieldProblemText(save.problem(), field);
  const kitError = (questionId: string) => kitErrors()[questionId] ?? (save.problem()?.fieldErrors[`answers.${questionId}`] ? t('feedback.kit.invalid') : undefined);

  function setAnswer(questionId: string, value: KitAnswer | undefined) {
    const answers = { ...form.answers };
    if (value === undefined) delete answers[questionId];
    else answers[questionId] = value;
    setForm('answers', answers);
    setKitErrors(({ [questionId]: _fixed, ...rest }) => rest);
  }

  /** The kit's answers checked here first, as the server will: each problem said at its question. */
  function kitChecked(): boolean {
    const problems = kitAnswersProblems(props.view.kit, form.answers);
    const required = new Set(props.view.kit.questions.filter((q) => q.required).map((q) => q.id));
    setKitErrors(Object.fromEntries(problems.map((p) => [p.questionId, required.has(p.questionId) && form.answers[p.questionId] === undefined ? t('feedback.kit.missing') : t('feedback.kit.invalid')])));
    if (problems.length === 0) return true;
    document.querySelector<HTMLElement>('form [aria-invalid="true"]')?.focus();
    return false;
  }

  function saveDraft() {
    try {
      localStorage.setItem(draftKey(props.view), JSON.stringify({ ...form, answers: { ...form.answers } }));
      setSaved(t('feedback.draft.saved'));
    } catch {
      setSaved(t('feedback.draft.unavailable'));
    }
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setSaved('');
    if (!kitChecked()) return;
    const next = await save.run(props.view.scorecard === null);
    if (next === undefined) return;
    try {
      localStorage.removeItem(draftKey(props.view));
    } catch {
      // Storage refused: nothing was kept either.
    }
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
      <KitAnswersFields kit={props.view.kit} answers={form.answers} disabled={!props.view.editable} onChange={setAnswer} error={kitError} />
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
        <p class="actions">
          <button type="submit" class="primary" disabled={save.pending()}>
            {save.pending() ? t('feedback.saving') : props.view.scorecard ? t('feedback.saveChanges') : t('feedback.submit')}
          </button>{' '}
          <Show when={props.view.scorecard === null}>
            <button type="button" onClick={saveDraft}>
              {t('feedback.draft.save')}
            </button>
          </Show>
        </p>
      </Show>
    </form>
  );
}
