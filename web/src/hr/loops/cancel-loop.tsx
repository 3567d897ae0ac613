import { Show, createSignal } from 'solid-js';
import { trpc, type HrLoopDetail } from '../../api/trpc';
import { createMutation } from '../../ui/create-mutation';
import { ProblemMessage } from '../problem-message';
import { ht } from '../hr-language';

/** HR cancels a whole loop for the candidate, through the loop's workflow: every session is cancelled and its panel told. */
export function CancelLoop(props: { loop: HrLoopDetail; onChanged: (message: string) => void }) {
  const [reason, setReason] = createSignal('');
  const cancel = createMutation(() => trpc.hr.loops.cancel.mutate({ loopId: props.loop.loopId, reason: reason() }));
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if ((await cancel.run()) !== undefined) props.onChanged(ht('hr.loop.cancelled'));
  }
  return (
    <Show when={props.loop.status === 'INVITED' || props.loop.status === 'BOOKED'}>
      <section class="card" aria-labelledby="cancel-loop-title">
        <h2 id="cancel-loop-title">{ht('hr.loop.cancelTitle')}</h2>
        <form class="field" onSubmit={submit} aria-labelledby="cancel-loop-title">
          <label for="loop-cancel-reason">{ht('hr.act.cancelReason')}</label>
          <input id="loop-cancel-reason" type="text" required maxLength={500} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
          <button type="submit" class="danger" disabled={cancel.pending() || reason().trim() === ''}>
            {cancel.pending() ? ht('hr.act.cancelling') : ht('hr.loop.cancel')}
          </button>
          <ProblemMessage problem={cancel.problem()} />
        </form>
      </section>
    </Show>
  );
}
