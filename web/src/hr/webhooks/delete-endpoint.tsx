import { Show, createSignal } from 'solid-js';
import { trpc } from '../../trpc';
import { createMutation } from '../../ui/create-mutation';
import { ProblemMessage } from '../problem-message';
import type { WebhookEndpoint } from './webhook-types';

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
    if ((await remove.run()) !== undefined) props.onRemoved(`Deleted ${props.endpoint.url}; nothing more is sent to it.`);
  }

  return (
    <>
      <button type="button" class="danger-quiet" ref={opener} aria-expanded={asking()} onClick={() => setAsking(true)}>
        Delete
      </button>
      <Show when={asking()}>
        <div
          class="notice confirm-delete"
          role="alertdialog"
          aria-labelledby={`${dialogId()}-question`}
          onKeyDown={(e) => e.key === 'Escape' && close()}
        >
          <p id={`${dialogId()}-question`}>
            Delete the endpoint {props.endpoint.url}? Nothing more is sent to it and deliveries still queued are skipped. Its delivery
            log is kept.
          </p>
          <div class="actions">
            <button type="button" class="danger" ref={(el) => queueMicrotask(() => el.focus())} disabled={remove.pending()} onClick={() => void confirm()}>
              {remove.pending() ? 'Deleting…' : 'Delete endpoint'}
            </button>
            <button type="button" onClick={close}>
              Keep it
            </button>
          </div>
          <ProblemMessage problem={remove.problem()} />
        </div>
      </Show>
    </>
  );
}
