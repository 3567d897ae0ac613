import { Show } from 'solid-js';

/** The message under a control; give the control `aria-describedby={id}` and `aria-invalid`. */
export function FieldError(props: { id: string; message: string | undefined }) {
  return (
    <Show when={props.message}>
      <p class="field-error" id={props.id}>
        {props.message}
      </p>
    </Show>
  );
}
