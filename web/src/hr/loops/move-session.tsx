import { For, Show, createResource, createSignal } from 'solid-js';
import { trpc } from '../../api/trpc';
import { toApiProblem } from '../../api/api-error';
import { formatDateTime } from '../../time/format';
import { detectTimeZone } from '../../time/time-zones';
import { intlLocale } from '../../i18n/page-language';
import { createMutation } from '../../ui/create-mutation';
import { ProblemMessage } from '../problem-message';
import { ht } from '../hr-language';
import { HrWords } from '../hr-words';
import { Data } from '../../i18n/words';

/**
 * HR moves one booked session of a loop (docs/adr/0041): only to the times that keep the loop's
 * rules with the other sessions where they are, the same times the candidate's page offers.
 */
export function MoveSession(props: { loopId: string; sessionId: string; title: string; onChanged: (message: string) => void }) {
  const zone = detectTimeZone();
  const [wanted, setWanted] = createSignal(false);
  const [times] = createResource(wanted, () => trpc.hr.loops.moveTimes.query({ loopId: props.loopId, sessionId: props.sessionId }));
  // Read by state, not through the resource: its first read would suspend the page around the form.
  const listed = () => (times.state === 'ready' ? times.latest.times : undefined);
  const [start, setStart] = createSignal('');
  const [reason, setReason] = createSignal('');
  const move = createMutation(() => trpc.hr.loops.moveSession.mutate({ loopId: props.loopId, sessionId: props.sessionId, start: start(), reason: reason() }));
  const id = (part: string) => `move-${props.sessionId}-${part}`;
  // Opening the form takes its button away: focus moves to the time once the form is in the page.
  const focusWhenShown = (select: HTMLSelectElement) => queueMicrotask(() => select.focus());
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if ((await move.run()) === undefined) return;
    setWanted(false);
    props.onChanged(ht('hr.loop.moved', { title: props.title, when: formatDateTime(start(), zone, intlLocale()) }));
  }
  return (
    <Show
      when={wanted()}
      fallback={
        <button type="button" onClick={() => setWanted(true)}>
          {/* One child: the button lays out its children as flex items, which would drop the space before the title. */}
          <span>
            <HrWords message="hr.loop.moveSession" values={{ title: <Data>{props.title}</Data> }} />
          </span>
        </button>
      }
    >
      <form class="field move-session" onSubmit={submit}>
        <label for={id('time')}>{ht('hr.act.newTime', { zone: zone.replaceAll('_', ' ') })}</label>
        <select ref={focusWhenShown} id={id('time')} required value={start()} aria-describedby={id('hint')} onChange={(e) => setStart(e.currentTarget.value)}>
          <option value="">{times.state === 'pending' ? ht('hr.act.loadingTimes') : ht('hr.act.pickTime')}</option>
          <For each={listed() ?? []}>{(time) => <option value={time.start}>{formatDateTime(time.start, zone, intlLocale())}</option>}</For>
        </select>
        <p class="hint" id={id('hint')}>
          {listed()?.length === 0 ? ht('hr.loop.noTimes') : ht('hr.loop.moveHint')}
        </p>
        <Show when={times.state === 'errored'}>
          <ProblemMessage problem={toApiProblem(times.error)} />
        </Show>
        <label for={id('reason')}>{ht('hr.act.reason')}</label>
        <input id={id('reason')} type="text" required maxLength={500} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
        <div class="actions">
          <button type="submit" class="primary" disabled={move.pending() || start() === '' || reason().trim() === ''}>
            {move.pending() ? ht('hr.act.moving') : ht('hr.loop.moveTo')}
          </button>
          <button type="button" onClick={() => setWanted(false)}>
            {ht('hr.loop.keep')}
          </button>
        </div>
        <ProblemMessage problem={move.problem()} />
      </form>
    </Show>
  );
}
