import { Index } from 'solid-js';
import type { FieldErrors } from '../../ui/field-errors';
import { WEEKDAY_LABELS } from '../labels';
import { TimeRangesEditor, type TimeRange } from './time-ranges-editor';

export interface WeekdayHours {
  weekday: number;
  ranges: TimeRange[];
}

/** One entry per ISO weekday (1 = Monday … 7 = Sunday), so error paths line up with the form. */
export function fullWeek(weekly: readonly WeekdayHours[]): WeekdayHours[] {
  return WEEKDAY_LABELS.map((_, i) => ({
    weekday: i + 1,
    ranges: weekly.filter((d) => d.weekday === i + 1).flatMap((d) => d.ranges.map((r) => ({ ...r }))),
  }));
}

interface WeeklyHoursProps {
  weekly: readonly WeekdayHours[];
  onChange: (weekday: number, ranges: TimeRange[]) => void;
  errors: FieldErrors;
  timezone: string;
}

export function WeeklyHours(props: WeeklyHoursProps) {
  return (
    <section class="card" aria-labelledby="weekly-title">
      <h2 id="weekly-title">Weekly working hours</h2>
      <p class="hint">In the interviewer's time zone ({props.timezone}).</p>
      <Index each={props.weekly}>
        {(day, index) => (
          <fieldset class="weekday">
            <legend>{WEEKDAY_LABELS[day().weekday - 1]}</legend>
            <TimeRangesEditor
              path={`weekly.${index}.ranges`}
              dayLabel={WEEKDAY_LABELS[day().weekday - 1] ?? `day ${day().weekday}`}
              ranges={day().ranges}
              onChange={(ranges) => props.onChange(day().weekday, ranges)}
              errors={props.errors}
              emptyText="Not working"
            />
          </fieldset>
        )}
      </Index>
    </section>
  );
}
