import { createSignal } from 'solid-js';
import { trpc } from '../../api/trpc';
import { createMutation } from '../../ui/create-mutation';
import { messagesAt } from '../../ui/field-errors';
import { ProblemMessage } from '../problem-message';
import type { WebhookEventType } from '@portal/shared/webhook-events';
import { EventPicker } from './event-picker';
import type { WebhookEndpoint } from './webhook-types';
import { ht } from '../hr-language';

/** Change which events an endpoint receives; events already queued for it are still delivered. */
export function EditEvents(props: { endpoint: WebhookEndpoint; onSaved: (notice: string) => void; onCancel: () => void }) {
  const [events, setEvents] = createSignal<WebhookEventType[]>([...props.endpoint.events]);
  const [checkError, setCheckError] = createSignal<string | undefined>();
  const save = createMutation((chosen: WebhookEventType[]) => trpc.hr.webhooks.update.mutate({ id: props.endpoint.id, events: chosen }));
  const error = () => checkError() ?? messagesAt(save.problem()?.fieldErrors ?? {}, 'events');

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setCheckError(events().length === 0 ? ht('hr.hooks.chooseEvent') : undefined);
    if (events().length === 0) return;
    if ((await save.run(events())) !== undefined) props.onSaved(ht('hr.hooks.eventsSaved'));
  }

  return (
    <form onSubmit={submit} novalidate aria-label={ht('hr.hooks.eventsFor', { url: props.endpoint.url })}>
      <EventPicker id={`endpoint-${props.endpoint.id}-events`} selected={events()} onChange={setEvents} error={error()} />
      <ProblemMessage problem={save.problem()?.code === 'BAD_INPUT' && error() !== undefined ? null : save.problem()} />
      <div class="actions">
        <button type="submit" class="primary" disabled={save.pending()}>
          {save.pending() ? ht('hr.hooks.saving') : ht('hr.hooks.saveEvents')}
        </button>
        <button type="button" onClick={() => props.onCancel()}>
          {ht('hr.hooks.cancel')}
        </button>
      </div>
    </form>
  );
}
