import { For, Show } from 'solid-js';
import type { CalendarStatus } from '../../api/trpc';
import { ht } from '../hr-language';
import { HrWords } from '../hr-words';
import { Data } from '../../i18n/words';
import { intlLocale } from '../../i18n/page-language';

/** "23 Nov, 14:05 CET": when something happened, in the viewer's zone with its name. */
function when(iso: string | null): string {
  if (iso === null) return ht('hr.calendar.never');
  return new Intl.DateTimeFormat(intlLocale(), { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(new Date(iso));
}

/** How reading busy times and writing booked interviews go for one connected calendar. */
export function CalendarStatusFacts(props: { status: Extract<CalendarStatus, { connected: true }> }) {
  const read = () => props.status.read;
  const write = () => props.status.write;
  return (
    <dl class="facts">
      <dt>{ht('hr.calendar.account')}</dt>
      <dd>
        <HrWords message="hr.calendar.accountAt" values={{ username: <Data>{props.status.username}</Data>, server: <Data>{props.status.serverUrl}</Data> }} />
      </dd>
      <dt>{ht('hr.calendar.busyFrom')}</dt>
      <dd>
        <Data>{props.status.readCalendarUrl}</Data>
      </dd>
      <dt>{ht('hr.calendar.bookedTo')}</dt>
      <dd>
        <Data>{props.status.writeCalendarUrl}</Data>
      </dd>
      <dt>{ht('hr.calendar.busy')}</dt>
      <dd>
        {ht('hr.calendar.lastSynced', { when: when(read().lastSyncedAt) })}
        <Show when={read().failingSince}>
          {(since) => (
            <strong>
              <HrWords message="hr.calendar.readFailing" values={{ when: when(since()), problem: <Data>{read().problem?.message}</Data> }} />
            </strong>
          )}
        </Show>
        <Show when={!read().failingSince && read().lastSyncedAt}>{ht('hr.calendar.busyAhead', { count: read().busyIntervals })}</Show>
      </dd>
      <Show when={read().warnings.length > 0}>
        <dt>{ht('hr.calendar.notCounted')}</dt>
        <dd>
          <ul>
            <For each={read().warnings}>{(warning) => <li translate="no">{warning}</li>}</For>
          </ul>
        </dd>
      </Show>
      <dt>{ht('hr.calendar.writing')}</dt>
      <dd>
        <Show when={write().failingSince} fallback={ht('hr.calendar.lastWritten', { when: when(write().lastWrittenAt) })}>
          {(since) => (
            <strong>
              <HrWords message="hr.calendar.writeFailing" values={{ when: when(since()), problem: <Data>{write().problem?.message}</Data> }} />
            </strong>
          )}
        </Show>
      </dd>
    </dl>
  );
}
