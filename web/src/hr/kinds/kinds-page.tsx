import { Index, Match, Show, Switch, createResource } from 'solid-js';
import { trpc } from '../../trpc';
import { toApiProblem } from '../../api-error';
import { Loading } from '../../ui/loading';
import { ProblemMessage } from '../problem-message';
import { useIsAdmin } from '../session';
import { KindSettingsForm } from './kind-settings-form';

/** /hr/kinds: each interview kind's minimum notice, booking horizon and change cutoff. */
export default function KindsPage() {
  const isAdmin = useIsAdmin();
  const [kinds, { refetch }] = createResource(() => trpc.hr.kinds.list.query());
  return (
    <>
      <h1>Interview kinds</h1>
      <p class="hint">
        How soon and how far ahead candidates may book each kind, and until when they may change it. An invitation may set its own;
        changes here apply to invitations sent from now on.
      </p>
      <Show when={!isAdmin()}>
        <p class="empty">Only admins change these.</p>
      </Show>
      <Switch>
        <Match when={kinds.state === 'errored'}>
          <ProblemMessage problem={toApiProblem(kinds.error)} />
          <button type="button" onClick={() => void refetch()}>
            Try again
          </button>
        </Match>
        <Match when={kinds.latest === undefined}>
          <Loading what="interview kinds" />
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
