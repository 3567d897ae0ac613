import { For, Show, type JSX } from 'solid-js';
import { clockTime } from '../time/clock';
import { hourCycle } from '../time/zone-preference';
import { intlLocale, t } from '../i18n/page-language';

/** One offered itinerary as the loop's listings give it: every session's time and panel. */
export interface ItineraryChoice {
  itineraryId: string;
  end: string;
  sessions: { title: string; start: string; panelSize: number }[];
  /** When the loop is booked again whole: how many booked sessions it leaves where they are. */
  keeps?: number;
}

interface ItineraryChoicesProps {
  name: string;
  legend: string;
  itineraries: readonly ItineraryChoice[];
  zone: string;
  chosen: string;
  onChoose: (itineraryId: string) => void;
}

/** "Tuesday 24 Nov", the day an itinerary list is for. */
export const dayName = (day: string) =>
  new Intl.DateTimeFormat(intlLocale(), { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'short' }).format(new Date(`${day}T12:00:00Z`));

/** Whole itineraries as radio chips: the span, then each session's time, title and panel. */
export function ItineraryChoices(props: ItineraryChoicesProps) {
  const time = (iso: string) => clockTime(iso, props.zone, hourCycle(), intlLocale());
  return (
    <fieldset class="itinerary-list">
      <legend>{props.legend}</legend>
      <For each={props.itineraries}>
        {(it) => (
          <label class="chip itinerary">
            <input type="radio" name={props.name} value={it.itineraryId} checked={it.itineraryId === props.chosen} onChange={() => props.onChoose(it.itineraryId)} />
            <span class="chip-main">
              {time(it.sessions[0]?.start ?? it.end)}–{time(it.end)}
              <Show when={it.keeps !== undefined && it.keeps > 0}> · {t('page.loop.keeps', { count: it.keeps ?? 0 })}</Show>
            </span>
            <ol class="itinerary-sessions">
              <For each={it.sessions}>
                {(s) => (
                  <li>
                    <time datetime={s.start}>{time(s.start)}</time> {s.title} · {t('page.loop.panel', { count: s.panelSize })}
                  </li>
                )}
              </For>
            </ol>
          </label>
        )}
      </For>
    </fieldset>
  );
}

/** The day a list of times or itineraries is for: a plain select of the days that have any. */
export function DayChoice(props: { id: string; days: readonly string[]; value: string; onChange: (day: string) => void }) {
  return (
    <>
      <label for={props.id}>{t('page.loop.day')}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <For each={props.days}>{(d) => <option value={d}>{dayName(d)}</option>}</For>
      </select>
    </>
  );
}

/** HR's address as a mail link inside a sentence, kept left-to-right and untranslated. */
export function HrAddress(props: { email: string }): JSX.Element {
  return (
    <a href={`mailto:${props.email}`} translate="no">
      <bdi>{props.email}</bdi>
    </a>
  );
}
