import { For, createUniqueId } from 'solid-js';
import { timeZoneChoices } from '../time/time-zones';
import { zoneLongName } from '../time/format';

interface ZoneSelectProps {
  label: string;
  value: string;
  onChange: (zone: string) => void;
  id?: string;
  /** Say the zone's spoken name under the select ("Central European Standard Time"). */
  describe?: boolean;
}

export function ZoneSelect(props: ZoneSelectProps) {
  const id = props.id ?? createUniqueId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        aria-describedby={props.describe ? `${id}-name` : undefined}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        <For each={timeZoneChoices(props.value)}>{(zone) => <option value={zone}>{zone.replaceAll('_', ' ')}</option>}</For>
      </select>
      {props.describe && (
        <p class="hint" id={`${id}-name`}>
          Times are shown in {zoneLongName(props.value)} ({props.value.replaceAll('_', ' ')}).
        </p>
      )}
    </div>
  );
}
