import { Show } from 'solid-js';
import { FieldError } from './field-error';

/** A labelled number input with its hint and its error beside it, as every HR form has them. Whole numbers unless `step` says otherwise. */
export function NumberField(props: {
  id: string;
  label: string;
  value: number | string;
  error: string | undefined;
  hint?: string;
  min?: number;
  max?: number;
  step?: string;
  disabled?: boolean;
  onInput: (input: HTMLInputElement) => void;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        inputmode={(props.step ?? '1') === '1' ? 'numeric' : 'decimal'}
        min={props.min ?? 0}
        max={props.max}
        step={props.step ?? '1'}
        value={props.value}
        disabled={props.disabled}
        aria-invalid={props.error !== undefined}
        aria-describedby={props.hint === undefined ? `${props.id}-error` : `${props.id}-hint ${props.id}-error`}
        onInput={(e) => props.onInput(e.currentTarget)}
      />
      <Show when={props.hint}>
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      </Show>
      <FieldError id={`${props.id}-error`} message={props.error} />
    </div>
  );
}
