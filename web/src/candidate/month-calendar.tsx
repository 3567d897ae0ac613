import { For, Index, Show, createMemo, createSignal, createUniqueId } from 'solid-js';
import type { SlotDay } from './slot-days';
import { calendarMonths } from './month-grid';
import { intlLocale, t } from '../i18n/page-language';

interface MonthCalendarProps {
  days: readonly SlotDay[];
  selected: string;
  onSelect: (day: string) => void;
}

/** Monday to Sunday in the page's language (2026-11-02 was a Monday). */
const weekdays = () =>
  Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(intlLocale(), { timeZone: 'UTC', weekday: 'short' }).format(new Date(Date.UTC(2026, 10, 2 + i, 12))),
  );

const monthTitle = (month: string) =>
  new Intl.DateTimeFormat(intlLocale(), { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(new Date(`${month}-15T12:00:00Z`));

const dayName = (day: string, free: number) =>
  t('page.month.day', {
    day: new Intl.DateTimeFormat(intlLocale(), { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(`${day}T12:00:00Z`)),
    count: free,
  });

/**
 * A month at a time: days with free times are buttons (marked with a dot), every other day is
 * plain text, so a candidate can only pick a day they can book.
 */
export function MonthCalendar(props: MonthCalendarProps) {
  const id = createUniqueId();
  const months = createMemo(() => calendarMonths(props.days));
  const [index, setIndex] = createSignal(Math.max(0, months().findIndex((m) => m.month === props.selected.slice(0, 7))));
  const shown = () => months()[Math.min(index(), months().length - 1)];

  return (
    <Show when={shown()}>
      {(month) => (
        <div class="month" role="group" aria-labelledby={`${id}-title`}>
          <div class="month-head">
            <button type="button" class="quiet" aria-label={t('page.month.previous')} disabled={index() === 0} onClick={() => setIndex(index() - 1)}>
              ‹
            </button>
            <h3 id={`${id}-title`} aria-live="polite">
              <time datetime={month().month}>{monthTitle(month().month)}</time>
            </h3>
            <button
              type="button"
              class="quiet"
              aria-label={t('page.month.next')}
              disabled={index() >= months().length - 1}
              onClick={() => setIndex(index() + 1)}
            >
              ›
            </button>
          </div>
          <div class="month-grid">
            <For each={weekdays()}>{(name) => <span class="weekday-name" aria-hidden="true">{name}</span>}</For>
            {/* By place in the grid: a refreshed list redraws what changed in a cell, and a day
                still free keeps its button, and with it the keyboard's focus. */}
            <Index each={month().cells}>
              {(cell) => (
                <Show when={cell().day} fallback={<span class="day-cell" />}>
                  {(day) => (
                    <Show when={cell().free > 0} fallback={<span class="day-cell day-off">{Number(day().slice(8))}</span>}>
                      <button
                        type="button"
                        class="day-cell day-free"
                        aria-pressed={day() === props.selected}
                        aria-label={dayName(day(), cell().free)}
                        onClick={() => props.onSelect(day())}
                      >
                        {Number(day().slice(8))}
                      </button>
                    </Show>
                  )}
                </Show>
              )}
            </Index>
          </div>
        </div>
      )}
    </Show>
  );
}
