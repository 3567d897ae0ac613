import { Index, Show } from 'solid-js';
import type { FieldErrors } from '../../ui/field-errors';
import { messagesAt } from '../../ui/field-errors';
import { fromDateTimeLocal, toDateTimeLocal } from '../../time/date-time-local';
import { ht } from '../hr-language';
import { HrWords } from '../hr-words';
import { Data } from '../../i18n/words';

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
      <h2 id="timeoff-title">{ht('hr.timeOff.title')}</h2>
      <p class="hint">
        <HrWords message="hr.timeOff.hint" values={{ zone: <Data>{props.timezone}</Data> }} />
      </p>
      <Show when={props.periods.length > 0} fallback={<p class="empty">{ht('hr.timeOff.none')}</p>}>
        <Index each={props.periods}>
          {(period, index) => {
            const error = () =>
              messagesAt(props.errors, `timeOff.${index}.end`) ?? messagesAt(props.errors, `timeOff.${index}.start`);
            return (
              <fieldset class="weekday">
                <legend>{ht('hr.timeOff.period', { number: index + 1 })}</legend>
                <div class="field">
                  <label for={`timeoff-${index}-start`}>{ht('hr.timeOff.starts')}</label>
                  <input
                    id={`timeoff-${index}-start`}
                    type="datetime-local"
                    value={toDateTimeLocal(period().start, props.timezone)}
                    aria-invalid={error() !== undefined}
                    onChange={(e) => update(index, 'start', e.currentTarget.value)}
                  />
                </div>
                <div class="field">
                  <label for={`timeoff-${index}-end`}>{ht('hr.timeOff.ends')}</label>
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
                  {ht('hr.timeOff.remove', { number: index + 1 })}
                </button>
              </fieldset>
            );
          }}
        </Index>
      </Show>
      <button type="button" onClick={() => props.onChange([...props.periods, { start: '', end: '' }])}>
        {ht('hr.timeOff.add')}
      </button>
    </section>
  );
}
