import { For } from 'solid-js';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@portal/shared/webhook-events';
import { FieldError } from '../../ui/field-error';
import { EVENT_LABELS } from './event-labels';

/** The events an endpoint receives, as ticked boxes with the type's name beside its meaning. */
export function EventPicker(props: {
  id: string;
  selected: readonly WebhookEventType[];
  onChange: (events: WebhookEventType[]) => void;
  error: string | undefined;
  disabled?: boolean;
}) {
  const toggle = (type: WebhookEventType, on: boolean) => {
    const next = new Set<WebhookEventType>(props.selected);
    if (on) next.add(type);
    else next.delete(type);
    // Kept in the list's order, so the saved set reads the same way everywhere.
    props.onChange(WEBHOOK_EVENT_TYPES.filter((t) => next.has(t)));
  };
  const all = () => WEBHOOK_EVENT_TYPES.every((t) => props.selected.includes(t));
  return (
    <fieldset aria-describedby={`${props.id}-error`} aria-invalid={props.error !== undefined} disabled={props.disabled}>
      <legend>Events to send</legend>
      <label class="check">
        <input type="checkbox" checked={all()} onChange={(e) => props.onChange(e.currentTarget.checked ? [...WEBHOOK_EVENT_TYPES] : [])} />
        <span>All events</span>
      </label>
      <For each={WEBHOOK_EVENT_TYPES}>
        {(type) => (
          <label class="check">
            <input type="checkbox" checked={props.selected.includes(type)} onChange={(e) => toggle(type, e.currentTarget.checked)} />
            <span>
              {EVENT_LABELS[type]} <code class="row-sub">{type}</code>
            </span>
          </label>
        )}
      </For>
      <FieldError id={`${props.id}-error`} message={props.error} />
    </fieldset>
  );
}
