import { Index, Match, Show, Switch, createResource } from 'solid-js';
import { trpc } from '../../api/trpc';
import { toApiProblem } from '../../api/api-error';
import { Loading } from '../../ui/loading';
import { ProblemMessage } from '../problem-message';
import { useIsAdmin } from '../session';
import { KindSettingsForm } from './kind-settings-form';
import { ht } from '../hr-language';

/** /hr/kinds: each interview kind's minimum notice, booking horizon and change cutoff. */
export default function KindsPage() {
  const isAdmin = useIsAdmin();
  const [kinds, { refetch }] = createResource(() => trpc.hr.kinds.list.query());
  return (
    <>
      <h1>{ht('hr.kinds.title')}</h1>
      <p class="hint">{ht('hr.kinds.intro')}</p>
      <Show when={!isAdmin()}>
        <p class="empty">{ht('hr.kinds.adminsOnly')}</p>
      </Show>
      <Switch>
        <Match when={kinds.state === 'errored'}>
          <ProblemMessage problem={toApiProblem(kinds.error)} />
          <button type="button" onClick={() => void refetch()}>
            {ht('hr.tryAgain')}
          </button>
        </Match>
        <Match when={kinds.latest === undefined}>
          <Loading text={ht('hr.kinds.loading')} />
        </Match>
        <Match when={kinds.latest}>
          {(list) => (
            // By position, so a refetch after a save updates each form in place and keeps its message.
            <Index each={list()}>{(settings) => <KindSettingsForm settings={settings()} editable={isAdmin()} onSaved={() => void refetch()} />}</Index>
          )}
        </Match>
      </Switch>
    </>
  );
}
