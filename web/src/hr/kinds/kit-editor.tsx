import { For, Index, Show } from 'solid-js';
import { SUPPORTED_LOCALES, LOCALE_NAMES } from '@portal/shared/i18n/locales';
import type { LocalisedText } from '@portal/shared/kind-titles';
import { KIT_LIMITS, KIT_QUESTION_TYPES, KIT_SCALE, type Kit, type KitQuestion, type KitQuestionType } from '@portal/shared/kits';
import { FieldError } from '../../ui/field-error';
import { NumberField } from '../../ui/number-field';
import { Data } from '../../i18n/words';
import { HrWords } from '../hr-words';
import { ht } from '../hr-language';

const OTHER_LOCALES = SUPPORTED_LOCALES.filter((locale) => locale !== 'en');

/** A text per language as the editor keeps it: every language present, '' where HR wrote none. */
export type TextDraft = Record<(typeof SUPPORTED_LOCALES)[number], string>;

export const textDraft = (text: LocalisedText | undefined): TextDraft =>
  Object.fromEntries(SUPPORTED_LOCALES.map((locale) => [locale, text?.[locale] ?? ''])) as TextDraft;

/** The languages HR filled in; the default language's always, so the server can name what is missing. */
export const textOf = (draft: TextDraft): LocalisedText =>
  ({ en: draft.en, ...Object.fromEntries(OTHER_LOCALES.filter((locale) => draft[locale].trim() !== '').map((locale) => [locale, draft[locale]])) }) as LocalisedText;

export interface QuestionDraft {
  id: string;
  type: KitQuestionType;
  required: boolean;
  prompt: TextDraft;
  guidance: TextDraft;
}

export interface KitDraft {
  scale: number;
  questions: QuestionDraft[];
}

export const kitDraft = (kit: Kit | undefined): KitDraft => ({
  scale: kit?.scale ?? KIT_SCALE.default,
  questions: (kit?.questions ?? []).map((q) => ({ id: q.id, type: q.type, required: q.required, prompt: textDraft(q.prompt), guidance: textDraft(q.guidance) })),
});

export const kitOf = (draft: KitDraft): Kit => ({
  scale: draft.scale,
  questions: draft.questions.map((q): KitQuestion => {
    const guidance = textOf(q.guidance);
    return { id: q.id.trim(), type: q.type, required: q.required, prompt: textOf(q.prompt), ...(guidance.en.trim() === '' ? {} : { guidance }) };
  }),
});

/** Per-language inputs of one text: the default language's first, the others folded away under "Translations". */
export function TextByLanguage(props: {
  idPrefix: string;
  label: string;
  value: TextDraft;
  multiline?: boolean;
  maxLength: number;
  disabled?: boolean;
  error: (locale: string) => string | undefined;
  onChange: (locale: (typeof SUPPORTED_LOCALES)[number], text: string) => void;
}) {
  const control = (locale: (typeof SUPPORTED_LOCALES)[number]) => {
    const id = `${props.idPrefix}-${locale}`;
    const common = {
      id,
      lang: locale,
      dir: 'auto' as const,
      maxLength: props.maxLength,
      value: props.value[locale],
      disabled: props.disabled,
      'aria-invalid': props.error(locale) !== undefined,
      'aria-describedby': `${id}-error`,
    };
    return (
      <div class="field">
        <label for={id}>
          <HrWords message="hr.kinds.inLanguage" values={{ label: props.label, language: <Data>{LOCALE_NAMES[locale]}</Data> }} />
        </label>
        {props.multiline ? (
          <textarea {...common} rows={3} onInput={(e) => props.onChange(locale, e.currentTarget.value)} />
        ) : (
          <input {...common} type="text" onInput={(e) => props.onChange(locale, e.currentTarget.value)} />
        )}
        <FieldError id={`${id}-error`} message={props.error(locale)} />
      </div>
    );
  };
  return (
    <>
      {control('en')}
      <details class="translations">
        <summary>{ht('hr.kinds.translations', { label: props.label })}</summary>
        <For each={OTHER_LOCALES}>{(locale) => control(locale)}</For>
      </details>
    </>
  );
}

/**
 * A kind's scorecard kit: its rating scale and its questions in order, each with a stable id (the
 * key its answers are stored and sent under), a type, whether it is required, a prompt and optional
 * guidance for the interviewer, in each language HR fills in.
 */
export function KitEditor(props: {
  idPrefix: string;
  kit: KitDraft;
  disabled?: boolean;
  onChange: (kit: KitDraft) => void;
  /** Errors by path below the kit (`questions.0.prompt.en`). */
  error: (path: string) => string | undefined;
}) {
  const update = (index: number, change: Partial<QuestionDraft>) =>
    props.onChange({ ...props.kit, questions: props.kit.questions.map((q, i) => (i === index ? { ...q, ...change } : q)) });
  const move = (index: number, by: -1 | 1) => {
    const questions = [...props.kit.questions];
    const [taken] = questions.splice(index, 1);
    if (taken) questions.splice(index + by, 0, taken);
    props.onChange({ ...props.kit, questions });
  };
  const add = () =>
    props.onChange({
      ...props.kit,
      questions: [...props.kit.questions, { id: `question-${props.kit.questions.length + 1}`, type: 'rating', required: false, prompt: textDraft(undefined), guidance: textDraft(undefined) }],
    });
  return (
    <fieldset class="kit-editor">
      <legend>{ht('hr.kit.legend')}</legend>
      <p class="hint">{ht('hr.kit.intro')}</p>
      <NumberField
        id={`${props.idPrefix}-scale`}
        label={ht('hr.kit.scale')}
        min={KIT_SCALE.min}
        max={KIT_SCALE.max}
        value={props.kit.scale}
        disabled={props.disabled}
        hint={ht('hr.kit.scaleHint', { min: KIT_SCALE.min, max: KIT_SCALE.max })}
        error={props.error('scale')}
        onInput={(input) => props.onChange({ ...props.kit, scale: input.valueAsNumber })}
      />
      <Show when={props.kit.questions.length === 0}>
        <p class="hint">{ht('hr.kit.none')}</p>
      </Show>
      <ol class="kit-questions">
        <Index each={props.kit.questions}>
          {(question, index) => {
            const id = (field: string) => `${props.idPrefix}-q${index}-${field}`;
            const at = (path: string) => props.error(`questions.${index}.${path}`);
            return (
              <li>
                <fieldset class="card">
                  <legend>{ht('hr.kit.question', { number: index + 1 })}</legend>
                  <TextByLanguage
                    idPrefix={id('prompt')}
                    label={ht('hr.kit.prompt')}
                    value={question().prompt}
                    maxLength={KIT_LIMITS.prompt}
                    disabled={props.disabled}
                    error={(locale) => at(`prompt.${locale}`) ?? (locale === 'en' ? at('prompt') : undefined)}
                    onChange={(locale, text) => update(index, { prompt: { ...question().prompt, [locale]: text } })}
                  />
                  <div class="field">
                    <label for={id('type')}>{ht('hr.kit.type')}</label>
                    <select id={id('type')} value={question().type} disabled={props.disabled} onChange={(e) => update(index, { type: e.currentTarget.value as KitQuestionType })}>
                      <For each={KIT_QUESTION_TYPES}>{(type) => <option value={type}>{ht(`hr.kit.type.${type}`, { scale: props.kit.scale })}</option>}</For>
                    </select>
                  </div>
                  <label class="check">
                    <input type="checkbox" checked={question().required} disabled={props.disabled} onChange={(e) => update(index, { required: e.currentTarget.checked })} />
                    {ht('hr.kit.required')}
                  </label>
                  <div class="field">
                    <label for={id('id')}>{ht('hr.kit.id')}</label>
                    <input
                      id={id('id')}
                      type="text"
                      maxLength={40}
                      value={question().id}
                      disabled={props.disabled}
                      aria-invalid={at('id') !== undefined}
                      aria-describedby={`${id('id')}-hint ${id('id')}-error`}
                      onInput={(e) => update(index, { id: e.currentTarget.value })}
                    />
                    <p class="hint" id={`${id('id')}-hint`}>
                      {ht('hr.kit.idHint')}
                    </p>
                    <FieldError id={`${id('id')}-error`} message={at('id')} />
                  </div>
                  <TextByLanguage
                    idPrefix={id('guidance')}
                    label={ht('hr.kit.guidance')}
                    value={question().guidance}
                    multiline
                    maxLength={KIT_LIMITS.guidance}
                    disabled={props.disabled}
                    error={(locale) => at(`guidance.${locale}`)}
                    onChange={(locale, text) => update(index, { guidance: { ...question().guidance, [locale]: text } })}
                  />
                  <Show when={!props.disabled}>
                    <div class="actions">
                      <button type="button" disabled={index === 0} onClick={() => move(index, -1)}>
                        {ht('hr.kit.up')}
                        <span class="visually-hidden">{ht('hr.kit.which', { number: index + 1 })}</span>
                      </button>
                      <button type="button" disabled={index === props.kit.questions.length - 1} onClick={() => move(index, 1)}>
                        {ht('hr.kit.down')}
                        <span class="visually-hidden">{ht('hr.kit.which', { number: index + 1 })}</span>
                      </button>
                      <button type="button" onClick={() => props.onChange({ ...props.kit, questions: props.kit.questions.filter((_, i) => i !== index) })}>
                        {ht('hr.kit.remove')}
                        <span class="visually-hidden">{ht('hr.kit.which', { number: index + 1 })}</span>
                      </button>
                    </div>
                  </Show>
                </fieldset>
              </li>
            );
          }}
        </Index>
      </ol>
      <Show when={!props.disabled && props.kit.questions.length < KIT_LIMITS.questions}>
        <button type="button" onClick={add}>
          {ht('hr.kit.add')}
        </button>
      </Show>
    </fieldset>
  );
}
