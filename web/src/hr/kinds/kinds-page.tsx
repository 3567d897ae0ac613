import { For, Match, Show, Switch, createResource } from 'solid-js';
import { trpc } from '../../api/trpc';
import { toApiProblem } from '../../api/api-error';
import { Loading } from '../../ui/loading';
import { ProblemMessage } from '../problem-message';
import { useIsAdmin } from '../session';
import { KindSettingsForm } from './kind-settings-form';
import { ArchiveKindButton, KindDefinitionForm } from './kind-definition-form';
import { kindTitle } from '../../i18n/page-language';
import { Data } from '../../i18n/words';
import { ht } from '../hr-language';

/**
 * /hr/kinds: every interview kind, the seeded three and HR's own (issue 50): its notice, horizon,
 * cutoff, meeting link and reminders; its titles, rules and scorecard kit; archived or not. Admins
 * add, change and archive kinds; changes apply to invitations from now on.
 */
export default function KindsPage() {
  const isAdmin = useIsAdmin();
  const [kinds, { refetch }] = createResource(async () => {
    const [all, settings] = await Promise.all([trpc.hr.kinds.all.query(), trpc.hr.kinds.list.query()]);
    return all.map((kind) => ({ kind, settings: settings.find((s) => s.kind === kind.id) }));
  });
  return (
    <>
      <h1>{ht('hr.kinds.title')}</h1>
      <p class="hint">{ht('hr.kinds.intro')}</p>
      <Show when={!isAdmin()}>
        <p class="empty">{ht('hr.kinds.adminsOnly')}</p>
      </Show>
      <Show when={isAdmin()}>
        <details class="card new-kind">
          <summary>{ht('hr.kinds.add')}</summary>
          <KindDefinitionForm editable onSaved={() => void refetch()} />
        </details>
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
            // By id, so a refetch after a save keeps each kind's forms (and their messages) in place.
            <For each={list()}>
              {({ kind, settings }) => (
                <section class="kind" aria-labelledby={`kind-${kind.id}-title`}>
                  <Show
                    when={settings}
                    fallback={
                      <h2 class="card" id={`kind-${kind.id}-title`}>
                        <Data>{kindTitle(kind.id, kind.titles.en, kind.titles)}</Data> <span class="row-sub">{ht('hr.kinds.archived')}</span>
                      </h2>
                    }
                  >
                    {(active) => <KindSettingsForm settings={active()} editable={isAdmin()} onSaved={() => void refetch()} />}
                  </Show>
                  <details class="card">
                    <summary>{ht('hr.kinds.definition')}</summary>
                    <KindDefinitionForm kind={kind} editable={isAdmin()} onSaved={() => void refetch()} />
                  </details>
                  <Show when={isAdmin()}>
                    <ArchiveKindButton kind={kind} onChanged={() => void refetch()} />
                  </Show>
                </section>
              )}
            </For>
          )}
        </Match>
      </Switch>
    </>
  );
}
