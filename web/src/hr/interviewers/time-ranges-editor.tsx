import { Index, Show } from 'solid-js';
import type { FieldErrors } from '../../ui/field-errors';
import { messagesAt } from '../../ui/field-errors';
import { ht } from '../hr-language';

export interface TimeRange {
  start: string;
  end: string;
}

interface TimeRangesEditorProps {
  /** Unique prefix for ids, and the error path of this list ("weekly.0.ranges"). */
  path: string;
  /** Says which day these hours belong to, for labels read out of context ("Monday"). */
  dayLabel: string;
  ranges: readonly TimeRange[];
  onChange: (ranges: TimeRange[]) => void;
  errors: FieldErrors;
  emptyText: string;
}

const idOf = (path: string) => path.replaceAll('.', '-');

export function TimeRangesEditor(props: TimeRangesEditorProps) {
  const update = (index: number, key: keyof TimeRange, value: string) =>
    props.onChange(props.ranges.map((r, i) => (i === index ? { ...r, [key]: value } : r)));

  return (
    <div class="ranges">
      <Show when={props.ranges.length > 0} fallback={<p class="hint">{props.emptyText}</p>}>
        <Index each={props.ranges}>
          {(range, index) => {
            const base = () => `${props.path}.${index}`;
            const error = () => messagesAt(props.errors, `${base()}.end`) ?? messagesAt(props.errors, `${base()}.start`);
            return (
              <div class="range">
                <label for={`${idOf(base())}-start`}>{ht('hr.ranges.from')}</label>
                <input
                  id={`${idOf(base())}-start`}
                  type="time"
                  value={range().start}
                  aria-invalid={error() !== undefined}
                  onChange={(e) => update(index, 'start', e.currentTarget.value)}
                />
                <label for={`${idOf(base())}-end`}>{ht('hr.ranges.to')}</label>
                <input
                  id={`${idOf(base())}-end`}
                  type="time"
                  value={range().end}
                  aria-invalid={error() !== undefined}
                  onChange={(e) => update(index, 'end', e.currentTarget.value)}
                />
                <button
                  type="button"
                  class="quiet"
                  aria-label={ht('hr.ranges.removeLabel', { day: props.dayLabel, start: range().start, end: range().end })}
                  onClick={() => props.onChange(props.ranges.filter((_, i) => i !== index))}
                >
                  {ht('hr.ranges.remove')}
                </button>
                <Show when={error()}>
                  <p class="field-error">{error()}</p>
                </Show>
              </div>
            );
          }}
        </Index>
      </Show>
      <button
        type="button"
        class="quiet"
        disabled={props.ranges.length >= 6}
        onClick={() =>
          props.onChange([...props.ranges, props.ranges.length === 0 ? { start: '09:00', end: '17:00' } : { start: '', end: '' }])
        }
      >
        {ht('hr.ranges.add', { day: props.dayLabel })}
      </button>
    </div>
  );
}
