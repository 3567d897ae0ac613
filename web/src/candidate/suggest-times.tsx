import { For, Show, createSignal, createUniqueId } from 'solid-js';
import { createStore } from 'solid-js/store';
import { trpc, type CandidateView } from '../api/trpc';
import { createMutation } from '../ui/create-mutation';
import { LiveMessage } from '../ui/live-message';
import { t } from '../i18n/page-language';
import { problemText } from '../api/problem-text';
import { HoldAnswer } from './hold-answer';

/** What the page allows at once; the API takes the same (packages/shared/src/availability.ts). */
const MAX_WINDOWS = 20;

interface Row {
  key: number;
  day: string;
  from: string;
  to: string;
}

interface SuggestTimesProps {
  token: string;
  view: CandidateView;
  zone: string;
  /** Opened by the candidate's click: the form takes focus. */
  opened: boolean;
  /** The page's own words for a day and time, a time, and the zone (its clock, given so this chunk shares none of its code). */
  format: { when: (iso: string) => string; until: (iso: string) => string; zoneName: string };
  /** After a change: the new view, and what to announce when it is not the windows sent (a held time taken or let go). */
  onDone: (view: CandidateView, message?: string) => void;
}

/** An instant's calendar date in `zone`, as a date field holds it (YYYY-MM-DD). */
const dateIn = (zone: string, at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at).slice(0, 10);
/** An instant's time in `zone`, as a time field holds it (HH:mm). */
const timeIn = (zone: string, iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
const dayInZone = (zone: string, days: number) => dateIn(zone, new Date(Date.now() + days * 86_400_000));

/**
 * "None of these times work" (docs/adr/0071): windows the candidate could come in, each a day and
 * a span of hours in the page's zone; sent, the lifecycle books the first free time inside one.
 * Shows the windows already sent, and lets the candidate change them.
 */
export function SuggestTimes(props: SuggestTimesProps) {
  const id = createUniqueId();
  let next = 1;
  const sent = () => props.view.availability;
  const fromSent = (): Row[] =>
    sent()?.windows.map((w) => ({
      key: next++,
      day: dateIn(props.zone, new Date(w.start)),
      from: timeIn(props.zone, w.start),
      to: timeIn(props.zone, w.end),
    })) ?? [{ key: next++, day: dayInZone(props.zone, 1), from: '09:00', to: '12:00' }];
  const [rows, setRows] = createStore<Row[]>(fromSent());
  const [note, setNote] = createSignal(sent()?.note ?? '');
  const [editing, setEditing] = createSignal(sent() === null);
  let heading: HTMLHeadingElement | undefined;
  const focusHeading = () => requestAnimationFrame(() => heading?.focus());
  if (props.opened) focusHeading();

  const send = createMutation(() =>
    trpc.candidate.submitAvailability.mutate({
      token: props.token,
      timezone: props.zone,
      windows: rows.map((row) => ({ start: `${row.day}T${row.from}`, end: `${row.day}T${row.to}` })),
      ...(note().trim() === '' ? {} : { note: note().trim() }),
    }),
  );

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const view = await send.run();
    if (view === undefined) return;
    setEditing(false);
    props.onDone(view);
    focusHeading();
  }

  /** The refusal of one window, by its field (`windows.N`). */
  const rowProblem = (index: number) => (send.problem()?.fieldErrors[`windows.${index}`] ? t('error.field.window') : undefined);

  return (
    <section class="card suggest-times" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {t('page.availability.heading')}
      </h2>
      <Show
        when={editing()}
        fallback={
          <>
            <Show when={props.view.hold?.purpose === 'window' ? props.view.hold : null}>
              {(hold) => <HeldTime token={props.token} hold={hold()} when={props.format.when} onDone={props.onDone} />}
            </Show>
            <p>{t('page.availability.waiting')}</p>
            <p>{t('page.availability.yours')}</p>
            <ul class="windows-sent">
              <For each={sent()?.windows ?? []}>
                {(w) => (
                  <li>
                    {props.format.when(w.start)} – {props.format.until(w.end)}
                  </li>
                )}
              </For>
            </ul>
            <button type="button" onClick={() => setEditing(true)}>
              {t('page.availability.change')}
            </button>
          </>
        }
      >
        <p>{t('page.availability.intro')}</p>
        <form onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
          <p class="hint">{t('page.availability.zone', { zone: props.format.zoneName })}</p>
          <For each={rows}>
            {(row, index) => (
              <fieldset class="window-row" aria-describedby={rowProblem(index()) ? `${id}-${row.key}-problem` : undefined}>
                <legend>{t('page.availability.window', { n: index() + 1 })}</legend>
                <div class="field">
                  <label for={`${id}-${row.key}-day`}>{t('page.availability.day')}</label>
                  <input id={`${id}-${row.key}-day`} type="date" required value={row.day} onInput={(e) => setRows(index(), 'day', e.currentTarget.value)} />
                </div>
                <div class="field">
                  <label for={`${id}-${row.key}-from`}>{t('page.availability.from')}</label>
                  <input id={`${id}-${row.key}-from`} type="time" required step="900" value={row.from} onInput={(e) => setRows(index(), 'from', e.currentTarget.value)} />
                </div>
                <div class="field">
                  <label for={`${id}-${row.key}-to`}>{t('page.availability.to')}</label>
                  <input id={`${id}-${row.key}-to`} type="time" required step="900" value={row.to} onInput={(e) => setRows(index(), 'to', e.currentTarget.value)} />
                </div>
                <Show when={rowProblem(index())}>
                  {(problem) => (
                    <p class="field-error" id={`${id}-${row.key}-problem`}>
                      {problem()}
                    </p>
                  )}
                </Show>
                <Show when={rows.length > 1}>
                  <button type="button" class="link-button" onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}>
                    {t('page.availability.remove', { n: index() + 1 })}
                  </button>
                </Show>
              </fieldset>
            )}
          </For>
          <Show when={rows.length < MAX_WINDOWS}>
            <button
              type="button"
              onClick={() => {
                const last = rows[rows.length - 1];
                setRows(rows.length, { key: next++, day: last?.day ?? dayInZone(props.zone, 1), from: last?.from ?? '09:00', to: last?.to ?? '12:00' });
              }}
            >
              {t('page.availability.add')}
            </button>
          </Show>
          <div class="field">
            <label for={`${id}-note`}>{t('page.availability.note')}</label>
            <textarea id={`${id}-note`} rows="3" maxLength={500} value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
          </div>
          <LiveMessage tone="error" when={send.problem()}>
            {problemText(send.problem())}
          </LiveMessage>
          <div class="actions">
            <button type="submit" disabled={send.pending()}>
              {send.pending() ? t('page.availability.sending') : t('page.availability.send')}
            </button>
          </div>
        </form>
      </Show>
    </section>
  );
}

/**
 * A free time inside the windows, held for the candidate alone until it expires (HR's `offer`,
 * docs/adr/0073): book it, or let it go and the search goes on.
 */
function HeldTime(props: { token: string; hold: NonNullable<CandidateView['hold']>; when: (iso: string) => string; onDone: SuggestTimesProps['onDone'] }) {
  return (
    <div class="held-time">
      <p>
        <strong>{t('page.availability.held', { when: props.when(props.hold.start), until: props.when(props.hold.expiresAt) })}</strong>
      </p>
      <HoldAnswer
        token={props.token}
        holdId={props.hold.id}
        takeIsPrimary
        words={{ take: t('page.availability.take'), pass: t('page.availability.pass'), taken: t('page.done.booked'), passed: t('page.availability.waiting') }}
        onDone={props.onDone}
      />
    </div>
  );
}
