import { For, Show, createResource, createSignal } from 'solid-js';
import { trpc } from '../../api/trpc';
import { usePageTitle } from '../../ui/page-title';
import { LiveMessage } from '../../ui/live-message';
import { Loaded } from '../loaded';
import { useIsAdmin } from '../session';
import { CreateKeyForm } from './create-key-form';
import { KeyRow } from './key-row';
import { ht } from '../hr-language';
import { HrWords } from '../hr-words';

/** /hr/api-keys: admins create, list and revoke the keys an ATS calls the REST API with (docs/adr/0021). */
export default function ApiKeysPage() {
  usePageTitle(() => ht('hr.keys.title'));
  const isAdmin = useIsAdmin();
  const [keys, { refetch }] = createResource(isAdmin, () => trpc.hr.apiKeys.list.query());
  const [notice, setNotice] = createSignal('');
  const changed = (what: string) => {
    setNotice(what);
    void refetch();
  };
  return (
    <>
      <h1>{ht('hr.keys.title')}</h1>
      <Show when={isAdmin()} fallback={<p class="empty">{ht('hr.keys.adminsOnly')}</p>}>
        <p class="hint">
          <HrWords
            message="hr.keys.intro"
            values={{
              path: <code translate="no">/api/v1</code>,
              header: <code translate="no">Authorization: Bearer &lt;key&gt;</code>,
              read: <strong>{ht('hr.keys.scope.read')}</strong>,
              write: <strong>{ht('hr.keys.scope.write')}</strong>,
            }}
          />
        </p>
        <CreateKeyForm onCreated={() => void refetch()} />
        <h2>{ht('hr.keys.list')}</h2>
        <LiveMessage tone="success" when={notice()}>
          {notice()}
        </LiveMessage>
        <Loaded resource={keys} retry={() => void refetch()} what={ht('hr.keys.loading')}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="empty">{ht('hr.keys.none')}</p>}>
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
