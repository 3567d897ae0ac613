import { Show, createSignal } from 'solid-js';
import { WEBHOOK_EVENT_TYPES } from '@portal/shared/webhook-events';
import { trpc } from '../../api/trpc';
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
import { ht } from '../hr-language';
import { HrWords } from '../hr-words';
import { Data } from '../../i18n/words';

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
    setNotice(ht('hr.hooks.testQueued'));
    setLogOpen(true);
    setLogVersion((v) => v + 1);
  }
  async function toggle() {
    const enabled = !props.endpoint.enabled;
    if ((await setEnabled.run(enabled)) === undefined) return;
    setNotice(enabled ? ht('hr.hooks.enabledNotice') : ht('hr.hooks.disabledNotice'));
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
        <Data>{props.endpoint.url}</Data>
      </h3>
      <Show when={props.endpoint.description}>
        {(text) => (
          <p>
            <Data>{text()}</Data>
          </p>
        )}
      </Show>
      <p class="badges">
        <span class="badge" classList={{ warn: !props.endpoint.enabled }}>
          {props.endpoint.enabled ? ht('hr.hooks.enabled') : ht('hr.hooks.disabled')}
        </span>
      </p>
      <Show when={!props.endpoint.enabled}>
        <p class="hint" id={`endpoint-${id()}-disabled`}>
          <DisabledSentence reason={props.endpoint.disabledReason} zone={zone} /> {ht('hr.hooks.disabledSuffix')}
        </p>
      </Show>
      <dl class="facts">
        <dt>{ht('hr.hooks.eventsLabel')}</dt>
        <dd>{eventsText(props.endpoint.events)}</dd>
        <dt>{ht('hr.hooks.lastDelivery')}</dt>
        <dd>
          <Show when={props.endpoint.lastDelivery} fallback={ht('hr.hooks.noneYet')}>
            {(last) => (
              <>
                <DeliveryStatusBadge status={last().status} /> {last().statusCode === null ? '' : `HTTP ${last().statusCode} · `}
                {formatWhen(last().at, zone)}
              </>
            )}
          </Show>
        </dd>
        <dt>{ht('hr.hooks.added')}</dt>
        <dd>{formatWhen(props.endpoint.createdAt, zone)}</dd>
      </dl>
      <div class="actions" role="group" aria-label={ht('hr.hooks.actions', { url: props.endpoint.url })}>
        <button
          type="button"
          disabled={sendTest.pending() || !props.endpoint.enabled}
          aria-describedby={props.endpoint.enabled ? undefined : `endpoint-${id()}-disabled`}
          onClick={() => void test()}
        >
          {sendTest.pending() ? ht('hr.hooks.sending') : ht('hr.hooks.sendTest')}
        </button>
        <button type="button" disabled={setEnabled.pending()} onClick={() => void toggle()}>
          {props.endpoint.enabled ? ht('hr.hooks.disable') : ht('hr.hooks.enable')}
        </button>
        <button type="button" aria-expanded={editing()} aria-controls={`endpoint-${id()}-edit`} onClick={() => setEditing(!editing())}>
          {ht('hr.hooks.editEvents')}
        </button>
        <button type="button" aria-expanded={logOpen()} aria-controls={`endpoint-${id()}-log`} onClick={() => setLogOpen(!logOpen())}>
          {logOpen() ? ht('hr.hooks.hideDeliveries') : ht('hr.hooks.showDeliveries')}
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

/**
 * "Disabled by admin@…" is the server's record and reads as it is; another reason ("the endpoint
 * answered 410 Gone at …") follows "Disabled:" in the console's words. Both are data, not the console's.
 */
function DisabledSentence(props: { reason: string | null; zone: string }) {
  const text = () => localizeInstants((props.reason ?? '').trim().replace(/\.$/, ''), props.zone);
  return (
    <Show when={text() !== ''} fallback={ht('hr.hooks.disabledPlain')}>
      <Show when={!/^disabled\b/i.test(text())} fallback={<Data>{`${text().charAt(0).toUpperCase()}${text().slice(1)}.`}</Data>}>
        <HrWords message="hr.hooks.disabledReason" values={{ reason: <Data>{text()}</Data> }} />
      </Show>
    </Show>
  );
}

function eventsText(events: readonly string[]): string {
  return WEBHOOK_EVENT_TYPES.every((type) => events.includes(type)) ? ht('hr.hooks.allEvents') : events.map(eventLabel).join(', ');
}
