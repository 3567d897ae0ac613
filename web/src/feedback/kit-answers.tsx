import { For, Index, Match, Show, Switch } from 'solid-js';
import { localised } from '@portal/shared/kind-titles';
import { KIT_LIMITS, type Kit, type KitAnswer, type KitAnswers, type KitQuestion } from '@portal/shared/kits';
import { FieldError } from '../ui/field-error';
import { pageLocale, t } from '../i18n/page-language';

/**
 * The interview's scorecard kit as its interviewer answers it (issue 50): each question in order,
 * in the page's language, answered as its type asks (a rating on the kit's scale, yes or no, a short
 * or a long text), required ones marked, HR's guidance read with the question.
 */
export function KitAnswersFields(props: {
  kit: Kit;
  answers: KitAnswers;
  disabled: boolean;
  onChange: (questionId: string, value: KitAnswer | undefined) => void;
  error: (questionId: string) => string | undefined;
}) {
  const scale = () => Array.from({ length: props.kit.scale }, (_, i) => i + 1);
  return (
    <Show when={props.kit.questions.length > 0}>
      <h3>{t('feedback.kit.title')}</h3>
      <Index each={props.kit.questions}>
        {(question, index) => {
          const id = `kit-${index}`;
          const described = () => [question().guidance ? `${id}-guidance` : '', `${id}-error`].filter(Boolean).join(' ');
          const prompt = (q: KitQuestion) => (
            <>
              {localised(q.prompt, pageLocale())}
              {q.required ? <span class="row-sub"> ({t('answer.kit.required')})</span> : null}
            </>
          );
          const guidance = () => (
            <Show when={question().guidance}>
              {(text) => (
                <p class="hint" id={`${id}-guidance`}>
                  {localised(text(), pageLocale())}
                </p>
              )}
            </Show>
          );
          const choices = (values: readonly (number | boolean)[], label: (value: number | boolean) => string) => (
            <fieldset aria-describedby={described()} disabled={props.disabled}>
              <legend>{prompt(question())}</legend>
              {guidance()}
              <div class="kit-choices">
                <For each={values}>
                  {(value) => (
                    <label class="check">
                      <input
                        type="radio"
                        name={id}
                        checked={props.answers[question().id] === value}
                        aria-invalid={props.error(question().id) !== undefined}
                        onChange={() => props.onChange(question().id, value)}
                      />
                      <span>{label(value)}</span>
                    </label>
                  )}
                </For>
              </div>
              <FieldError id={`${id}-error`} message={props.error(question().id)} />
            </fieldset>
          );
          return (
            <Switch>
              <Match when={question().type === 'rating'}>{choices(scale(), (value) => t('feedback.kit.point', { value: Number(value), scale: props.kit.scale }))}</Match>
              <Match when={question().type === 'yesno'}>{choices([true, false], (value) => t(value ? 'feedback.kit.yes' : 'feedback.kit.no'))}</Match>
              <Match when={true}>
                <div class="field">
                  <label for={id}>{prompt(question())}</label>
                  {guidance()}
                  {(() => {
                    // The text answers' one set of attributes; a long text gets a textarea.
                    const text = {
                      id,
                      disabled: props.disabled,
                      value: String(props.answers[question().id] ?? ''),
                      'aria-required': question().required,
                      'aria-invalid': props.error(question().id) !== undefined,
                      'aria-describedby': described(),
                      onInput: (e: { currentTarget: { value: string } }) => props.onChange(question().id, e.currentTarget.value === '' ? undefined : e.currentTarget.value),
                    };
                    return question().type === 'longtext' ? <textarea {...text} rows="4" maxLength={KIT_LIMITS.longtext} /> : <input {...text} type="text" maxLength={KIT_LIMITS.text} />;
                  })()}
                  <FieldError id={`${id}-error`} message={props.error(question().id)} />
                </div>
              </Match>
            </Switch>
          );
        }}
      </Index>
    </Show>
  );
}
