import { For, Match, Show, Switch, createMemo, createResource, createUniqueId, onMount } from 'solid-js';
import { createStore } from 'solid-js/store';
import { trpc, type CandidateView } from '../trpc';
import { createMutation } from '../ui/create-mutation';
import { LiveMessage } from '../ui/live-message';
import { Loading } from '../ui/loading';
import { ZoneSelect } from '../ui/zone-select';
import { dayChipParts, formatTime } from '../time/format';
import { firstDayWithSlots, slotDays } from './slot-days';

interface SlotPickerProps {
  token: string;
  mode: 'book' | 'reschedule';
  zone: string;
  onZoneChange: (zone: string) => void;
  hrEmail: string;
  onDone: (view: CandidateView) => void;
  onStale: () => void;
  /** Move focus to this section when it opens in answer to a click (reschedule). */
  focusOnOpen?: boolean;
}

const SLOT_TAKEN = 'That time was just taken by someone else — pick another';
/** Refusals that mean the page's view of the interview is out of date. */
const STALE_CODES = new Set(['RESCHEDULE_LIMIT', 'TOO_LATE_TO_CHANGE', 'INTERVIEW_CANCELLED', 'ILLEGAL_TRANSITION']);

/** "Sunday 22 Nov": with the long month the legend wrapped across the fieldset border at 360px. */
function dayLegend(dayKey: string): string {
  const noon = new Date(`${dayKey}T12:00:00Z`);
  return new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'short' }).format(noon);
}

export function SlotPicker(props: SlotPickerProps) {
  const id = createUniqueId();
  const [free, { refetch }] = createResource(() => props.token, (token) => trpc.candidate.slots.query({ token }));
  const [choice, setChoice] = createStore({ day: '', start: '', notice: '' });

  const days = createMemo(() => {
    // `latest`, not free(): reading a refreshing resource suspends the app shell's Suspense, which
    // swaps the whole page for "Loading…" (losing scroll and focus) every time the list refreshes.
    const data = free.state === 'ready' || free.state === 'refreshing' ? free.latest : undefined;
    return data === undefined ? [] : slotDays(data.slots, props.zone, new Date(), data.horizonDays);
  });
  const day = createMemo(() => {
    const chosen = days().find((d) => d.day === choice.day && d.slots.length > 0);
    return chosen ?? days().find((d) => d.day === firstDayWithSlots(days()));
  });

  const claim = createMutation((start: string) =>
    props.mode === 'book'
      ? trpc.candidate.book.mutate({ token: props.token, start })
      : trpc.candidate.reschedule.mutate({ token: props.token, start }),
  );

  let heading: HTMLHeadingElement | undefined;

  async function confirm(event: SubmitEvent) {
    event.preventDefault();
    if (choice.start === '') return;
    setChoice('notice', '');
    const view = await claim.run(choice.start);
    if (view !== undefined) return props.onDone(view);
    const code = claim.problem()?.code;
    if (code === 'SLOT_TAKEN' || code === 'SLOT_UNAVAILABLE') {
      claim.clear();
      setChoice({ start: '', notice: SLOT_TAKEN });
      // Disabling the button while saving dropped focus to the body, and on a phone the notice sits
      // far above that button: start again at this section's heading, right above the notice.
      heading?.focus();
      void refetch();
    } else if (code !== null && code !== undefined && STALE_CODES.has(code)) {
      props.onStale();
    }
  }

  onMount(() => {
    if (props.focusOnOpen) heading?.focus();
  });

  const verb = () => (props.mode === 'book' ? 'Book' : 'Move to');

  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>{props.mode === 'book' ? 'Choose a time' : 'Choose a new time'}</h2>
      <ZoneSelect
        label="Your time zone"
        value={props.zone}
        describe
        onChange={(zone) => {
          setChoice({ day: '', start: '' });
          props.onZoneChange(zone);
        }}
      />
      <LiveMessage tone="error" when={choice.notice || claim.problem()}>
        {choice.notice || claim.problem()?.message}
      </LiveMessage>
      <Switch>
        <Match when={free.state === 'errored'}>
          <p class="notice notice-error">We couldn't load the free times.</p>
          <button type="button" onClick={() => void refetch()}>
            Try again
          </button>
        </Match>
        <Match when={free.state === 'pending' || free.state === 'unresolved'}>
          <Loading what="free times" />
        </Match>
        <Match when={day() === undefined}>
          <p class="empty">
            No free times in the next {free.latest?.horizonDays ?? 21} days — contact{' '}
            <a href={`mailto:${props.hrEmail}`}>{props.hrEmail}</a>
          </p>
        </Match>
        <Match when={day()}>
          {(selected) => (
            <form onSubmit={confirm}>
              <fieldset class="day-strip">
                <legend>Day</legend>
                <For each={days()}>
                  {(d) => (
                    <label class="chip day" classList={{ empty: d.slots.length === 0 }}>
                      <input
                        type="radio"
                        name={`${id}-day`}
                        value={d.day}
                        disabled={d.slots.length === 0}
                        checked={d.day === selected().day}
                        onChange={() => setChoice({ day: d.day, start: '' })}
                      />
                      <span class="chip-sub">{dayChipParts(d.day).weekday}</span>
                      <span class="chip-main">{dayChipParts(d.day).date}</span>
                      <span class="chip-sub chip-count">{d.slots.length === 0 ? 'no times' : `${d.slots.length} free`}</span>
                    </label>
                  )}
                </For>
              </fieldset>
              <fieldset class="slot-list">
                <legend>Times on {dayLegend(selected().day)}</legend>
                <For each={selected().slots}>
                  {(slot) => (
                    <label class="chip">
                      <input
                        type="radio"
                        name={`${id}-slot`}
                        value={slot.start}
                        checked={slot.start === choice.start}
                        onChange={() => setChoice({ start: slot.start, notice: '' })}
                      />
                      <span class="chip-main">{formatTime(slot.start, props.zone)}</span>
                    </label>
                  )}
                </For>
              </fieldset>
              <button type="submit" class="primary" disabled={choice.start === '' || claim.pending()}>
                <Show when={choice.start !== ''} fallback="Choose a time above">
                  {claim.pending() ? 'Saving…' : `${verb()} ${formatTime(choice.start, props.zone)}`}
                </Show>
              </button>
            </form>
          )}
        </Match>
      </Switch>
    </section>
  );
}
