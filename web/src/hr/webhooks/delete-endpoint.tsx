import { Show, createSignal } from 'solid-js';
import { trpc } from '../../api/trpc';
import { createMutation } from '../../ui/create-mutation';
import { ProblemMessage } from '../problem-message';
import type { WebhookEndpoint } from './webhook-types';
import { ht } from '../hr-language';
import { HrWords } from '../hr-words';
import { Data } from '../../i18n/words';

/** Delete asks first, in place; "Keep it" and Escape leave everything as it was. */
export function DeleteEndpoint(props: { endpoint: WebhookEndpoint; onRemoved: (notice: string) => void }) {
  const [asking, setAsking] = createSignal(false);
  const remove = createMutation(() => trpc.hr.webhooks.remove.mutate({ id: props.endpoint.id }));
  const dialogId = () => `endpoint-${props.endpoint.id}-delete`;
  let opener: HTMLButtonElement | undefined;

  const close = () => {
    setAsking(false);
    opener?.focus();
  };
  async function confirm() {
    if ((await remove.run()) !== undefined) props.onRemoved(ht('hr.hooks.deleted', { url: props.endpoint.url }));
  }

  return (
    <>
      <button type="button" class="danger-quiet" ref={opener} aria-expanded={asking()} onClick={() => setAsking(true)}>
        {ht('hr.hooks.delete')}
      </button>
      <Show when={asking()}>
        <div
          class="notice confirm-delete"
          role="alertdialog"
          aria-labelledby={`${dialogId()}-question`}
          onKeyDown={(e) => e.key === 'Escape' && close()}
        >
          <p id={`${dialogId()}-question`}>
            <HrWords message="hr.hooks.deleteQuestion" values={{ url: <Data>{props.endpoint.url}</Data> }} />
          </p>
          <div class="actions">
            <button type="button" class="danger" ref={(el) => queueMicrotask(() => el.focus())} disabled={remove.pending()} onClick={() => void confirm()}>
              {remove.pending() ? ht('hr.hooks.deleting') : ht('hr.hooks.deleteButton')}
            </button>
            <button type="button" onClick={close}>
              {ht('hr.hooks.keep')}
            </button>
          </div>
          <ProblemMessage problem={remove.problem()} />
        </div>
      </Show>
    </>
  );
}
