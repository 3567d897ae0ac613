import { Match, Show, Switch, createMemo, createResource, createSignal, createUniqueId, onMount } from 'solid-js';
import { trpc, type CandidateLoop, type LoopRebook, type SessionTimes } from '../api/trpc';
import { createMutation } from '../ui/create-mutation';
import { dayAndTime } from '../time/clock';
import { hourCycle } from '../time/zone-preference';
import { intlLocale, t } from '../i18n/page-language';
import { Words } from '../i18n/words';
import { ConfirmBar } from './confirm-bar';
import { DayChoice, HrAddress, ItineraryChoices, dayName } from './itinerary-choices';
import { PickerFailed, PickerLoading } from './picker-states';
import { problemText } from '../api/problem-text';
import { slotDays } from './slot-days';
import { TimeList } from './time-list';

interface SessionChangeProps {
  token: string;
  zone: string;
  hrEmail: string;
  session: CandidateLoop['sessions'][number];
  onDone: (loop: CandidateLoop) => void;
  onClose: () => void;
}

const offersWholeLoop = (data: SessionTimes): data is Extract<SessionTimes, { rebook: LoopRebook }> => 'rebook' in data;

/**
 * A new time for one booked session, the others staying where they are. When none is left beside
 * them and the session's re-pick is open (an interviewer left and nobody could take the place), the
 * whole loop is offered again, those itineraries keeping the most booked sessions first, and the
 * chosen one moves the sessions that change together (docs/adr/0032).
 */
export function SessionChange(props: SessionChangeProps) {
  const id = createUniqueId();
  const [chosen, setChosen] = createSignal('');
  const [day, setDay] = createSignal<string | undefined>(undefined);
  const [notice, setNotice] = createSignal('');
  const [offer, { refetch }] = createResource(
    () => ({ token: props.token, sessionId: props.session.interviewId, zone: props.zone }),
    (q) => trpc.candidate.sessionTimes.query({ token: q.token, sessionId: q.sessionId, timezone: q.zone }),
  );
  const current = () => (offer.state === 'ready' || offer.state === 'refreshing' ? offer.latest : undefined);
  const days = createMemo(() => slotDays(current()?.times ?? [], props.zone, new Date(), 0).filter((d) => d.slots.length > 0));
  const shownDay = () => days().find((d) => d.day === day()) ?? days()[0];
  const rebook = (): LoopRebook | undefined => {
    const data: SessionTimes | undefined = current();
    return data !== undefined && data.times.length === 0 && offersWholeLoop(data) ? data.rebook : undefined;
  };
  const save = createMutation((choice: string) =>
    rebook() === undefined
      ? trpc.candidate.moveSession.mutate({ token: props.token, sessionId: props.session.interviewId, start: choice, timezone: props.zone })
      : trpc.candidate.bookItinerary.mutate({ token: props.token, itineraryId: choice, timezone: props.zone }),
  );
  const when = (iso: string) => dayAndTime(iso, props.zone, hourCycle(), intlLocale());
  const action = () => {
    if (chosen() === '') return undefined;
    const start = rebook()?.itineraries.find((it) => it.itineraryId === chosen())?.sessions[0]?.start ?? chosen();
    return rebook() === undefined ? t('page.confirm.move', { when: when(start) }) : t('page.confirm.book', { when: when(start) });
  };

  async function confirm(event: SubmitEvent) {
    event.preventDefault();
    if (chosen() === '') return;
    setNotice('');
    const loop = await save.run(chosen());
    if (loop !== undefined) return props.onDone(loop);
    const code = save.problem()?.code;
    if (code === 'SLOT_TAKEN' || code === 'SLOT_UNAVAILABLE') {
      save.clear();
      setChosen('');
      setNotice(t(rebook() === undefined ? 'page.picker.taken' : 'page.loop.taken'));
      void refetch();
    }
  }

  let heading: HTMLHeadingElement | undefined;
  onMount(() => heading?.focus());
  const noOtherTime = () => (
    <p class="empty">
      <Words message="page.loop.noOtherTime" values={{ email: <HrAddress email={props.hrEmail} /> }} />
    </p>
  );

  return (
    <section class="card picker session-change" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {t('page.loop.newTimeFor', { title: props.session.title })}
      </h2>
      <Switch>
        <Match when={offer.state === 'errored'}>
          <PickerFailed onRetry={() => void refetch()} />
        </Match>
        <Match when={current() === undefined}>
          <PickerLoading />
        </Match>
        <Match when={current()}>
          {(data) => (
            <form onSubmit={confirm}>
              <Switch>
                <Match when={data().times.length > 0 && shownDay()}>
                  {(shown) => (
                    <>
                      <DayChoice id={`${id}-day`} days={days().map((d) => d.day)} value={shown().day} onChange={(d) => (setChosen(''), setDay(d))} />
                      <TimeList name={`${id}-time`} day={shown()} zone={props.zone} chosen={chosen()} onChoose={setChosen} />
                    </>
                  )}
                </Match>
                <Match when={rebook()}>
                  {(whole) => (
                    <>
                      <p>{t('page.loop.rebookIntro')}</p>
                      <Show when={whole().until}>{(until) => <p>{t('page.loop.heldUntil', { when: when(until()) })}</p>}</Show>
                      <Show
                        when={whole().itineraries.length > 0}
                        fallback={noOtherTime()}
                      >
                        <ItineraryChoices
                          name={`${id}-itinerary`}
                          legend={t('page.loop.options', { day: dayName(whole().day ?? '') })}
                          itineraries={whole().itineraries}
                          zone={props.zone}
                          chosen={chosen()}
                          onChoose={setChosen}
                        />
                      </Show>
                    </>
                  )}
                </Match>
                <Match when={true}>{noOtherTime()}</Match>
              </Switch>
              <ConfirmBar action={action()} pending={save.pending()} error={notice() || (save.problem() ? problemText(save.problem()) : undefined)} errorRef={() => undefined} />
              <button type="button" class="quiet" onClick={() => props.onClose()}>
                {t('page.loop.keepTime')}
              </button>
            </form>
          )}
        </Match>
      </Switch>
    </section>
  );
}
