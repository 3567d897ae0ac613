import { For } from 'solid-js';
import { clockTime } from '../time/clock';
import { hourCycle } from '../time/zone-preference';
import type { SlotDay } from './slot-days';
import { intlLocale } from '../i18n/page-language';
import { Words } from '../i18n/words';

interface TimeListProps {
  name: string;
  day: SlotDay;
  zone: string;
  chosen: string;
  onChoose: (start: string) => void;
}

/** "Tuesday 24 Nov": with the long month the legend wrapped at 360px. */
const dayLegend = (day: string) =>
  new Intl.DateTimeFormat(intlLocale(), { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'short' }).format(
    new Date(`${day}T12:00:00Z`),
  );

/**
 * The chosen day's free times as radio chips: arrow keys move between them. Keyed by start: when
 * the list is refreshed (another booking in the pool, a reconnection), a time still free keeps its
 * chip, and with it the keyboard's focus, instead of being drawn anew.
 */
export function TimeList(props: TimeListProps) {
  return (
    <fieldset class="slot-list">
      <legend>
        <Words message="page.picker.timesOn" values={{ day: <time datetime={props.day.day}>{dayLegend(props.day.day)}</time> }} />
      </legend>
      <For each={props.day.slots.map((slot) => slot.start)}>
        {(start) => (
          <label class="chip">
            <input type="radio" name={props.name} value={start} checked={start === props.chosen} onChange={() => props.onChoose(start)} />
            <time class="chip-main" datetime={start}>
              {clockTime(start, props.zone, hourCycle(), intlLocale())}
            </time>
          </label>
        )}
      </For>
    </fieldset>
  );
}
