import { Match, Switch, createEffect, createMemo, createResource, createUniqueId, on, onMount } from 'solid-js';
import { createStore } from 'solid-js/store';
import { trpc, type CandidateSlots, type CandidateView } from '../api/trpc';
import { createMutation } from '../ui/create-mutation';
import { ZonePicker } from '../ui/zone-picker';
import { dayAndTime } from '../time/clock';
import { hourCycle } from '../time/zone-preference';
import { firstDayWithSlots, slotDays } from './slot-days';
import { freeTimes } from './free-times';
import { MonthCalendar } from './month-calendar';
import { TimeList } from './time-list';
import { ConfirmBar } from './confirm-bar';
import { PickerFailed, PickerLoading } from './picker-states';
import { intlLocale, t } from '../i18n/page-language';
import { Words } from '../i18n/words';
import { fieldProblemText, problemText } from '../api/problem-text';
import { TextMe, type TextChoice } from './text-me';
import { settleOnHeading } from '../ui/settle-on-heading';
import { usePageLive } from './page-live';

interface SlotPickerProps {
  token: string;
  mode: 'book' | 'reschedule';
  zone: string;
  onZoneChange: (zone: string) => void;
  hrEmail: string;
  onDone: (view: CandidateView) => void;
  onStale: () => void;
  /** Scroll to and focus this section when it opens in answer to a click (reschedule). */
  focusOnOpen?: boolean;
  /** The number and opt-in stored with the interview, to start the form from. */
  texts?: { phone: string | null; sms: boolean };
}

/** Refusals that mean the page's view of the interview is out of date. */
const STALE_CODES = new Set(['RESCHEDULE_LIMIT', 'TOO_LATE_TO_CHANGE', 'INTERVIEW_CANCELLED', 'ILLEGAL_TRANSITION']);

/** Month calendar beside (wide) or above (phone) the chosen day's times, and a bar that books. */
export function SlotPicker(props: SlotPickerProps) {
  const id = createUniqueId();
  const [free, { refetch, mutate }] = createResource(() => props.token, freeTimes);
  const [choice, setChoice] = createStore({ day: '', start: '', notice: '' });
  const [texts, setTexts] = createStore<TextChoice & { missing: boolean }>({ phone: props.texts?.phone ?? '', sms: props.texts?.sms ?? false, missing: false });
  // Another candidate's booking drops a time here as it happens (the page's live stream); the time
  // being confirmed is dropped with a word, so the bar never offers a time that is gone. Only lists
  // pushed after this picker opened: an older one predates its own read.
  createEffect(
    on(
      usePageLive().free,
      (next: CandidateSlots | undefined) => {
        if (next === undefined) return;
        mutate(next);
        if (choice.start !== '' && !next.slots.some((slot) => slot.start === choice.start)) {
          setChoice({ start: '', notice: t('page.picker.taken') });
        }
      },
      { defer: true },
    ),
  );
  let heading: HTMLHeadingElement | undefined;
  let errorNote: HTMLParagraphElement | undefined;

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

  const claim = createMutation((start: string) => {
    const phone = texts.phone.trim();
    const input = { token: props.token, start, timezone: props.zone, ...(phone === '' ? {} : { phone }), sms: texts.sms };
    return props.mode === 'book' ? trpc.candidate.book.mutate(input) : trpc.candidate.reschedule.mutate(input);
  });
  const zoneError = () => fieldProblemText(claim.problem(), 'timezone');
  const phoneError = (): 'invalid' | 'missing' | undefined =>
    texts.missing ? 'missing' : claim.problem()?.fieldErrors['phone'] !== undefined ? 'invalid' : undefined;
  const barError = () => choice.notice || (zoneError() || phoneError() ? undefined : claim.problem() ? problemText(claim.problem()) : undefined);

  async function confirm(event: SubmitEvent) {
    event.preventDefault();
    if (choice.start === '') return;
    setChoice('notice', '');
    // Texts need a number: said on the field, before anything is sent.
    setTexts('missing', texts.sms && texts.phone.trim() === '' && !props.texts?.phone);
    if (texts.missing) return void requestAnimationFrame(() => document.querySelector<HTMLInputElement>(`[id="${id}-texts"] input[type=tel]`)?.focus());
    const view = await claim.run(choice.start);
    if (view !== undefined) return props.onDone(view);
    const code = claim.problem()?.code;
    if (code === 'SLOT_TAKEN' || code === 'SLOT_UNAVAILABLE') {
      claim.clear();
      setChoice({ start: '', notice: t('page.picker.taken') });
      void refetch();
    } else if (code !== null && code !== undefined && STALE_CODES.has(code)) {
      return props.onStale();
    }
    // The button was disabled while saving, which dropped focus to the body: put it on the message.
    const field = zoneError() ? document.getElementById(`${id}-zone`)?.querySelector('button') : phoneError() ? document.querySelector<HTMLInputElement>(`[id="${id}-texts"] input[type=tel]`) : errorNote;
    requestAnimationFrame(() => field?.focus());
  }

  onMount(() => {
    if (props.focusOnOpen) heading?.focus({ preventScroll: true });
  });
  // Scrolled once the times are in: before, the page is too short to bring the heading to the top
  // (the opened picker is also at least a screen tall, so a layout still settling cannot stop it).
  let scrolled = false;
  createEffect(() => {
    if (!props.focusOnOpen || scrolled || (free.state !== 'ready' && free.state !== 'errored')) return;
    scrolled = true;
    requestAnimationFrame(() => {
      if (!heading) return;
      heading.scrollIntoView({ block: 'start' });
      settleOnHeading(heading);
    });
  });

  const action = () => {
    if (choice.start === '') return undefined;
    const when = dayAndTime(choice.start, props.zone, hourCycle(), intlLocale());
    return props.mode === 'book' ? t('page.confirm.book', { when }) : t('page.confirm.move', { when });
  };

  return (
    <section class="card picker" classList={{ 'picker-opened': props.focusOnOpen === true }} aria-labelledby={`${id}-title`}>
      {/* Booking: the page's h1 already says "pick a time", so on screen this would only push the times down. */}
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1} classList={{ 'visually-hidden': props.mode === 'book' }}>
        {props.mode === 'book' ? t('page.picker.choose') : t('page.picker.chooseNew')}
      </h2>
      <div id={`${id}-zone`}>
        <ZonePicker
          zone={props.zone}
          error={zoneError()}
          onChange={(zone) => {
            claim.clear();
            setChoice({ day: '', start: '', notice: '' });
            props.onZoneChange(zone);
          }}
        />
      </div>
      <Switch>
        <Match when={free.state === 'errored'}>
          <PickerFailed onRetry={() => void refetch()} />
        </Match>
        <Match when={free.state === 'pending' || free.state === 'unresolved'}>
          <PickerLoading />
        </Match>
        <Match when={day() === undefined}>
          <p class="empty">
            <Words
              message="page.picker.none"
              values={{
                days: free.latest?.horizonDays ?? 21,
                email: (
                  <a href={`mailto:${props.hrEmail}`} translate="no">
                    <bdi>{props.hrEmail}</bdi>
                  </a>
                ),
              }}
            />
          </p>
        </Match>
        <Match when={day()}>
          {(selected) => (
            <form onSubmit={confirm}>
              <div class="picker-grid">
                <MonthCalendar days={days()} selected={selected().day} onSelect={(d) => setChoice({ day: d, start: '' })} />
                <TimeList
                  name={`${id}-slot`}
                  day={selected()}
                  zone={props.zone}
                  chosen={choice.start}
                  onChoose={(start) => setChoice({ start, notice: '' })}
                />
              </div>
              <div id={`${id}-texts`}>
                <TextMe
                  choice={texts}
                  error={phoneError()}
                  onChange={(next) => {
                    claim.clear();
                    setTexts({ ...next, missing: false });
                  }}
                />
              </div>
              <ConfirmBar action={action()} pending={claim.pending()} error={barError()} errorRef={(el) => (errorNote = el)} />
            </form>
          )}
        </Match>
      </Switch>
    </section>
  );
}
