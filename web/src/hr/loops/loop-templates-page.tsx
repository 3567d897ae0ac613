import { For, Show, createResource, createSignal } from 'solid-js';
import { trpc, type LoopTemplate } from '../../api/trpc';
import { createMutation } from '../../ui/create-mutation';
import { LiveMessage } from '../../ui/live-message';
import { Data } from '../../i18n/words';
import { ProblemMessage } from '../problem-message';
import { Loaded } from '../loaded';
import { useIsAdmin } from '../session';
import { ht } from '../hr-language';
import { LoopTemplateForm } from './loop-template-form';
import { blankTemplate, draftOf, type TemplateDraft } from './template-draft';

/** /hr/loop-templates: each position's loop (sessions in order, layout rules); admins create, edit and delete them. */
export default function LoopTemplatesPage() {
  const isAdmin = useIsAdmin();
  const [templates, { refetch }] = createResource(() => trpc.hr.loops.templates.query());
  const [interviewers] = createResource(isAdmin, () => trpc.hr.interviewers.list.query());
  const [editing, setEditing] = createSignal<TemplateDraft | null>(null);
  const [notice, setNotice] = createSignal('');
  const open = (draft: TemplateDraft) => {
    setNotice('');
    setEditing(draft);
    document.getElementById('tpl-name')?.focus();
  };

  return (
    <>
      <div class="page-title">
        <h1>{ht('hr.templates.title')}</h1>
        <Show when={isAdmin() && editing() === null}>
          <button type="button" class="primary" onClick={() => open(blankTemplate())}>
            {ht('hr.templates.new')}
          </button>
        </Show>
      </div>
      <p class="hint">{ht('hr.templates.intro')}</p>
      <Show when={!isAdmin()}>
        <p class="empty">{ht('hr.templates.adminsOnly')}</p>
      </Show>
      <LiveMessage tone="success" when={notice()}>
        {notice()}
      </LiveMessage>
      <Show when={editing()} keyed>
        {(draft) => (
          <LoopTemplateForm
            initial={draft}
            interviewers={interviewers.latest ?? []}
            onClose={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              setNotice(ht('hr.templates.saved'));
              void refetch();
            }}
          />
        )}
      </Show>
      <Loaded resource={templates} retry={() => void refetch()} what={ht('hr.templates.loading')}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p class="empty">{ht('hr.templates.none')}</p>}>
            <ul class="rows">
              <For each={list()}>
                {(template) => (
                  <TemplateRow
                    template={template}
                    editable={isAdmin()}
                    onEdit={() => open(draftOf(template))}
                    onRemoved={() => {
                      setNotice(ht('hr.templates.deleted'));
                      void refetch();
                    }}
                  />
                )}
              </For>
            </ul>
          </Show>
        )}
      </Loaded>
    </>
  );
}

function TemplateRow(props: { template: LoopTemplate; editable: boolean; onEdit: () => void; onRemoved: () => void }) {
  const remove = createMutation(() => trpc.hr.loops.removeTemplate.mutate({ id: props.template.id }));
  const rules = () => props.template.rules;
  return (
    <li class="row template-row">
      <span class="row-title">
        <Data>{props.template.name}</Data>
      </span>
      <span>
        <Data>{props.template.position}</Data> · {ht('hr.loop.sessions', { count: props.template.sessions.length })}
      </span>
      <ol class="loop-sessions">
        <For each={props.template.sessions}>{(session) => <li><Data>{session.title}</Data></li>}</For>
      </ol>
      <span class="row-sub">
        {ht('hr.loop.rulesText', { order: rules().order, min: rules().minBreakMinutes, max: rules().maxBreakMinutes, days: rules().days, perDay: rules().maxSessionsPerDay })}
      </span>
      <Show when={props.editable}>
        <span class="actions">
          <button type="button" onClick={() => props.onEdit()}>
            {ht('hr.templates.edit')} <Named name={props.template.name} />
          </button>
          <button
            type="button"
            class="danger-quiet"
            disabled={remove.pending()}
            onClick={() => void remove.run().then((done) => done && props.onRemoved())}
          >
            {remove.pending() ? ht('hr.templates.deleting') : ht('hr.templates.delete')} <Named name={props.template.name} />
          </button>
        </span>
        <ProblemMessage problem={remove.problem()} />
      </Show>
    </li>
  );
}

/** Which template a row's button acts on, for those who hear the button alone; the row shows the name already. */
function Named(props: { name: string }) {
  return (
    <span class="visually-hidden">
      <Data>{props.name}</Data>
    </span>
  );
}
