import { Index, Show } from 'solid-js';
import type { FieldErrors } from '../../ui/field-errors';
import { messagesAt } from '../../ui/field-errors';
import { formatDayLong } from '../../time/format';
import { TimeRangesEditor, type TimeRange } from './time-ranges-editor';

export interface DateOverride {
  date: string;
  ranges: TimeRange[];
}

interface DateOverridesProps {
  overrides: readonly DateOverride[];
  onChange: (overrides: DateOverride[]) => void;
  errors: FieldErrors;
}

export function DateOverrides(props: DateOverridesProps) {
  const update = (index: number, next: Partial<DateOverride>) =>
    props.onChange(props.overrides.map((o, i) => (i === index ? { ...o, ...next } : o)));

  return (
    <section class="card" aria-labelledby="overrides-title">
      <h2 id="overrides-title">Date overrides</h2>
      <p class="hint">Hours for one date replace that weekday's hours. No hours means not available that day.</p>
      <Show when={props.overrides.length > 0} fallback={<p class="empty">No overrides.</p>}>
        <Index each={props.overrides}>
          {(override, index) => {
            const dayLabel = () => (override().date === '' ? 'this date' : formatDayLong(override().date));
            return (
              <fieldset class="weekday">
                <legend>{override().date === '' ? 'New override' : dayLabel()}</legend>
                <div class="field inline">
                  <label for={`override-${index}-date`}>Date</label>
                  <input
                    id={`override-${index}-date`}
                    type="date"
                    value={override().date}
                    aria-invalid={messagesAt(props.errors, `overrides.${index}.date`) !== undefined}
                    onChange={(e) => update(index, { date: e.currentTarget.value })}
                  />
                  <Show when={messagesAt(props.errors, `overrides.${index}.date`)}>
                    {(message) => <p class="field-error">{message()}</p>}
                  </Show>
                </div>
                <TimeRangesEditor
                  path={`overrides.${index}.ranges`}
                  dayLabel={dayLabel()}
                  ranges={override().ranges}
                  onChange={(ranges) => update(index, { ranges })}
                  errors={props.errors}
                  emptyText="Not available on this date"
                />
                <button
                  type="button"
                  class="quiet"
                  onClick={() => props.onChange(props.overrides.filter((_, i) => i !== index))}
                >
                  Remove override for {dayLabel()}
                </button>
              </fieldset>
            );
          }}
        </Index>
      </Show>
      <button type="button" onClick={() => props.onChange([...props.overrides, { date: '', ranges: [] }])}>
        Add a date override
      </button>
    </section>
  );
}
