import { For, Show, createSignal } from 'solid-js';
import { trpc, type ApiKeyRow } from '../../trpc';
import { formatDateTime, zoneLongName } from '../../time/format';
import { detectTimeZone } from '../../time/time-zones';
import { createMutation } from '../../ui/create-mutation';
import { ProblemMessage } from '../problem-message';
import { SCOPE_NAMES } from './scope-labels';

function When(props: { at: string | null; zone: string; never: string }) {
  return (
    <Show when={props.at} fallback={props.never}>
      {(at) => (
        <time datetime={at()}>
          {formatDateTime(at(), props.zone)} ({zoneLongName(props.zone)})
        </time>
      )}
    </Show>
  );
}

/** One key: what it may do, when it was made and last used, and revoking it after a confirm step. */
export function KeyRow(props: { apiKey: ApiKeyRow; onChanged: (notice: string) => void }) {
  const zone = detectTimeZone();
  const [confirming, setConfirming] = createSignal(false);
  const revoke = createMutation(() => trpc.hr.apiKeys.revoke.mutate({ id: props.apiKey.id }));
  const id = () => props.apiKey.id;

  async function confirmRevoke() {
    if ((await revoke.run()) === undefined) return;
    setConfirming(false);
    props.onChanged(`“${props.apiKey.name}” is revoked: calls with it are refused from now on.`);
  }

  return (
    <li class="row" aria-labelledby={`key-${id()}`}>
      <span class="row-title" id={`key-${id()}`}>
        {props.apiKey.name}
      </span>
      <span class="badges">
        <For each={props.apiKey.scopes}>{(scope) => <span class="badge">{SCOPE_NAMES[scope]}</span>}</For>
        <span class="badge" classList={{ warn: props.apiKey.revokedAt !== null }}>
          {props.apiKey.revokedAt === null ? 'Active' : 'Revoked'}
        </span>
      </span>
      <span class="row-sub">
        Key starts <code>{props.apiKey.prefix}_…</code>
      </span>
      <span class="row-sub">
        Created: <When at={props.apiKey.createdAt} zone={zone} never="unknown" />
      </span>
      <span class="row-sub">
        Last used: <When at={props.apiKey.lastUsedAt} zone={zone} never="never" />
      </span>
      <Show when={props.apiKey.revokedAt}>
        {(at) => (
          <span class="row-sub">
            Revoked: <When at={at()} zone={zone} never="" />
          </span>
        )}
      </Show>
      <Show when={props.apiKey.revokedAt === null}>
        <Show
          when={confirming()}
          fallback={
            <div class="actions">
              <button type="button" onClick={() => setConfirming(true)}>
                Revoke {props.apiKey.name}
              </button>
            </div>
          }
        >
          <div class="notice" role="alertdialog" aria-labelledby={`revoke-${id()}`}>
            <p id={`revoke-${id()}`}>Revoke “{props.apiKey.name}”? Every call with it is refused from then on; this cannot be undone.</p>
            <div class="actions">
              <button type="button" class="primary" disabled={revoke.pending()} onClick={() => void confirmRevoke()}>
                {revoke.pending() ? 'Revoking…' : 'Revoke key'}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </div>
          </div>
        </Show>
      </Show>
      <ProblemMessage problem={revoke.problem()} />
    </li>
  );
}
