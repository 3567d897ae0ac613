import { Show, splitProps, type JSX } from 'solid-js';
import { FieldError } from './field-error';

export type InputFieldProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'onInput' | 'aria-invalid' | 'aria-describedby'> & {
  id: string;
  label: string;
  /** Said under the control and read with it. */
  hint?: string;
  /** The field's refusal, marked on the control and read with it. */
  error: string | undefined;
  onInput: (input: HTMLInputElement) => void;
};

/**
 * A labelled input with its hint and its error beside it, as every HR form has them: the control
 * names both in `aria-describedby`, and `aria-invalid` follows the error. Other attributes go to
 * the input as given.
 */
export function InputField(props: InputFieldProps) {
  const [own, input] = splitProps(props, ['id', 'label', 'hint', 'error', 'onInput']);
  return (
    <div class="field">
      <label for={own.id}>{own.label}</label>
      <input
        {...input}
        id={own.id}
        aria-invalid={own.error !== undefined}
        aria-describedby={own.hint === undefined ? `${own.id}-error` : `${own.id}-hint ${own.id}-error`}
        onInput={(e) => own.onInput(e.currentTarget)}
      />
      <Show when={own.hint}>
        <p class="hint" id={`${own.id}-hint`}>
          {own.hint}
        </p>
      </Show>
      <FieldError id={`${own.id}-error`} message={own.error} />
    </div>
  );
}
