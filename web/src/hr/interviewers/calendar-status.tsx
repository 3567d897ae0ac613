import { For, Show } from 'solid-js';
import type { CalendarStatus } from '../../trpc';

/** "23 Nov, 14:05 CET": when something happened, in the viewer's zone with its name. */
function when(iso: string | null): string {
  if (iso === null) return 'never';
  return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(new Date(iso));
}

/** How reading busy times and writing booked interviews go for one connected calendar. */
export function CalendarStatusFacts(props: { status: Extract<CalendarStatus, { connected: true }> }) {
  const read = () => props.status.read;
  const write = () => props.status.write;
  return (
    <dl class="facts">
      <dt>Account</dt>
      <dd>
        {props.status.username} at {props.status.serverUrl}
      </dd>
      <dt>Busy times from</dt>
      <dd>{props.status.readCalendarUrl}</dd>
      <dt>Booked interviews go to</dt>
      <dd>{props.status.writeCalendarUrl}</dd>
      <dt>Busy times</dt>
      <dd>
        Last synced {when(read().lastSyncedAt)}
        <Show when={read().failingSince}>
          {(since) => (
            <strong>
              {' '}
              — failing since {when(since())}: {read().problem?.message}
            </strong>
          )}
        </Show>
        <Show when={!read().failingSince && read().lastSyncedAt}>{` (${read().busyIntervals} busy periods ahead)`}</Show>
      </dd>
      <Show when={read().warnings.length > 0}>
        <dt>Not counted</dt>
        <dd>
          <ul>
            <For each={read().warnings}>{(warning) => <li>{warning}</li>}</For>
          </ul>
        </dd>
      </Show>
      <dt>Writing interviews</dt>
      <dd>
        <Show when={write().failingSince} fallback={`Last written ${when(write().lastWrittenAt)}`}>
          {(since) => (
            <strong>
              Failing since {when(since())}: {write().problem?.message}
            </strong>
          )}
        </Show>
      </dd>
    </dl>
  );
}
