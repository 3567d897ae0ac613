import { For, Match, Show, Switch, createEffect, createResource, createSignal, createUniqueId, on } from 'solid-js';
import { trpc, type CandidateLoop, type LoopItineraries } from '../api/trpc';
import { createMutation } from '../ui/create-mutation';
import { ZonePicker } from '../ui/zone-picker';
import { dayAndTime } from '../time/clock';
import { hourCycle } from '../time/zone-preference';
import { intlLocale, t } from '../i18n/page-language';
import { Words } from '../i18n/words';
import type { MessageKey } from '@portal/shared/i18n/messages';
import { ConfirmBar } from './confirm-bar';
import { DayChoice, HrAddress, ItineraryChoices, dayName } from './itinerary-choices';
import { PickerFailed, PickerLoading } from './picker-states';
import { problemText } from '../api/problem-text';
import { usePageLive } from './page-live';
import { SessionChange } from './session-change';

interface LoopPickerProps {
  token: string;
  zone: string;
  onZoneChange: (zone: string) => void;
  hrEmail: string;
  onDone: (loop: CandidateLoop) => void;
}

/**
 * A loop's booking as simple as one interview's: a day, then whole itineraries (every session's
 * time and panel), one tap to choose, one button to book them all.
 */
export function LoopPicker(props: LoopPickerProps) {
  const id = createUniqueId();
  const [day, setDay] = createSignal<string | undefined>(undefined);
  const [chosen, setChosen] = createSignal('');
  const [notice, setNotice] = createSignal('');
  const [list, { refetch }] = createResource(
    () => ({ token: props.token, zone: props.zone, day: day() }),
    (q): Promise<LoopItineraries> => trpc.candidate.itineraries.query({ token: q.token, timezone: q.zone, ...(q.day === undefined ? {} : { day: q.day }) }),
  );
  // Another booking on the loop's pools, or HR's change to them, can take an itinerary away: read
  // the day again when the page's stream says so, and drop the chosen one with a word if it went.
  createEffect(
    on(
      usePageLive().itineraries,
      () => {
        void Promise.resolve(refetch()).then(() => {
          const shown = current()?.itineraries ?? [];
          if (chosen() !== '' && !shown.some((it) => it.itineraryId === chosen())) {
            setChosen('');
            setNotice(t('page.loop.taken'));
          }
        });
      },
      { defer: true },
    ),
  );
  const book = createMutation((itineraryId: string) => trpc.candidate.bookItinerary.mutate({ token: props.token, itineraryId, timezone: props.zone }));
  const current = () => (list.state === 'ready' || list.state === 'refreshing' ? list.latest : undefined);
  const action = () => {
    const it = current()?.itineraries.find((i) => i.itineraryId === chosen());
    const first = it?.sessions[0];
    return first === undefined ? undefined : t('page.confirm.book', { when: dayAndTime(first.start, props.zone, hourCycle(), intlLocale()) });
  };

  async function confirm(event: SubmitEvent) {
    event.preventDefault();
    if (chosen() === '') return;
    setNotice('');
    const loop = await book.run(chosen());
    if (loop !== undefined) return props.onDone(loop);
    if (book.problem()?.code === 'SLOT_TAKEN' || book.problem()?.code === 'SLOT_UNAVAILABLE') {
      book.clear();
      setChosen('');
      setNotice(t('page.loop.taken'));
      void refetch();
    }
  }

  return (
    <section class="card picker" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} class="visually-hidden">
        {t('page.picker.choose')}
      </h2>
      <ZonePicker zone={props.zone} onChange={(zone) => (setChosen(''), props.onZoneChange(zone))} />
      <Switch>
        <Match when={list.state === 'errored'}>
          <PickerFailed onRetry={() => void refetch()} />
        </Match>
        <Match when={current() === undefined}>
          <PickerLoading />
        </Match>
        <Match when={current()}>
          {(data) => (
            <form onSubmit={confirm}>
              <DayChoice id={`${id}-day`} days={data().days} value={data().day ?? ''} onChange={(d) => (setChosen(''), setDay(d))} />
              <Switch>
                <Match when={data().itineraries.length === 0}>
                  <p class="empty">
                    <Words message="page.loop.none" values={{ email: <HrAddress email={props.hrEmail} /> }} />
                  </p>
                </Match>
                <Match when={data().itineraries.length > 0}>
                  <ItineraryChoices
                    name={`${id}-itinerary`}
                    legend={t('page.loop.options', { day: dayName(data().day ?? '') })}
                    itineraries={data().itineraries}
                    zone={props.zone}
                    chosen={chosen()}
                    onChoose={setChosen}
                  />
                </Match>
              </Switch>
              <ConfirmBar action={action()} pending={book.pending()} error={notice() || (book.problem() ? problemText(book.problem()) : undefined)} errorRef={() => undefined} />
            </form>
          )}
        </Match>
      </Switch>
    </section>
  );
}

/** A session that will not take place as booked says so beside its name. */
const SESSION_STATE: Partial<Record<string, MessageKey>> = {
  CANCELLED: 'page.application.state.cancelled',
  COMPLETED: 'page.application.state.completed',
  NO_SHOW: 'page.application.state.noShow',
  EXPIRED: 'page.application.state.expired',
};

/** Where a booked session can be changed from: the link, and where the page learns of the change. */
export interface SessionChanges {
  token: string;
  hrEmail: string;
  onDone: (loop: CandidateLoop) => void;
}

/**
 * A booked loop (or one HR cancelled): every session with its time, in the page's zone, and its state
 * when it is over. With `changes`, each booked session can move (the others staying), and one whose
 * panel lost a member nobody could replace asks for a new time.
 */
export function LoopSessions(props: { loop: CandidateLoop; zone: string; changes?: SessionChanges }) {
  // Cancelled with nothing left booked: the page says so instead of "Your sessions".
  const closed = () => props.loop.status === 'CANCELLED' && !props.loop.sessions.some((s) => s.status === 'SCHEDULED' || s.status === 'IN_PROGRESS');
  const [changing, setChanging] = createSignal('');
  return (
    <section class="card" aria-labelledby="loop-sessions-title">
      {/* The page's heading once the loop is booked (a single interview's is in booked-interview.tsx). */}
      <h1 id="loop-sessions-title" tabIndex={-1}>
        {closed() ? t('page.loop.closed') : t('page.loop.booked')}
      </h1>
      <ol class="itinerary-sessions">
        <For each={props.loop.sessions}>
          {(s) => (
            <li>
              {s.slot ? <time datetime={s.slot.start}>{dayAndTime(s.slot.start, props.zone, hourCycle(), intlLocale())}</time> : null} {s.title} ·{' '}
              {t('page.loop.panel', { count: s.panelSize })}
              <Show when={SESSION_STATE[s.status]}>{(state) => <> · <strong class="session-state">{t(state())}</strong></>}</Show>
              <Show when={props.changes && s.status === 'SCHEDULED'}>
                <Show when={s.needsNewTime}>
                  <p class="notice">{t('page.loop.needsNewTime')}</p>
                </Show>
                <Show when={changing() !== s.interviewId}>
                  <button type="button" class={s.needsNewTime ? 'primary' : 'quiet'} onClick={() => setChanging(s.interviewId)}>
                    {t('page.loop.changeNamed', { title: s.title })}
                  </button>
                </Show>
              </Show>
            </li>
          )}
        </For>
      </ol>
      <Show when={props.changes && props.loop.sessions.find((s) => s.interviewId === changing() && s.status === 'SCHEDULED')}>
        {(session) => (
          <SessionChange
            token={props.changes?.token ?? ''}
            zone={props.zone}
            hrEmail={props.changes?.hrEmail ?? ''}
            session={session()}
            onClose={() => setChanging('')}
            onDone={(loop) => {
              setChanging('');
              props.changes?.onDone(loop);
            }}
          />
        )}
      </Show>
    </section>
  );
}
