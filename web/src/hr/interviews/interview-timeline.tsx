import { For, Show } from 'solid-js';
import type { InterviewDetail } from '../../trpc';
import { formatDateTime } from '../../time/format';
import { detectTimeZone } from '../../time/time-zones';
import { humanize } from '../labels';

export function InterviewTimeline(props: { events: InterviewDetail['events'] }) {
  const zone = detectTimeZone();
  return (
    <section class="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <Show when={props.events.length > 0} fallback={<p class="empty">No events recorded yet.</p>}>
        <ol class="timeline">
          <For each={props.events}>
            {(event) => (
              <li>
                <time datetime={event.at}>{formatDateTime(event.at, zone)}</time>
                <span class="event-what">
                  {humanize(event.type)} by {event.actor}
                  <Show when={event.fromStatus !== null || event.toStatus !== null}>
                    {' '}
                    ({event.fromStatus ?? '—'} → {event.toStatus ?? '—'})
                  </Show>
                </span>
                <Show when={event.detail !== ''}>
                  <span class="row-sub">{event.detail}</span>
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
