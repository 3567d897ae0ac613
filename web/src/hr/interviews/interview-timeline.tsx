import { For, Show } from 'solid-js';
import type { InterviewDetail } from '../../api/trpc';
import { detectTimeZone } from '../../time/time-zones';
import { formatWhen } from '../hr-time';
import { describeEvent } from './timeline-sentence';
import { ht } from '../hr-language';
import { WithData, ZoneNote } from '../hr-words';

export function InterviewTimeline(props: { events: InterviewDetail['events'] }) {
  const zone = detectTimeZone();
  return (
    <section class="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{ht('hr.timeline.title')}</h2>
      <Show when={props.events.length > 0} fallback={<p class="empty">{ht('hr.timeline.none')}</p>}>
        <p class="zone-note"><ZoneNote zone={zone} /></p>
        <ol class="timeline">
          <For each={props.events}>
            {(event) => {
              const line = describeEvent(event, zone);
              return (
                <li>
                  <time datetime={event.at}>{formatWhen(event.at, zone)}</time>
                  <span class="event-what">
                    <WithData text={line.text} data={line.data} />
                  </span>
                  <Show when={line.note}>
                    {(note) => (
                      <span class="event-note">
                        <WithData text={note()} data={line.data} />
                      </span>
                    )}
                  </Show>
                </li>
              );
            }}
          </For>
        </ol>
      </Show>
    </section>
  );
}
