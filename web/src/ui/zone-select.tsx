import { For, createUniqueId } from 'solid-js';
import { timeZoneChoices } from '../time/time-zones';

interface ZoneSelectProps {
  label: string;
  value: string;
  onChange: (zone: string) => void;
  id?: string;
}

/** Zones by their IANA ids: names no language translates, so marked as such. */
export function ZoneSelect(props: ZoneSelectProps) {
  const id = props.id ?? createUniqueId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <For each={timeZoneChoices(props.value)}>
          {(zone) => (
            <option value={zone} translate="no">
              {zone.replaceAll('_', ' ')}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}
