/**
 * The message under a control; give the control `aria-describedby={id}` and `aria-invalid`. The
 * element is always in the page (hidden while empty), so the control's `aria-describedby` never
 * names an id that does not exist.
 */
export function FieldError(props: { id: string; message: string | undefined }) {
  return (
    <p class="field-error" id={props.id} hidden={!props.message}>
      {props.message}
    </p>
  );
}
