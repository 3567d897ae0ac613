import { Show, createSignal } from 'solid-js';
import { WEBHOOK_EVENT_TYPES } from '@portal/shared/webhook-events';
import { trpc } from '../../trpc';
import { detectTimeZone } from '../../time/time-zones';
import { createMutation } from '../../ui/create-mutation';
import { LiveMessage } from '../../ui/live-message';
import { formatWhen, localizeInstants } from '../hr-time';
import { ProblemMessage } from '../problem-message';
import { DeliveryLog } from './delivery-log';
import { DeliveryStatusBadge } from './delivery-status';
import { EditEvents } from './edit-events';
import { DeleteEndpoint } from './delete-endpoint';
import { eventLabel } from './event-labels';
import type { WebhookEndpoint } from './webhook-types';

/**
 * One endpoint: where it points, what it receives, whether it is on (and why not), its last
 * delivery; the actions an admin takes on it; and its delivery log on request. A change re-reads
 * the list (`onChanged`); the list keeps this card, so its notice and open log stay.
 */
export function EndpointCard(props: { endpoint: WebhookEndpoint; onChanged: () => void; onRemoved: (notice: string) => void }) {
  const zone = detectTimeZone();
  const id = () => props.endpoint.id;
  const [notice, setNotice] = createSignal('');
  const [logOpen, setLogOpen] = createSignal(false);
  const [logVersion, setLogVersion] = createSignal(0);
  const [editing, setEditing] = createSignal(false);
  const sendTest = createMutation(() => trpc.hr.webhooks.test.mutate({ id: id() }));
  const setEnabled = createMutation((enabled: boolean) => trpc.hr.webhooks.update.mutate({ id: id(), enabled }));

  async function test() {
    if ((await sendTest.run()) === undefined) return;
    setNotice('Test event queued; its delivery shows below.');
    setLogOpen(true);
    setLogVersion((v) => v + 1);
  }
  async function toggle() {
    const enabled = !props.endpoint.enabled;
    if ((await setEnabled.run(enabled)) === undefined) return;
    setNotice(enabled ? 'Enabled: new events are delivered again.' : 'Disabled: no events are sent until you enable it.');
    props.onChanged();
  }
  const changed = (what: string) => {
    setNotice(what);
    setEditing(false);
    props.onChanged();
  };

  return (
    <li class="card endpoint" aria-labelledby={`endpoint-${id()}-title`}>
      <h3 class="endpoint-title" id={`endpoint-${id()}-title`}>
        {props.endpoint.url}
      </h3>
      <Show when={props.endpoint.description}>{(text) => <p>{text()}</p>}</Show>
      <p class="badges">
        <span class="badge" classList={{ warn: !props.endpoint.enabled }}>
          {props.endpoint.enabled ? 'Enabled' : 'Disabled'}
        </span>
      </p>
      <Show when={!props.endpoint.enabled}>
        <p class="hint" id={`endpoint-${id()}-disabled`}>
          {localizeInstants(disabledSentence(props.endpoint.disabledReason), zone)} Nothing is sent to it; enable it to send tests and new events again.
        </p>
      </Show>
      <dl class="facts">
        <dt>Events</dt>
        <dd>{eventsText(props.endpoint.events)}</dd>
        <dt>Last delivery</dt>
        <dd>
          <Show when={props.endpoint.lastDelivery} fallback="None yet">
            {(last) => (
              <>
                <DeliveryStatusBadge status={last().status} /> {last().statusCode === null ? '' : `HTTP ${last().statusCode} · `}
                {formatWhen(last().at, zone)}
              </>
            )}
          </Show>
        </dd>
        <dt>Added</dt>
        <dd>{formatWhen(props.endpoint.createdAt, zone)}</dd>
      </dl>
      <div class="actions" role="group" aria-label={`Actions for ${props.endpoint.url}`}>
        <button
          type="button"
          disabled={sendTest.pending() || !props.endpoint.enabled}
          aria-describedby={props.endpoint.enabled ? undefined : `endpoint-${id()}-disabled`}
          onClick={() => void test()}
        >
          {sendTest.pending() ? 'Sending…' : 'Send test'}
        </button>
        <button type="button" disabled={setEnabled.pending()} onClick={() => void toggle()}>
          {props.endpoint.enabled ? 'Disable' : 'Enable'}
        </button>
        <button type="button" aria-expanded={editing()} aria-controls={`endpoint-${id()}-edit`} onClick={() => setEditing(!editing())}>
          Edit events
        </button>
        <button type="button" aria-expanded={logOpen()} aria-controls={`endpoint-${id()}-log`} onClick={() => setLogOpen(!logOpen())}>
          {logOpen() ? 'Hide deliveries' : 'Show deliveries'}
        </button>
        <DeleteEndpoint endpoint={props.endpoint} onRemoved={props.onRemoved} />
      </div>
      <LiveMessage tone="success" when={notice()}>
        {notice()}
      </LiveMessage>
      <ProblemMessage problem={sendTest.problem() ?? setEnabled.problem()} />
      <div id={`endpoint-${id()}-edit`}>
        <Show when={editing()}>
          <EditEvents endpoint={props.endpoint} onSaved={changed} onCancel={() => setEditing(false)} />
        </Show>
      </div>
      <div id={`endpoint-${id()}-log`}>
        <Show when={logOpen()}>
          <DeliveryLog endpointId={id()} url={props.endpoint.url} enabled={props.endpoint.enabled} version={logVersion()} onSettled={props.onChanged} />
        </Show>
      </div>
    </li>
  );
}

/** "Disabled by admin@…" reads as it is; another reason ("the endpoint answered 410 Gone at …") follows "Disabled:". */
function disabledSentence(reason: string | null): string {
  if (reason === null || reason.trim() === '') return 'Disabled.';
  const text = reason.trim().replace(/\.$/, '');
  return /^disabled\b/i.test(text) ? `${text.charAt(0).toUpperCase()}${text.slice(1)}.` : `Disabled: ${text}.`;
}

function eventsText(events: readonly string[]): string {
  return WEBHOOK_EVENT_TYPES.every((type) => events.includes(type)) ? 'All events' : events.map(eventLabel).join(', ');
}
