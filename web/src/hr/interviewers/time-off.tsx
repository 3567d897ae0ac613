import { Index, Show } from 'solid-js';
import type { FieldErrors } from '../../ui/field-errors';
import { messagesAt } from '../../ui/field-errors';
import { fromDateTimeLocal, toDateTimeLocal } from '../../time/date-time-local';

export interface TimeOffPeriod {
  start: string;
  end: string;
}

interface TimeOffProps {
  periods: readonly TimeOffPeriod[];
  timezone: string;
  onChange: (periods: TimeOffPeriod[]) => void;
  errors: FieldErrors;
}

/** Periods are instants; they are edited as wall times in the interviewer's zone. */
export function TimeOff(props: TimeOffProps) {
  const update = (index: number, key: keyof TimeOffPeriod, value: string) =>
    props.onChange(props.periods.map((p, i) => (i === index ? { ...p, [key]: fromDateTimeLocal(value, props.timezone) } : p)));

  return (
    <section class="card" aria-labelledby="timeoff-title">
      <h2 id="timeoff-title">Time off</h2>
      <p class="hint">Times in the interviewer's time zone ({props.timezone}).</p>
      <Show when={props.periods.length > 0} fallback={<p class="empty">No time off planned.</p>}>
        <Index each={props.periods}>
          {(period, index) => {
            const error = () =>
              messagesAt(props.errors, `timeOff.${index}.end`) ?? messagesAt(props.errors, `timeOff.${index}.start`);
            return (
              <fieldset class="weekday">
                <legend>Time off {index + 1}</legend>
                <div class="field">
                  <label for={`timeoff-${index}-start`}>Starts</label>
                  <input
                    id={`timeoff-${index}-start`}
                    type="datetime-local"
                    value={toDateTimeLocal(period().start, props.timezone)}
                    aria-invalid={error() !== undefined}
                    onChange={(e) => update(index, 'start', e.currentTarget.value)}
                  />
                </div>
                <div class="field">
                  <label for={`timeoff-${index}-end`}>Ends</label>
                  <input
                    id={`timeoff-${index}-end`}
                    type="datetime-local"
                    value={toDateTimeLocal(period().end, props.timezone)}
                    aria-invalid={error() !== undefined}
                    onChange={(e) => update(index, 'end', e.currentTarget.value)}
                  />
                </div>
                <Show when={error()}>
                  <p class="field-error">{error()}</p>
                </Show>
                <button type="button" class="quiet" onClick={() => props.onChange(props.periods.filter((_, i) => i !== index))}>
                  Remove time off {index + 1}
                </button>
              </fieldset>
            );
          }}
        </Index>
      </Show>
      <button type="button" onClick={() => props.onChange([...props.periods, { start: '', end: '' }])}>
        Add time off
      </button>
    </section>
  );
}
