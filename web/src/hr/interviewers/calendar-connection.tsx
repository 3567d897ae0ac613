import { For, Match, Show, Switch, createResource, createSignal, type JSX } from 'solid-js';
import { createStore } from 'solid-js/store';
import { toApiProblem } from '../../api/api-error';
import { trpc, type CalendarChoice } from '../../api/trpc';
import { createMutation } from '../../ui/create-mutation';
import { LiveMessage } from '../../ui/live-message';
import { Loading } from '../../ui/loading';
import { ProblemMessage } from '../problem-message';
import { CalendarStatusFacts } from './calendar-status';
import { GoogleCalendarChoice } from './google-calendar-choice';
import { MicrosoftCalendarChoice } from './microsoft-calendar-choice';
import { OwnCalendarGrant } from './own-calendar-grant';
import { ht } from '../hr-language';
import { HrWords } from '../hr-words';
import { Data } from '../../i18n/words';

interface Account {
  serverUrl: string;
  username: string;
  password: string;
  readCalendarUrl: string;
  writeCalendarUrl: string;
}

/**
 * The interviewer's calendar: its status for every HR user; for admins, their Google calendar
 * through the organisation's connection, or a CalDAV account (test it, pick the calendar to read
 * and the one to write), or disconnecting.
 */
export function CalendarConnection(props: { interviewerId: string; isAdmin: boolean }) {
  const [status, { refetch }] = createResource(() => props.interviewerId, (interviewerId) => trpc.hr.calendars.status.query({ interviewerId }));
  const [account, setAccount] = createStore<Account>({ serverUrl: '', username: '', password: '', readCalendarUrl: '', writeCalendarUrl: '' });
  const [calendars, setCalendars] = createSignal<CalendarChoice[]>([]);
  const [saved, setSaved] = createSignal<string | null>(null);
  const credentials = () => ({
    interviewerId: props.interviewerId,
    serverUrl: account.serverUrl,
    username: account.username,
    ...(account.password ? { password: account.password } : {}),
  });
  const test = createMutation(async () => {
    const { calendars: found } = await trpc.hr.calendars.test.mutate(credentials());
    setCalendars(found);
    const first = found[0]?.url ?? '';
    if (!found.some((c) => c.url === account.readCalendarUrl)) setAccount('readCalendarUrl', first);
    if (!found.some((c) => c.url === account.writeCalendarUrl)) setAccount('writeCalendarUrl', first);
    return found;
  });
  const connect = createMutation(() =>
    trpc.hr.calendars.connect.mutate({ ...credentials(), readCalendarUrl: account.readCalendarUrl, writeCalendarUrl: account.writeCalendarUrl }),
  );
  const disconnect = createMutation(() => trpc.hr.calendars.disconnect.mutate({ interviewerId: props.interviewerId }));

  async function onConnect(event: SubmitEvent) {
    event.preventDefault();
    if (await connect.run()) {
      setSaved(ht('hr.calendar.connected'));
      setAccount('password', '');
      void refetch();
    }
  }

  const select = (key: 'readCalendarUrl' | 'writeCalendarUrl', label: string) => (
    <div class="field">
      <label for={`calendar-${key}`}>{label}</label>
      <select id={`calendar-${key}`} value={account[key]} onChange={(e) => setAccount(key, e.currentTarget.value)}>
        <For each={calendars()}>
          {(c) => (
            <option value={c.url} translate="no">
              {c.name}
            </option>
          )}
        </For>
      </select>
    </div>
  );
  const text = (key: 'serverUrl' | 'username' | 'password', label: string, type: string, hint?: JSX.Element) => (
    <div class="field">
      <label for={`calendar-${key}`}>{label}</label>
      <input id={`calendar-${key}`} type={type} autocomplete="off" value={account[key]} onInput={(e) => setAccount(key, e.currentTarget.value)} />
      <Show when={hint}>
        <p class="hint">{hint}</p>
      </Show>
    </div>
  );

  return (
    <section class="card" aria-labelledby="calendar-title">
      <h2 id="calendar-title">{ht('hr.calendar.title')}</h2>
      <Switch>
        <Match when={status.state === 'errored'}>
          <ProblemMessage problem={toApiProblem(status.error)} />
        </Match>
        <Match when={status.loading}>
          <Loading text={ht('hr.calendar.loading')} />
        </Match>
        <Match when={status()?.connected === false}>
          <p class="empty">{ht('hr.calendar.none')}</p>
        </Match>
        <Match when={status()} keyed>
          {(current) => (
            <Show when={current.connected ? current : null} keyed>
              {(connected) => <CalendarStatusFacts status={connected} />}
            </Show>
          )}
        </Match>
      </Switch>
      <Show when={props.isAdmin}>
        <OwnCalendarGrant interviewerId={props.interviewerId} offered={status()?.ownGrants} />
        <Show when={status()?.provider !== 'google'}>
          <GoogleCalendarChoice
            interviewerId={props.interviewerId}
            onConnected={() => {
              setSaved(ht('hr.calendar.connected'));
              void refetch();
            }}
          />
        </Show>
        <Show when={status()?.provider !== 'microsoft'}>
          <MicrosoftCalendarChoice
            interviewerId={props.interviewerId}
            onConnected={() => {
              setSaved(ht('hr.calendar.connected'));
              void refetch();
            }}
          />
        </Show>
        <form onSubmit={(e) => void onConnect(e)}>
          <h3>{ht('hr.calendar.connectTitle')}</h3>
          {text(
            'serverUrl',
            ht('hr.calendar.server'),
            'url',
            <HrWords message="hr.calendar.serverHint" values={{ fastmail: <Data>https://caldav.fastmail.com/</Data>, nextcloud: <Data>/remote.php/dav/</Data> }} />,
          )}
          {text('username', ht('hr.calendar.username'), 'text')}
          {text('password', ht('hr.calendar.password'), 'password', ht('hr.calendar.passwordHint'))}
          <button type="button" disabled={test.pending()} onClick={() => void test.run()}>
            {test.pending() ? ht('hr.calendar.testing') : ht('hr.calendar.test')}
          </button>
          <ProblemMessage problem={test.problem()} />
          <LiveMessage tone="success" when={test.problem() === null && calendars().length > 0}>
            {ht('hr.calendar.works', { count: calendars().length })}
          </LiveMessage>
          <Show when={calendars().length > 0}>
            {select('readCalendarUrl', ht('hr.calendar.readFrom'))}
            {select('writeCalendarUrl', ht('hr.calendar.writeTo'))}
            <button type="submit" class="primary" disabled={connect.pending()}>
              {connect.pending() ? ht('hr.calendar.connecting') : ht('hr.calendar.connect')}
            </button>
          </Show>
          <ProblemMessage problem={connect.problem()} />
          <LiveMessage tone="success" when={saved()}>
            {saved()}
          </LiveMessage>
        </form>
        <Show when={status()?.connected}>
          <button type="button" disabled={disconnect.pending()} onClick={() => void disconnect.run().then((done) => done && refetch())}>
            {ht('hr.calendar.disconnect')}
          </button>
          <ProblemMessage problem={disconnect.problem()} />
        </Show>
      </Show>
    </section>
  );
}
