import { For, Show, createResource, createSignal } from 'solid-js';
import { trpc } from '../../api/trpc';
import { LiveMessage } from '../../ui/live-message';
import { Loaded } from '../loaded';
import { useIsAdmin } from '../session';
import { CreateUserForm } from './create-user-form';
import { UserRow } from './user-row';
import { ht } from '../hr-language';

/** /hr/users: admins add HR users, disable or enable them, reset passwords and change roles. */
export default function UsersPage() {
  const isAdmin = useIsAdmin();
  const [users, { refetch }] = createResource(isAdmin, () => trpc.hr.users.list.query());
  const [notice, setNotice] = createSignal('');
  const changed = (what: string) => {
    setNotice(what);
    void refetch();
  };
  return (
    <>
      <h1>{ht('hr.users.title')}</h1>
      <Show when={isAdmin()} fallback={<p class="empty">{ht('hr.users.adminsOnly')}</p>}>
        <CreateUserForm onCreated={() => void refetch()} />
        <h2>{ht('hr.users.everyone')}</h2>
        <LiveMessage tone="success" when={notice()}>
          {notice()}
        </LiveMessage>
        <Loaded resource={users} retry={() => void refetch()} what={ht('hr.users.loading')}>
          {(list) => (
              <Show when={list().length > 0} fallback={<p class="empty">{ht('hr.users.none')}</p>}>
                <ul class="rows">
                  <For each={list()}>{(user) => <UserRow user={user} onChanged={changed} />}</For>
                </ul>
              </Show>
          )}
        </Loaded>
      </Show>
    </>
  );
}
