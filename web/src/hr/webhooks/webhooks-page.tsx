import { For, Show, createEffect, createResource, createSignal } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { trpc } from '../../api/trpc';
import { detectTimeZone } from '../../time/time-zones';
import { LiveMessage } from '../../ui/live-message';
import { Loaded } from '../loaded';
import { useIsAdmin } from '../session';
import { AddEndpointForm } from './add-endpoint-form';
import { EndpointCard } from './endpoint-card';
import type { WebhookEndpoint } from './webhook-types';
import './webhooks.css';
import { ht } from '../hr-language';
import { ZoneNote } from '../hr-words';

/** /hr/webhooks: admins add, test, disable and inspect the endpoints that receive the portal's events. */
export default function WebhooksPage() {
  const isAdmin = useIsAdmin();
  const [list, { refetch }] = createResource(isAdmin, () => trpc.hr.webhooks.list.query());
  // Kept by id, so a re-read updates each card in place: its open log and notice survive.
  const [endpoints, setEndpoints] = createStore<WebhookEndpoint[]>([]);
  createEffect(() => {
    const latest = list.latest;
    if (latest !== undefined) setEndpoints(reconcile(latest, { key: 'id' }));
  });
  const [notice, setNotice] = createSignal('');
  let endpointsHeading: HTMLHeadingElement | undefined;
  // The deleted card took focus with it: the list's heading takes it, just above the notice.
  const removed = (what: string) => {
    setNotice(what);
    void refetch();
    endpointsHeading?.focus();
  };

  return (
    <>
      <h1>{ht('hr.hooks.title')}</h1>
      <p class="hint">{ht('hr.hooks.intro')}</p>
      <Show when={isAdmin()} fallback={<p class="empty">{ht('hr.hooks.adminsOnly')}</p>}>
        <AddEndpointForm onCreated={() => void refetch()} />
        <h2 tabIndex={-1} ref={endpointsHeading}>
          {ht('hr.hooks.endpoints')}
        </h2>
        <LiveMessage tone="success" when={notice()}>
          {notice()}
        </LiveMessage>
        <Loaded resource={list} retry={() => void refetch()} what={ht('hr.hooks.loading')}>
          {() => (
            <Show when={endpoints.length > 0} fallback={<p class="empty">{ht('hr.hooks.none')}</p>}>
              <p class="zone-note"><ZoneNote zone={detectTimeZone()} /></p>
              <ul class="rows">
                <For each={endpoints}>{(endpoint) => <EndpointCard endpoint={endpoint} onChanged={() => void refetch()} onRemoved={removed} />}</For>
              </ul>
            </Show>
          )}
        </Loaded>
      </Show>
    </>
  );
}
