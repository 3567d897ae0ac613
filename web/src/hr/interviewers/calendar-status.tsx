import { For, Match, Show, Switch } from 'solid-js';
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

type Connected = Extract<CalendarStatus, { connected: true }>;

/** Where a connected calendar is: a CalDAV account's two calendars, or a Google or Microsoft 365 calendar through the organisation's connection. */
function WhereFacts(props: { status: Connected }) {
  return (
    <Switch>
      <Match when={props.status.provider === 'google' ? props.status : null}>
        {(google) => (
          <>
            <dt>{ht('hr.calendar.account')}</dt>
            <dd>
              <HrWords message={google().grant === 'own' ? 'hr.calendar.googleOwnAccount' : 'hr.calendar.googleAccount'} values={{ address: <Data>{google().calendarId}</Data> }} />
            </dd>
            <dt>{ht('hr.calendar.bookedTo')}</dt>
            <dd>{ht('hr.calendar.googleNotWritten')}</dd>
          </>
        )}
      </Match>
      <Match when={props.status.provider === 'microsoft' ? props.status : null}>
        {(microsoft) => (
          <>
            <dt>{ht('hr.calendar.account')}</dt>
            <dd>
              <HrWords message={microsoft().grant === 'own' ? 'hr.calendar.microsoftOwnAccount' : 'hr.calendar.microsoftAccount'} values={{ address: <Data>{microsoft().calendarId}</Data> }} />
            </dd>
          </>
        )}
      </Match>
      <Match when={props.status.provider === 'caldav' ? props.status : null}>
        {(caldav) => (
          <>
            <dt>{ht('hr.calendar.account')}</dt>
            <dd>
              <HrWords message="hr.calendar.accountAt" values={{ username: <Data>{caldav().username}</Data>, server: <Data>{caldav().serverUrl}</Data> }} />
            </dd>
            <dt>{ht('hr.calendar.busyFrom')}</dt>
            <dd>
              <Data>{caldav().readCalendarUrl}</Data>
            </dd>
            <dt>{ht('hr.calendar.bookedTo')}</dt>
            <dd>
              <Data>{caldav().writeCalendarUrl}</Data>
            </dd>
          </>
        )}
      </Match>
    </Switch>
  );
}

/** How reading busy times and writing booked interviews go for one connected calendar. */
export function CalendarStatusFacts(props: { status: Connected }) {
  const read = () => props.status.read;
  const write = () => props.status.write;
  return (
    <dl class="facts">
      <WhereFacts status={props.status} />
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
        <Show when={read().retryAt}>{(at) => ht('hr.calendar.retryAt', { when: when(at()) })}</Show>
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
