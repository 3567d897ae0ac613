import { For } from 'solid-js';
import type { HrMessageKey } from '@portal/shared/i18n/hr-messages';
import { ht } from '../hr-language';

/** One of the kind's settings this invitation may set for itself: '' keeps the kind's. */
export function KindOverrideSelect<T extends string>(props: {
  /** The invitation's field, naming the control (`invite-<field>`). */
  field: string;
  label: HrMessageKey;
  hint: HrMessageKey;
  value: T | '';
  options: readonly T[];
  optionLabel: (option: T) => HrMessageKey;
  onChange: (value: T | '') => void;
}) {
  const id = () => `invite-${props.field}`;
  return (
    <div class="field">
      <label for={id()}>{ht(props.label)}</label>
      <select id={id()} value={props.value} aria-describedby={`${id()}-hint`} onChange={(e) => props.onChange(e.currentTarget.value as T | '')}>
        <option value="">{ht('hr.invite.availabilityActionOfKind')}</option>
        <For each={props.options}>{(option) => <option value={option}>{ht(props.optionLabel(option))}</option>}</For>
      </select>
      <p class="hint" id={`${id()}-hint`}>
        {ht(props.hint)}
      </p>
    </div>
  );
}
