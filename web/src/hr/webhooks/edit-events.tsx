import { createSignal } from 'solid-js';
import { trpc } from '../../trpc';
import { createMutation } from '../../ui/create-mutation';
import { messagesAt } from '../../ui/field-errors';
import { ProblemMessage } from '../problem-message';
import type { WebhookEventType } from '@portal/shared/webhook-events';
import { EventPicker } from './event-picker';
import type { WebhookEndpoint } from './webhook-types';

/** Change which events an endpoint receives; events already queued for it are still delivered. */
export function EditEvents(props: { endpoint: WebhookEndpoint; onSaved: (notice: string) => void; onCancel: () => void }) {
  const [events, setEvents] = createSignal<WebhookEventType[]>([...props.endpoint.events]);
  const [checkError, setCheckError] = createSignal<string | undefined>();
  const save = createMutation((chosen: WebhookEventType[]) => trpc.hr.webhooks.update.mutate({ id: props.endpoint.id, events: chosen }));
  const error = () => checkError() ?? messagesAt(save.problem()?.fieldErrors ?? {}, 'events');

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setCheckError(events().length === 0 ? 'Choose at least one event' : undefined);
    if (events().length === 0) return;
    if ((await save.run(events())) !== undefined) props.onSaved('Events saved.');
  }

  return (
    <form onSubmit={submit} novalidate aria-label={`Events for ${props.endpoint.url}`}>
      <EventPicker id={`endpoint-${props.endpoint.id}-events`} selected={events()} onChange={setEvents} error={error()} />
      <ProblemMessage problem={save.problem()?.code === 'BAD_INPUT' && error() !== undefined ? null : save.problem()} />
      <div class="actions">
        <button type="submit" class="primary" disabled={save.pending()}>
          {save.pending() ? 'Saving…' : 'Save events'}
        </button>
        <button type="button" onClick={() => props.onCancel()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
