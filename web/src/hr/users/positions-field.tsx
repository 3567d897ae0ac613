import type { JSX } from 'solid-js';
import { FieldError } from '../../ui/field-error';
import { ht } from '../hr-language';

/** A hiring manager's positions: a labelled box, one a line or comma-separated, with its hint and error. */
export function PositionsField(props: { id: string; label: JSX.Element; value: string; error: string | undefined; disabled?: boolean; onInput: (text: string) => void }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        rows={3}
        value={props.value}
        disabled={props.disabled}
        aria-invalid={props.error !== undefined}
        aria-describedby={`${props.id}-hint ${props.id}-error`}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <p class="hint" id={`${props.id}-hint`}>
        {ht('hr.users.positionsHint')}
      </p>
      <FieldError id={`${props.id}-error`} message={props.error} />
    </div>
  );
}
