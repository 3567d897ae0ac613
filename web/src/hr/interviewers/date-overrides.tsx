import { Index, Show } from 'solid-js';
import type { FieldErrors } from '../../ui/field-errors';
import { messagesAt } from '../../ui/field-errors';
import { formatDayLong } from '../../time/format';
import { TimeRangesEditor, type TimeRange } from './time-ranges-editor';
import { ht } from '../hr-language';
import { intlLocale } from '../../i18n/page-language';

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
      <h2 id="overrides-title">{ht('hr.overrides.title')}</h2>
      <p class="hint">{ht('hr.overrides.hint')}</p>
      <Show when={props.overrides.length > 0} fallback={<p class="empty">{ht('hr.overrides.none')}</p>}>
        <Index each={props.overrides}>
          {(override, index) => {
            const dayLabel = () => (override().date === '' ? ht('hr.overrides.thisDate') : formatDayLong(override().date, intlLocale()));
            return (
              <fieldset class="weekday">
                <legend>{override().date === '' ? ht('hr.overrides.new') : dayLabel()}</legend>
                <div class="field inline">
                  <label for={`override-${index}-date`}>{ht('hr.overrides.date')}</label>
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
                  emptyText={ht('hr.overrides.unavailable')}
                />
                <button
                  type="button"
                  class="quiet"
                  onClick={() => props.onChange(props.overrides.filter((_, i) => i !== index))}
                >
                  {ht('hr.overrides.remove', { day: dayLabel() })}
                </button>
              </fieldset>
            );
          }}
        </Index>
      </Show>
      <button type="button" onClick={() => props.onChange([...props.overrides, { date: '', ranges: [] }])}>
        {ht('hr.overrides.add')}
      </button>
    </section>
  );
}
