import { For, Show } from 'solid-js';
import type { InterviewDetail } from '../../trpc';
import { detectTimeZone } from '../../time/time-zones';
import { formatWhen, zoneNote } from '../hr-time';
import { describeEvent } from './timeline-sentence';

export function InterviewTimeline(props: { events: InterviewDetail['events'] }) {
  const zone = detectTimeZone();
  return (
    <section class="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <Show when={props.events.length > 0} fallback={<p class="empty">No events recorded yet.</p>}>
        <p class="zone-note">{zoneNote(zone)}</p>
        <ol class="timeline">
          <For each={props.events}>
            {(event) => {
              const line = describeEvent(event, zone);
              return (
                <li>
                  <time datetime={event.at}>{formatWhen(event.at, zone)}</time>
                  <span class="event-what">{line.text}</span>
                  <Show when={line.note}>{(note) => <span class="event-note">{note()}</span>}</Show>
                </li>
              );
            }}
          </For>
        </ol>
      </Show>
    </section>
  );
}
