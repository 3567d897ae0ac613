import { For, Show, createSignal } from 'solid-js';
import { trpc, type ApiKeyRow } from '../../api/trpc';
import { formatDateTime, zoneLongName } from '../../time/format';
import { detectTimeZone } from '../../time/time-zones';
import { createMutation } from '../../ui/create-mutation';
import { ProblemMessage } from '../problem-message';
import { scopeName } from './scope-labels';
import { ht } from '../hr-language';
import { HrWords } from '../hr-words';
import { Data } from '../../i18n/words';
import { intlLocale } from '../../i18n/page-language';

function When(props: { at: string | null; zone: string; never: string }) {
  return (
    <Show when={props.at} fallback={props.never}>
      {(at) => (
        <time datetime={at()}>
          {formatDateTime(at(), props.zone, intlLocale())} ({zoneLongName(props.zone, new Date(), intlLocale())})
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
    props.onChanged(ht('hr.keys.revoked', { name: props.apiKey.name }));
  }

  return (
    <li class="row" aria-labelledby={`key-${id()}`}>
      <span class="row-title" id={`key-${id()}`}>
        <Data>{props.apiKey.name}</Data>
      </span>
      <span class="badges">
        <For each={props.apiKey.scopes}>{(scope) => <span class="badge">{scopeName(scope)}</span>}</For>
        <span class="badge" classList={{ warn: props.apiKey.revokedAt !== null }}>
          {props.apiKey.revokedAt === null ? ht('hr.keys.active') : ht('hr.keys.revokedBadge')}
        </span>
      </span>
      <span class="row-sub">
        <HrWords message="hr.keys.starts" values={{ prefix: <code translate="no">{props.apiKey.prefix}_…</code> }} />
      </span>
      <span class="row-sub">
        <HrWords message="hr.keys.created" values={{ when: <When at={props.apiKey.createdAt} zone={zone} never={ht('hr.keys.unknown')} /> }} />
      </span>
      <span class="row-sub">
        <HrWords message="hr.keys.lastUsed" values={{ when: <When at={props.apiKey.lastUsedAt} zone={zone} never={ht('hr.keys.never')} /> }} />
      </span>
      <Show when={props.apiKey.revokedAt}>
        {(at) => (
          <span class="row-sub">
            <HrWords message="hr.keys.revokedAt" values={{ when: <When at={at()} zone={zone} never="" /> }} />
          </span>
        )}
      </Show>
      <Show when={props.apiKey.revokedAt === null}>
        <Show
          when={confirming()}
          fallback={
            <div class="actions">
              <button type="button" onClick={() => setConfirming(true)}>
                {/* The name is for screen readers: on screen the button says "Revoke" whole beside its row's title, however long the name. */}
                <HrWords message="hr.keys.revoke" values={{ name: <span class="visually-hidden"><Data>{props.apiKey.name}</Data></span> }} />
              </button>
            </div>
          }
        >
          <div class="notice" role="alertdialog" aria-labelledby={`revoke-${id()}`}>
            <p id={`revoke-${id()}`}>
              <HrWords message="hr.keys.revokeQuestion" values={{ name: <Data>{props.apiKey.name}</Data> }} />
            </p>
            <div class="actions">
              <button type="button" class="primary" disabled={revoke.pending()} onClick={() => void confirmRevoke()}>
                {revoke.pending() ? ht('hr.keys.revoking') : ht('hr.keys.revokeButton')}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                {ht('hr.keys.keep')}
              </button>
            </div>
          </div>
        </Show>
      </Show>
      <ProblemMessage problem={revoke.problem()} />
    </li>
  );
}
