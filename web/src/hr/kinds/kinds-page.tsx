import { For, Match, Show, Switch, createResource } from 'solid-js';
import { trpc } from '../../api/trpc';
import { toApiProblem } from '../../api/api-error';
import { Loading } from '../../ui/loading';
import { ProblemMessage } from '../problem-message';
import { useIsAdmin } from '../session';
import { KindSettingsForm } from './kind-settings-form';
import { ArchiveKindButton, KindDefinitionForm, type KindDefinition } from './kind-definition-form';
import type { KindSettings } from './kind-settings-form';
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
            // By id (a string, the same after a refetch), so a save's refetch keeps each kind's
            // forms and their messages in place instead of drawing them anew.
            <For each={list().map((entry) => entry.kind.id)}>
              {(id) => {
                const entry = () => list().find((e) => e.kind.id === id);
                return (
                  <Show when={entry()}>
                    {(current) => <KindSection kind={current().kind} settings={current().settings} isAdmin={isAdmin()} onChanged={() => void refetch()} />}
                  </Show>
                );
              }}
            </For>
          )}
        </Match>
      </Switch>
    </>
  );
}

/** One kind: its notice, meeting link and reminders (while it takes invitations), its titles, rules and kit, and its archiving. */
function KindSection(props: { kind: KindDefinition; settings: KindSettings | undefined; isAdmin: boolean; onChanged: () => void }) {
  return (
    <section class="kind" aria-labelledby={`kind-${props.kind.id}-title`}>
      <Show
        when={props.settings}
        fallback={
          <h2 class="card" id={`kind-${props.kind.id}-title`}>
            <Data>{kindTitle(props.kind.id, props.kind.titles.en, props.kind.titles)}</Data> <span class="row-sub">{ht('hr.kinds.archived')}</span>
          </h2>
        }
      >
        {(active) => <KindSettingsForm settings={active()} editable={props.isAdmin} onSaved={props.onChanged} />}
      </Show>
      <details class="card">
        <summary>{ht('hr.kinds.definition')}</summary>
        <KindDefinitionForm kind={props.kind} editable={props.isAdmin} onSaved={props.onChanged} />
      </details>
      <Show when={props.isAdmin}>
        <ArchiveKindButton kind={props.kind} onChanged={props.onChanged} />
      </Show>
    </section>
  );
}
