import { For } from 'solid-js';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@portal/shared/webhook-events';
import { FieldError } from '../../ui/field-error';
import { eventLabel } from './event-labels';
import { ht } from '../hr-language';

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
      <legend>{ht('hr.hooks.events')}</legend>
      <label class="check">
        <input type="checkbox" checked={all()} onChange={(e) => props.onChange(e.currentTarget.checked ? [...WEBHOOK_EVENT_TYPES] : [])} />
        <span>{ht('hr.hooks.allEvents')}</span>
      </label>
      <For each={WEBHOOK_EVENT_TYPES}>
        {(type) => (
          <label class="check">
            <input type="checkbox" checked={props.selected.includes(type)} onChange={(e) => toggle(type, e.currentTarget.checked)} />
            <span>
              {eventLabel(type)}{' '}
              <code class="row-sub" translate="no">
                {type}
              </code>
            </span>
          </label>
        )}
      </For>
      <FieldError id={`${props.id}-error`} message={props.error} />
    </fieldset>
  );
}
