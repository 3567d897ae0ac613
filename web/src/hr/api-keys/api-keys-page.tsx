import { For, Show, createResource, createSignal } from 'solid-js';
import { trpc } from '../../trpc';
import { usePageTitle } from '../../ui/page-title';
import { LiveMessage } from '../../ui/live-message';
import { Loaded } from '../loaded';
import { useIsAdmin } from '../session';
import { CreateKeyForm } from './create-key-form';
import { KeyRow } from './key-row';

/** /hr/api-keys: admins create, list and revoke the keys an ATS calls the REST API with (docs/adr/0021). */
export default function ApiKeysPage() {
  usePageTitle(() => 'API keys');
  const isAdmin = useIsAdmin();
  const [keys, { refetch }] = createResource(isAdmin, () => trpc.hr.apiKeys.list.query());
  const [notice, setNotice] = createSignal('');
  const changed = (what: string) => {
    setNotice(what);
    void refetch();
  };
  return (
    <>
      <h1>API keys</h1>
      <Show when={isAdmin()} fallback={<p class="empty">Only admins manage API keys.</p>}>
        <p class="hint">
          An ATS calls the REST API under <code>/api/v1</code> with <code>Authorization: Bearer &lt;key&gt;</code>. A key acts
          as an admin limited to its scopes: <strong>read</strong> for looking things up, <strong>write</strong> for changing
          them. Keys never manage keys or HR users.
        </p>
        <CreateKeyForm onCreated={() => void refetch()} />
        <h2>Keys</h2>
        <LiveMessage tone="success" when={notice()}>
          {notice()}
        </LiveMessage>
        <Loaded resource={keys} retry={() => void refetch()} what="API keys">
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="empty">No API keys yet.</p>}>
              <ul class="rows">
                <For each={list()}>{(key) => <KeyRow apiKey={key} onChanged={changed} />}</For>
              </ul>
            </Show>
          )}
        </Loaded>
      </Show>
    </>
  );
}
