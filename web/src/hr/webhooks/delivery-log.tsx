import { For, Show, createEffect, createResource, createSignal, on, onCleanup } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { A } from '@solidjs/router';
import { trpc } from '../../api/trpc';
import { detectTimeZone } from '../../time/time-zones';
import { createMutation } from '../../ui/create-mutation';
import { LiveMessage } from '../../ui/live-message';
import { formatWhen } from '../hr-time';
import { Loaded } from '../loaded';
import { ProblemMessage } from '../problem-message';
import { DeliveryStatusBadge, attemptsText, responseSummary } from './delivery-status';
import { eventLabel } from './event-labels';
import type { WebhookDelivery } from './webhook-types';
import { ht } from '../hr-language';
import { HrWords, ZoneNote } from '../hr-words';
import { Data } from '../../i18n/words';

/** How often an open log asks again while a delivery is still on its way. */
const PENDING_POLL_MS = 1_500;

/**
 * One endpoint's deliveries, newest first. While any is pending the newest page is read again
 * every PENDING_POLL_MS; once none is and the log changed, `onSettled` lets the page re-read the
 * endpoint (a 410 has disabled it, its last delivery changed). `version` changes force a read at once.
 */
export function DeliveryLog(props: { endpointId: string; url: string; enabled: boolean; version: number; onSettled: () => void }) {
  const zone = detectTimeZone();
  const [newest, { refetch }] = createResource(
    () => [props.endpointId, props.version] as const,
    ([id]) => trpc.hr.webhooks.deliveries.query({ id }),
  );
  const [older, setOlder] = createSignal<WebhookDelivery[]>([]);
  const [olderCursor, setOlderCursor] = createSignal<string | null | undefined>(undefined);
  const more = createMutation((cursor: string) => trpc.hr.webhooks.deliveries.query({ id: props.endpointId, cursor }));
  const [notice, setNotice] = createSignal('');

  const redelivered = (what: string) => {
    setNotice(what);
    void refetch();
  };

  const pending = () => (newest.latest?.items ?? []).some((d) => d.status === 'pending');
  createEffect(() => {
    if (newest.loading || !pending()) return;
    const timer = setTimeout(() => void refetch(), PENDING_POLL_MS);
    onCleanup(() => clearTimeout(timer));
  });
  // A delivery may settle before the log first sees it pending (a fast receiver): what counts is
  // that the settled log differs from the last one the page was told about.
  let told = '';
  createEffect(
    on(
      () => newest.latest,
      (page) => {
        if (page === undefined || pending()) return;
        const settled = page.items.map((d) => `${d.id}:${d.status}:${d.attempts}`).join(',');
        if (settled === told) return;
        told = settled;
        props.onSettled();
      },
    ),
  );

  // Kept by id, so a poll updates rows in place: a keyboard user's focus on a row's button stays.
  const [rows, setRows] = createStore<WebhookDelivery[]>([]);
  createEffect(() => {
    const first = newest.latest?.items ?? [];
    const seen = new Set(first.map((d) => d.id));
    setRows(reconcile([...first, ...older().filter((d) => !seen.has(d.id))], { key: 'id' }));
  });
  const nextCursor = () => {
    const cursor = olderCursor();
    return cursor === undefined ? (newest.latest?.nextCursor ?? null) : cursor;
  };
  async function showOlder() {
    const cursor = nextCursor();
    if (cursor === null) return;
    const page = await more.run(cursor);
    if (page === undefined) return;
    setOlder((list) => [...list, ...page.items]);
    setOlderCursor(page.nextCursor ?? null);
  }

  return (
    <section class="delivery-log" aria-labelledby={`log-${props.endpointId}-title`} aria-busy={newest.loading}>
      <div class="log-head">
        <h3 id={`log-${props.endpointId}-title`}>
          {ht('hr.hooks.deliveries')}
          <span class="visually-hidden">
            <HrWords message="hr.hooks.deliveriesTo" values={{ url: <Data>{props.url}</Data> }} />
          </span>
        </h3>
        <button type="button" class="quiet" disabled={newest.loading} onClick={() => void refetch()}>
          {ht('hr.hooks.refresh')}
          <span class="visually-hidden">
            <HrWords message="hr.hooks.deliveriesTo" values={{ url: <Data>{props.url}</Data> }} />
          </span>
        </button>
      </div>
      <LiveMessage tone="success" when={notice()}>
        {notice()}
      </LiveMessage>
      <Loaded resource={newest} retry={() => void refetch()} what={ht('hr.hooks.loadingDeliveries')}>
        {() => (
          <Show when={rows.length > 0} fallback={<p class="empty">{ht('hr.hooks.noDeliveries')}</p>}>
            <p class="zone-note">
              <ZoneNote zone={zone} />
              {pending() ? ht('hr.hooks.refreshing') : ''}
            </p>
            <ul class="rows">
              <For each={rows}>
                {(delivery) => <DeliveryRow delivery={delivery} zone={zone} canRedeliver={props.enabled} onRedelivered={redelivered} />}
              </For>
            </ul>
            <Show when={nextCursor() !== null}>
              <button type="button" disabled={more.pending()} onClick={() => void showOlder()}>
                {more.pending() ? ht('hr.hooks.loadingMore') : ht('hr.hooks.older')}
              </button>
            </Show>
            <ProblemMessage problem={more.problem()} />
          </Show>
        )}
      </Loaded>
    </section>
  );
}

function DeliveryRow(props: { delivery: WebhookDelivery; zone: string; canRedeliver: boolean; onRedelivered: (notice: string) => void }) {
  const redeliver = createMutation(() => trpc.hr.webhooks.redeliver.mutate({ deliveryId: props.delivery.id }));
  const when = (iso: string | null) => (iso === null ? null : formatWhen(iso, props.zone));
  const label = () => eventLabel(props.delivery.type);

  async function again() {
    if ((await redeliver.run()) !== undefined) props.onRedelivered(ht('hr.hooks.resent', { event: label() }));
  }

  return (
    <li class="row delivery">
      <span>
        <span class="row-title">{label()}</span>{' '}
        <code class="row-sub" translate="no">
          {props.delivery.type}
        </code>
        <Show when={props.delivery.interviewId}>
          {(id) => (
            <span class="row-sub delivery-interview">
              <A href={`/hr/interviews/${encodeURIComponent(id())}`}>{ht('hr.hooks.openInterview')}</A>
            </span>
          )}
        </Show>
      </span>
      <span class="badges">
        <DeliveryStatusBadge status={props.delivery.status} />
        <span class="badge">{attemptsText(props.delivery.attempts)}</span>
      </span>
      <span class="row-sub delivery-response" translate={props.delivery.lastStatusCode === null && props.delivery.lastError === null ? undefined : 'no'}>
        {responseSummary(props.delivery)}
      </span>
      <span class="row-sub delivery-times">
        {ht('hr.hooks.queued', { when: when(props.delivery.createdAt) ?? '' })}
        <Show when={when(props.delivery.lastAttemptAt)}>{(at) => ht('hr.hooks.lastTry', { when: at() })}</Show>
        <Show when={when(props.delivery.deliveredAt)}>{(at) => ht('hr.hooks.deliveredAt', { when: at() })}</Show>
      </span>
      <div class="actions">
        <button type="button" disabled={redeliver.pending() || !props.canRedeliver || props.delivery.status === 'pending'} onClick={() => void again()}>
          {redeliver.pending() ? ht('hr.hooks.sending') : ht('hr.hooks.redeliver')}
          <span class="visually-hidden">
            {ht('hr.hooks.redeliverOf', { event: label(), when: when(props.delivery.createdAt) ?? '' })}
          </span>
        </button>
      </div>
      <ProblemMessage problem={redeliver.problem()} />
    </li>
  );
}
