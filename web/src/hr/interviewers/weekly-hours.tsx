import { Index } from 'solid-js';
import type { FieldErrors } from '../../ui/field-errors';
import { weekdayLabel } from '../labels';
import { ht } from '../hr-language';
import { HrWords } from '../hr-words';
import { Data } from '../../i18n/words';
import { TimeRangesEditor, type TimeRange } from './time-ranges-editor';

export interface WeekdayHours {
  weekday: number;
  ranges: TimeRange[];
}

/** One entry per ISO weekday (1 = Monday … 7 = Sunday), so error paths line up with the form. */
export function fullWeek(weekly: readonly WeekdayHours[]): WeekdayHours[] {
  return [0, 1, 2, 3, 4, 5, 6].map((i) => ({
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
      <h2 id="weekly-title">{ht('hr.interviewer.weekly')}</h2>
      <p class="hint">
        <HrWords message="hr.interviewer.inZone" values={{ zone: <Data>{props.timezone}</Data> }} />
      </p>
      <Index each={props.weekly}>
        {(day, index) => (
          <fieldset class="weekday">
            <legend>{weekdayLabel(day().weekday)}</legend>
            <TimeRangesEditor
              path={`weekly.${index}.ranges`}
              dayLabel={weekdayLabel(day().weekday)}
              ranges={day().ranges}
              onChange={(ranges) => props.onChange(day().weekday, ranges)}
              errors={props.errors}
              emptyText={ht('hr.interviewer.notWorking')}
            />
          </fieldset>
        )}
      </Index>
    </section>
  );
}
